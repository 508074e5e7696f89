/**
 * Errors in Anthropic's own shape, `{ type: 'error', error: { type, message }, request_id }`, so
 * @anthropic-ai/sdk raises its typed errors (BadRequestError, AuthenticationError, RateLimitError,
 * InternalServerError for 529 `overloaded_error`...) and retries exactly what it retries against
 * the real API (408, 409, 429, 5xx, unless `x-should-retry` says otherwise).
 *
 * @see https://docs.anthropic.com/en/api/errors
 * @module
 */

export const PREFIX = '[understudy:anthropic]'

/** `error.type` by HTTP status, as the API documents them. */
const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
}

const MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'invalid x-api-key',
  402: 'Your credit balance is too low to access the Anthropic API.',
  403: 'Your API key does not have permission to use the specified resource.',
  404: 'The requested resource could not be found.',
  413: 'Request exceeds the maximum allowed number of bytes.',
  429: 'This request would exceed the rate limit for your organization. Please reduce the prompt length or the maximum tokens requested, or try again later.',
  500: 'Internal server error',
  504: 'Request timed out.',
  529: 'Overloaded',
}

/** The `error.type` Anthropic gives a status (`api_error` for other 5xx, `invalid_request_error` else). */
export function defaultType(status: number): string {
  return TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error')
}

export function defaultMessage(status: number): string {
  return MESSAGES[status] ?? `Request failed with status ${status}.`
}

/** The error object of a body or of a stream's `event: error`. */
export function errorBody(type: string, message: string, requestId?: string): Record<string, unknown> {
  return { type: 'error', error: { type, message }, ...(requestId ? { request_id: requestId } : {}) }
}

/**
 * An error the mock answers with, as the real API would. Thrown from routes; rendered by `toResponse()`
 * (the service's finalize adds `request-id`, which the body repeats).
 *
 * @example
 * new AnthropicApiError(404, 'model: claude-9').toResponse()
 */
export class AnthropicApiError extends Error {
  override name = 'AnthropicApiError'
  readonly type: string
  constructor(
    readonly status: number,
    message?: string,
    type?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? defaultMessage(status))
    this.type = type ?? defaultType(status)
  }

  toResponse(): Response {
    return Response.json(errorBody(this.type, this.message), { status: this.status, headers: this.headers })
  }
}

export function invalidRequest(message: string): AnthropicApiError {
  return new AnthropicApiError(400, message, 'invalid_request_error')
}

/** Seconds until `retry-after`, and the `anthropic-ratelimit-*` headers a 429 carries. */
export function rateLimitHeaders(now: number, retryAfter: number): Record<string, string> {
  const reset = new Date(now + retryAfter * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    'retry-after': String(retryAfter),
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '30000',
    'anthropic-ratelimit-tokens-remaining': '0',
    'anthropic-ratelimit-tokens-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '30000',
    'anthropic-ratelimit-input-tokens-remaining': '0',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '8000',
    'anthropic-ratelimit-output-tokens-remaining': '0',
    'anthropic-ratelimit-output-tokens-reset': reset,
  }
}
