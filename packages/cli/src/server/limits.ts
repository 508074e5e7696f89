import type { ServiceName } from './services'

/**
 * The largest request body each service accepts, in bytes, as the real service documents it:
 * GitHub's Contents API takes files up to 100 MB; Stripe's largest upload (account and identity
 * documents) is 16 MB; OpenAI's Files API takes files up to 512 MB; Anthropic's Messages API takes
 * requests up to 32 MB (413 request_too_large); Gemini's inline request data is capped at 20 MB.
 * Slack documents no Web API body limit; 10 MB is Understudy's. The admin API takes 10 MB.
 */
export const DEFAULT_BODY_LIMITS: Readonly<Record<ServiceName | 'admin', number>> = {
  github: 100 * 1024 * 1024,
  slack: 10 * 1024 * 1024,
  stripe: 16 * 1024 * 1024,
  openai: 512 * 1024 * 1024,
  anthropic: 32 * 1024 * 1024,
  gemini: 20 * 1024 * 1024,
  admin: 10 * 1024 * 1024,
}

export type BodyLimits = Partial<Record<ServiceName | 'admin', number>>

/** The 413 a service answers for a body over its limit, in that service's own error shape. */
export function tooLargeResponse(service: ServiceName | 'admin' | undefined, limit: number): Response {
  const message = `Request body is too large: the limit is ${limit} bytes.`
  const init = { status: 413, headers: { 'cache-control': 'no-store' } }
  switch (service) {
    case 'github':
      return Response.json(
        { message, documentation_url: 'https://docs.github.com/rest', status: '413' },
        init,
      )
    case 'slack':
      return Response.json({ ok: false, error: 'request_too_large' }, init)
    case 'stripe':
      return Response.json({ error: { type: 'invalid_request_error', message } }, init)
    case 'openai':
      return Response.json(
        { error: { message, type: 'invalid_request_error', param: null, code: 'request_too_large' } },
        init,
      )
    case 'anthropic':
      return Response.json({ type: 'error', error: { type: 'request_too_large', message } }, init)
    case 'gemini':
      return Response.json({ error: { code: 413, message, status: 'INVALID_ARGUMENT' } }, init)
    default:
      return Response.json({ error: `[understudy:cli] ${message}` }, init)
  }
}
