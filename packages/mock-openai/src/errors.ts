/**
 * Errors in OpenAI's own shape, `{ error: { message, type, param, code } }`, so openai-node raises its
 * typed errors (AuthenticationError, NotFoundError, BadRequestError, RateLimitError, ...) and the
 * Vercel AI SDK its APICallError with the same fields.
 *
 * @module
 */

export const PREFIX = '[understudy:openai]'

export interface OpenAIErrorBody {
  message: string
  type: string
  param: string | null
  code: string | null
}

/**
 * An error the mock answers with, as the real API would. Thrown from routes; rendered by `toResponse()`.
 *
 * @example
 * new OpenAIApiError(404, { message: 'The model `gpt-9` does not exist', code: 'model_not_found' }).toResponse()
 */
export class OpenAIApiError extends Error {
  override name = 'OpenAIApiError'
  readonly body: OpenAIErrorBody
  constructor(
    readonly status: number,
    body: Partial<OpenAIErrorBody> & { message: string },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message)
    this.body = {
      message: body.message,
      type: body.type ?? defaultType(status),
      param: body.param ?? null,
      code: body.code ?? null,
    }
  }

  toResponse(): Response {
    return Response.json({ error: this.body }, { status: this.status, headers: this.headers })
  }
}

/** The `type` OpenAI gives errors of each status. */
export function defaultType(status: number): string {
  if (status === 429) return 'requests'
  if (status >= 500) return 'server_error'
  return 'invalid_request_error'
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'Incorrect API key provided.',
  403: 'You are not allowed to sample from this model',
  404: 'The requested resource was not found.',
  409: 'The request conflicts with another request.',
  422: 'The request could not be processed.',
  429: 'Rate limit reached for requests. Please try again later.',
  500: 'The server had an error while processing your request. Sorry about that!',
  502: 'Bad gateway.',
  503: 'The engine is currently overloaded, please try again later.',
  504: 'The server had an error while processing your request (timeout).',
}

/** The message OpenAI sends for a status when none is given. */
export function defaultMessage(status: number): string {
  return DEFAULT_MESSAGES[status] ?? `Request failed with status ${status}.`
}

export function invalidRequest(
  message: string,
  options: { param?: string | null; code?: string | null; status?: number } = {},
): OpenAIApiError {
  return new OpenAIApiError(options.status ?? 400, {
    message,
    type: 'invalid_request_error',
    param: options.param ?? null,
    code: options.code ?? null,
  })
}

export function missingParameter(param: string): OpenAIApiError {
  return invalidRequest(`Missing required parameter: '${param}'.`, {
    param,
    code: 'missing_required_parameter',
  })
}

export function invalidType(param: string, expected: string, got: unknown): OpenAIApiError {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${describeType(got)} instead.`,
    { param, code: 'invalid_type' },
  )
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal'
  return `a ${typeof value}`
}

export function modelNotFound(model: string): OpenAIApiError {
  return invalidRequest(`The model \`${model}\` does not exist or you do not have access to it.`, {
    status: 404,
    code: 'model_not_found',
  })
}

const KEYS_URL = 'https://platform.openai.com/account/api-keys'

export function missingApiKey(): OpenAIApiError {
  return invalidRequest(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
      "(i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API " +
      `from your browser and are prompted for a username and password. You can obtain an API key from ${KEYS_URL}.`,
    { status: 401 },
  )
}

/** OpenAI shows the first and last characters of a wrong key and masks the rest. */
export function maskKey(key: string): string {
  if (key.length <= 8) return `${key.slice(0, 2)}${'*'.repeat(Math.max(0, key.length - 2))}`
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`
}

export function invalidApiKey(key: string): OpenAIApiError {
  return invalidRequest(
    `Incorrect API key provided: ${maskKey(key)}. You can find your API key at ${KEYS_URL}.`,
    { status: 401, code: 'invalid_api_key' },
  )
}
