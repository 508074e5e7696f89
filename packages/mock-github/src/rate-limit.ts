/**
 * Primary rate limits, counted per caller as GitHub counts them: per user (whatever token), per
 * installation, per anonymous client; `core` resets an hour after the window opened, `search` a
 * minute after. Limits are options, so a test can exhaust one in a few calls.
 *
 * @see https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * @module
 */

import type { Ctx, Viewer } from './context'
import { GitHubApiError } from './errors'
import { type GitHubState, getUser } from './state'

export interface RateLimitOptions {
  /** Requests per hour for authenticated callers (default 5000). */
  core?: number
  /** Requests per minute to the search API for authenticated callers (default 30). */
  search?: number
  /** Requests per hour without credentials (default 60). */
  anonymous?: number
}

export type Resource = 'core' | 'search'

export interface RateStatus {
  limit: number
  remaining: number
  reset: number
  used: number
  resource: Resource
}

const WINDOW_SECONDS: Record<Resource, number> = { core: 3600, search: 60 }

function identityOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'user':
      return `user:${viewer.login.toLowerCase()}`
    case 'installation':
      return `installation:${viewer.installation}`
    case 'app':
      return `app:${viewer.app}`
    default:
      return 'anonymous'
  }
}

function limitFor(options: RateLimitOptions, viewer: Viewer, resource: Resource): number {
  if (resource === 'search') return viewer.kind === 'anonymous' ? 10 : (options.search ?? 30)
  return viewer.kind === 'anonymous' ? (options.anonymous ?? 60) : (options.core ?? 5000)
}

interface RateWindow {
  used: number
  reset: number
}

// The last key made: a client sends many requests in a row as the same caller, and a key built per
// request was two strings and a lookup that had to flatten and hash them.
let last = { kind: '', id: '', resource: '', key: '' }

/** `identityOf(viewer):resource`, the key of the caller's window in `state.rate`. */
function windowKey(viewer: Viewer, resource: Resource): string {
  const id =
    viewer.kind === 'user'
      ? viewer.login
      : viewer.kind === 'installation'
        ? String(viewer.installation)
        : viewer.kind === 'app'
          ? String(viewer.app)
          : ''
  if (last.kind === viewer.kind && last.id === id && last.resource === resource) return last.key
  const key = `${identityOf(viewer)}:${resource}`
  last = { kind: viewer.kind, id, resource, key }
  return key
}

/** The caller's window, opened anew when the last one has ended. */
function windowOf(state: GitHubState, viewer: Viewer, resource: Resource): RateWindow {
  const key = windowKey(viewer, resource)
  const nowSeconds = state.clock.nowSeconds()
  let window = state.rate.get(key)
  if (!window || window.reset <= nowSeconds) {
    window = { used: 0, reset: nowSeconds + WINDOW_SECONDS[resource] }
    state.rate.set(key, window)
  }
  return window
}

function statusOf(window: RateWindow, limit: number, resource: Resource): RateStatus {
  return {
    limit,
    remaining: Math.max(0, limit - window.used),
    reset: window.reset,
    used: window.used,
    resource,
  }
}

/** The caller's current window, without counting a request. */
export function peek(
  state: GitHubState,
  options: RateLimitOptions,
  viewer: Viewer,
  resource: Resource,
): RateStatus {
  return statusOf(windowOf(state, viewer, resource), limitFor(options, viewer, resource), resource)
}

/** Counts one request; throws GitHub's primary rate-limit 403 when the window is spent. */
export function take(ctx: Ctx, options: RateLimitOptions, viewer: Viewer, resource: Resource): RateStatus {
  const window = windowOf(ctx.state, viewer, resource)
  const limit = limitFor(options, viewer, resource)
  if (window.used >= limit) throw primaryLimitError(viewer, statusOf(window, limit, resource), ctx.state)
  window.used++
  return statusOf(window, limit, resource)
}

/** Gives back one request `take` counted: GitHub does not count a 304 against the limit. */
export function giveBack(state: GitHubState, viewer: Viewer, resource: Resource): void {
  const window = state.rate.get(windowKey(viewer, resource))
  if (window) window.used = Math.max(0, window.used - 1)
}

/** GitHub's `x-ratelimit-*` headers, each given to `add` (every answer has them: no object for them). */
export function addRateHeaders(add: (name: string, value: string) => void, status: RateStatus): void {
  add('x-ratelimit-limit', String(status.limit))
  add('x-ratelimit-remaining', String(status.remaining))
  add('x-ratelimit-reset', String(status.reset))
  add('x-ratelimit-used', String(status.used))
  add('x-ratelimit-resource', status.resource)
}

/** The same headers as a record, for the answers that carry them in an error. */
export function rateHeaders(status: RateStatus): Record<string, string> {
  const headers: Record<string, string> = {}
  addRateHeaders((name, value) => {
    headers[name] = value
  }, status)
  return headers
}

/** GitHub's answer once the primary limit is spent: 403, remaining 0, and the reset time. */
export function primaryLimitError(viewer: Viewer, status: RateStatus, state?: GitHubState): GitHubApiError {
  const who =
    viewer.kind === 'user'
      ? `user ID ${(state && getUser(state, viewer.login)?.id) ?? 1}`
      : viewer.kind === 'installation'
        ? `installation ID ${viewer.installation}`
        : '127.0.0.1'
  const hint =
    viewer.kind === 'anonymous'
      ? " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
      : ''
  return new GitHubApiError(403, `API rate limit exceeded for ${who}.${hint}`, {
    documentationUrl:
      'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
    headers: rateHeaders({ ...status, remaining: 0 }),
  })
}

/** GitHub's secondary-limit answer: 403 (or 429) with Retry-After. Octokit's throttling plugin keys on the message. */
export function secondaryLimitResponse(
  requestId: string,
  retryAfter: number,
  status: 403 | 429 = 403,
): Response {
  return new GitHubApiError(
    status,
    `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    {
      documentationUrl:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      headers: { 'retry-after': String(retryAfter) },
    },
  ).toResponse()
}
