/**
 * Errors in Google's shape, `{ error: { code, message, status, details? } }`, so @google/genai raises
 * its ApiError (and retries 408/429/5xx when asked to) and the Vercel AI SDK its APICallError with
 * the same fields.
 *
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting
 * @module
 */

const STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
}

const MESSAGES: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'Deadline expired before operation could complete.',
}

/** The canonical status name of an HTTP status (`UNKNOWN` for others). */
export function defaultStatus(code: number): string {
  return STATUSES[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN')
}

export function defaultMessage(code: number): string {
  return MESSAGES[code] ?? `Request failed with status ${code}.`
}

/** `details` of a 429: which quota, and when to retry (google.rpc.RetryInfo). */
export function quotaDetails(retryAfter: number): unknown[] {
  return [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
        },
      ],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` },
  ]
}

/**
 * An error the mock answers with, as the real API would. Thrown from routes; rendered by `toResponse()`.
 *
 * @example
 * new GeminiApiError(404, 'models/gemini-9 is not found for API version v1beta').toResponse()
 */
export class GeminiApiError extends Error {
  override name = 'GeminiApiError'
  readonly status: string
  constructor(
    readonly code: number,
    message?: string,
    status?: string,
    readonly details?: unknown[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? defaultMessage(code))
    this.status = status ?? defaultStatus(code)
  }

  toResponse(): Response {
    return Response.json(
      {
        error: {
          code: this.code,
          message: this.message,
          status: this.status,
          ...(this.details ? { details: this.details } : {}),
        },
      },
      { status: this.code, headers: this.headers },
    )
  }
}

export function invalidArgument(message: string): GeminiApiError {
  return new GeminiApiError(400, message, 'INVALID_ARGUMENT')
}
