import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { errorResult } from '../results'
import type { RestReply } from '../types'

/** Go's time.Duration String() for whole seconds (`59s`, `1m0s`, `1h0m0s`), as the official server prints. */
function goDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  if (h) return `${h}h${m}m${rest}s`
  if (m) return `${m}m${rest}s`
  return `${rest}s`
}

/**
 * A failed REST call as github-mcp-server reports it (pkg/errors NewGitHubAPIErrorResponse over
 * go-github's error strings): `failed to create issue: POST <url>: 404 Not Found []`, and its own
 * sentences for primary and secondary rate limits.
 */
export function githubError(message: string, reply: RestReply, now = Date.now()): CallToolResult {
  const method = reply.method.toUpperCase()
  if (reply.status === 0) {
    const goMethod = method[0] + method.slice(1).toLowerCase()
    return errorResult(`${message}: ${goMethod} "${reply.url}": EOF`)
  }
  const retryAfter = reply.headers.get('retry-after')
  if ((reply.status === 403 || reply.status === 429) && retryAfter !== null) {
    const wait = Number(retryAfter)
    return errorResult(
      wait > 0
        ? `${message}: GitHub secondary rate limit exceeded. Retry after ${goDuration(wait)}.`
        : `${message}: GitHub secondary rate limit exceeded. Wait before retrying.`,
    )
  }
  if ((reply.status === 403 || reply.status === 429) && reply.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(reply.headers.get('x-ratelimit-reset')) * 1000 - now
    return errorResult(
      reset > 0
        ? `${message}: GitHub API rate limit exceeded. Retry after ${goDuration(reset / 1000)}.`
        : `${message}: GitHub API rate limit exceeded. Wait before retrying.`,
    )
  }
  return errorResult(`${message}: ${goErrorText(reply)}`)
}

/** go-github's ErrorResponse.Error(): `GET <url>: 404 Not Found []`. */
function goErrorText(reply: RestReply): string {
  const body = typeof reply.body === 'object' && reply.body !== null ? reply.body : {}
  const apiMessage = typeof body.message === 'string' ? body.message : String(reply.body ?? '')
  const errors = Array.isArray(body.errors)
    ? `[${body.errors.map((e: Record<string, unknown>) => `{Resource:${e.resource ?? ''} Field:${e.field ?? ''} Code:${e.code ?? ''} Message:${e.message ?? ''}}`).join(' ')}]`
    : '[]'
  return `${reply.method.toUpperCase()} ${reply.url}: ${reply.status} ${apiMessage} ${errors}`
}

/**
 * A handler that returns Go's `fmt.Errorf("<message>: %w", err)` instead of an error result (as
 * list_releases and get_latest_release do): the Go SDK sends the error's text as an `isError` result,
 * without the official server's rate-limit sentences.
 */
export function wrappedGoError(message: string, reply: RestReply): CallToolResult {
  return errorResult(`${message}: ${goErrorText(reply)}`)
}
