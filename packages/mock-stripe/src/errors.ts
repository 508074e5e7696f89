/**
 * Errors in Stripe's own shape. Thrown from a route, they become the response stripe-node turns into
 * StripeInvalidRequestError (400/404), StripeAuthenticationError (401), StripeCardError (402),
 * StripeIdempotencyError (400, `idempotency_error`) or StripeRateLimitError (429).
 *
 * @see https://docs.stripe.com/api/errors
 * @module
 */

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error'

/** The `error` object of a Stripe error response. */
export interface StripeErrorBody {
  type: StripeErrorType
  message: string
  code?: string
  decline_code?: string
  param?: string
  doc_url?: string
  charge?: string
  payment_intent?: Record<string, unknown>
  payment_method?: Record<string, unknown>
  request_log_url?: string
  advice_code?: string
  [key: string]: unknown
}

const DOCS = 'https://docs.stripe.com/error-codes'

/** Stripe's docs link for an error code: `resource_missing` → `.../error-codes/resource-missing`. */
export function docUrl(code: string): string {
  return `${DOCS}/${code.replace(/_/g, '-')}`
}

/**
 * An error the mock answers with, in Stripe's JSON shape.
 *
 * @example
 * throw new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', message: "No such customer: 'cus_x'" })
 */
export class StripeApiError extends Error {
  override name = 'StripeApiError'
  readonly body: StripeErrorBody
  constructor(
    readonly status: number,
    body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message)
    this.body = body.code && !body.doc_url ? { ...body, doc_url: docUrl(body.code) } : body
  }

  toResponse(): Response {
    return Response.json({ error: this.body }, { status: this.status, headers: this.headers })
  }
}

/** 400 invalid_request_error, optionally with a code and the offending param. */
export function invalidRequest(
  message: string,
  options: { param?: string; code?: string; status?: number } = {},
): StripeApiError {
  return new StripeApiError(options.status ?? 400, {
    ...(options.code ? { code: options.code } : {}),
    message,
    ...(options.param ? { param: options.param } : {}),
    type: 'invalid_request_error',
  })
}

/** `No such customer: 'cus_x'` (404, resource_missing). `kind` is the resource's name in the message. */
export function resourceMissing(kind: string, id: string, param = 'id', status = 404): StripeApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: 'resource_missing', param, status })
}

export function parameterMissing(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param })
}

export function parameterUnknown(param: string): StripeApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param })
}

/** A state conflict such as capturing a PaymentIntent that is not `requires_capture`. */
export function unexpectedState(message: string, code: string, extra: Partial<StripeErrorBody> = {}) {
  return new StripeApiError(400, { code, message, type: 'invalid_request_error', ...extra })
}

/** 402 card_error, carrying the declined PaymentIntent / charge as Stripe does. */
export function cardError(body: Partial<StripeErrorBody> & { message: string }): StripeApiError {
  return new StripeApiError(402, { ...body, type: 'card_error' })
}

export const AUTH_HELP =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://docs.stripe.com/api#authentication for details, or we can help at https://support.stripe.com/."

/** The key as Stripe shows it in `Invalid API Key provided`: prefix kept, middle masked, last 4 shown. */
export function maskKey(key: string): string {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? ''
  const rest = key.slice(prefix.length)
  if (rest.length <= 4) return prefix + rest
  return prefix + '*'.repeat(rest.length - 4) + rest.slice(-4)
}

/**
 * Tells a StripeApiError by its name, so it works across copies of this package (ESM and CJS).
 *
 * @example
 * if (isStripeApiError(error)) console.log(error.status, error.body.code)
 */
export function isStripeApiError(error: unknown): error is StripeApiError {
  return error instanceof Error && error.name === 'StripeApiError' && 'toResponse' in error
}
