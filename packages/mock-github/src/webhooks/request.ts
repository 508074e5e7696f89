import { signatureHeaders } from '@understudy/core'

/** Options of `createWebhookRequest`. */
export interface WebhookRequestOptions {
  /** The hook's secret; without one the request is unsigned, as GitHub sends it then. */
  secret?: string
  /** `X-GitHub-Event`: `issues`, `issue_comment`, `pull_request`, `push`, `ping`... */
  event: string
  /** The payload object, or the exact body text. */
  payload: unknown
  /** Where the receiver listens. Default: `http://localhost/webhooks/github`. */
  url?: string
  /** `X-GitHub-Delivery`. Default: a random GUID. */
  delivery?: string
  /** `X-GitHub-Hook-ID`. Default: 1. */
  hookId?: number
  /** The repository id (`X-GitHub-Hook-Installation-Target-ID`). Default: `payload.repository.id`, else 1. */
  targetId?: number
  /** `json` (default) or `form` (`payload=<url-encoded JSON>`), as the hook's content type. */
  contentType?: 'json' | 'form'
}

/**
 * Builds the `Request` GitHub would POST to a webhook receiver: compact JSON body, `X-GitHub-Event`,
 * `X-GitHub-Delivery`, `X-GitHub-Hook-ID`, `X-Hub-Signature-256` (and the legacy `X-Hub-Signature`),
 * `User-Agent: GitHub-Hookshot/...`. Hand it to your receiver's handler to test it without a network.
 *
 * @example
 * const request = await createWebhookRequest({
 *   secret: 'whsec_test',
 *   event: 'issues',
 *   payload: { action: 'opened', issue, repository, sender },
 *   url: 'http://localhost:3000/api/webhooks/github',
 * })
 * const response = await app.fetch(request)
 */
export async function createWebhookRequest(options: WebhookRequestOptions): Promise<Request> {
  const json = typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload)
  const form = options.contentType === 'form'
  const body = form ? `payload=${encodeURIComponent(json)}` : json
  const repoId = (() => {
    try {
      const parsed = JSON.parse(json) as { repository?: { id?: unknown } }
      return typeof parsed.repository?.id === 'number' ? parsed.repository.id : undefined
    } catch {
      return undefined
    }
  })()
  const headers = {
    ...deliveryHeaders({
      event: options.event,
      delivery: options.delivery ?? crypto.randomUUID(),
      hookId: options.hookId ?? 1,
      targetId: options.targetId ?? repoId ?? 1,
      targetType: 'repository',
      contentType: form ? 'form' : 'json',
    }),
    ...(await signatureHeaders({ scheme: 'github', secret: options.secret, body })),
  }
  return new Request(options.url ?? 'http://localhost/webhooks/github', { method: 'POST', headers, body })
}

/** The header set of one delivery, in the order and spelling GitHub uses; signature headers follow. */
export function deliveryHeaders(input: {
  event: string
  delivery: string
  hookId: number
  targetId: number
  targetType: 'repository' | 'integration'
  contentType: 'json' | 'form'
  hookshot?: string
}): Record<string, string> {
  return {
    Accept: '*/*',
    'Content-Type': input.contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    'User-Agent': `GitHub-Hookshot/${input.hookshot ?? 'a1b2c3d'}`,
    'X-GitHub-Delivery': input.delivery,
    'X-GitHub-Event': input.event,
    'X-GitHub-Hook-ID': String(input.hookId),
    'X-GitHub-Hook-Installation-Target-ID': String(input.targetId),
    'X-GitHub-Hook-Installation-Target-Type': input.targetType,
  }
}
