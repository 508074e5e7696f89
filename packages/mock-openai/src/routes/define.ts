import type { Method, Route, RouteHandler, ServiceContext } from '@understudy/core'
import {
  decideReply,
  type ReplyRequest,
  type ScriptedError,
  type Turn,
  unscriptedMessage,
} from '@understudy/core/llm'
import type { OpenAIConfig } from '../config'
import { defaultMessage, defaultType, invalidRequest, modelNotFound, OpenAIApiError } from '../errors'
import { type EndpointKey, endpoints } from '../generated/endpoints'
import type { Model, ModelKind } from '../models'
import type { OpenAIState } from '../state'

export type Ctx = ServiceContext<OpenAIState, OpenAIConfig>

/** What an OpenAI route carries for its hooks and the coverage table. */
export interface OperationMeta extends Record<string, unknown> {
  readonly operation: EndpointKey
}

/**
 * A route for one operation of OpenAI's official OpenAPI description, named as it names it
 * (`GET /v1/responses/{response_id}`): the key is type-checked against src/generated/endpoints.ts and
 * path parameters keep the description's names (`ctx.params.response_id`).
 *
 * @example
 * op('POST /v1/embeddings', (ctx) => Response.json(embed(ctx)))
 */
export function op(
  key: EndpointKey,
  handle: RouteHandler<OpenAIState, OpenAIConfig>,
  options: { path?: string } = {},
): Route<OpenAIState, OpenAIConfig> {
  if (!(key in endpoints)) throw new Error(`[understudy:openai] ${key} is not an operation of OpenAI's API.`)
  const [method, path] = key.split(' ') as [Method, string]
  const meta: OperationMeta = { operation: key }
  return { method, path: options.path ?? path, handle, options: { meta } }
}

/** The JSON body as an object, or OpenAI's 400 for a body it cannot parse. */
export function jsonBody(ctx: Ctx): Record<string, unknown> {
  if (
    ctx.bodyError ||
    (ctx.body !== undefined && (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)))
  )
    throw invalidRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        'The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, ' +
        'please contact us through our help center at help.openai.com.)',
    )
  return (ctx.body ?? {}) as Record<string, unknown>
}

const KIND_OF_ENDPOINT: Record<string, readonly ModelKind[]> = {
  '/v1/chat/completions': ['chat', 'reasoning'],
  '/v1/responses': ['chat', 'reasoning'],
  '/v1/embeddings': ['embedding'],
  '/v1/moderations': ['moderation'],
}

/** The model a request names, or OpenAI's 400/404 when it is missing, unknown or of the wrong kind. */
export function requireModel(ctx: Ctx, body: Record<string, unknown>, endpoint: string): Model {
  const id = body.model
  if (id === undefined || id === null || id === '')
    throw invalidRequest('you must provide a model parameter', { param: null })
  if (typeof id !== 'string')
    throw invalidRequest(`Invalid type for 'model': expected a string, but got ${typeof id} instead.`, {
      param: 'model',
      code: 'invalid_type',
    })
  const model = ctx.state.models.get(id)
  if (!model) throw modelNotFound(id)
  const kinds = KIND_OF_ENDPOINT[endpoint] ?? []
  if (!kinds.includes(model.kind)) {
    if (endpoint === '/v1/chat/completions')
      throw invalidRequest(
        'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?',
        { status: 404, param: 'model' },
      )
    throw invalidRequest(`The model \`${id}\` is not supported by ${endpoint}.`, {
      param: 'model',
      code: 'model_not_supported',
    })
  }
  return model
}

export function integerParam(body: Record<string, unknown>, name: string, min: number): number | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidRequest(
      `Invalid type for '${name}': expected an integer, but got ${typeof value === 'number' ? 'a decimal' : `a ${typeof value}`} instead.`,
      {
        param: name,
        code: 'invalid_type',
      },
    )
  if (value < min)
    throw invalidRequest(
      `Invalid '${name}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      {
        param: name,
        code: 'integer_below_min_value',
      },
    )
  return value
}

/** Reasoning models refuse sampling parameters they do not support. */
export function checkReasoningParams(
  model: Model,
  body: Record<string, unknown>,
  api: ReplyRequest['api'],
): void {
  if (model.kind !== 'reasoning') return
  if (api === 'chat.completions' && body.max_tokens !== undefined && body.max_tokens !== null)
    throw invalidRequest(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      { param: 'max_tokens', code: 'unsupported_parameter' },
    )
  for (const name of ['temperature', 'top_p'] as const) {
    const value = body[name]
    if (value !== undefined && value !== null && value !== 1)
      throw invalidRequest(
        `Unsupported value: '${name}' does not support ${String(value)} with this model. Only the default (1) value is supported.`,
        { param: name, code: 'unsupported_value' },
      )
  }
}

/** Strict mode's answer to an unscripted request: what was asked, what is queued, how to script it. */
export function unscriptedError(request: ReplyRequest, state: OpenAIState): OpenAIApiError {
  const endpoint = request.api === 'responses' ? 'POST /v1/responses' : 'POST /v1/chat/completions'
  return invalidRequest(unscriptedMessage(request, state.replies, 'openai', endpoint), {
    code: 'understudy_unscripted_request',
  })
}

/** A scripted `{ error }` as OpenAI's error response. */
export function scriptedError(
  error: ScriptedError,
  rateLimitHeaders: Record<string, string>,
): OpenAIApiError {
  const { status } = error
  const headers: Record<string, string> = { ...(error.headers ?? {}) }
  if (status === 429) {
    Object.assign(headers, rateLimitHeaders, { 'x-ratelimit-remaining-requests': '0' })
    headers['retry-after'] = String(error.retryAfter ?? 1)
  }
  const code =
    error.code !== undefined
      ? error.code
      : status === 429
        ? 'rate_limit_exceeded'
        : status === 401
          ? 'invalid_api_key'
          : null
  return new OpenAIApiError(
    status,
    {
      message: error.message ?? defaultMessage(status),
      type: error.type ?? defaultType(status),
      param: error.param ?? null,
      code,
    },
    headers,
  )
}

export type Produced = { kind: 'turns'; turns: Turn[] } | { kind: 'error'; error: OpenAIApiError }

/**
 * The turns a request gets: the first matching scripted reply, else (unless strict) the deterministic
 * default. `n` turns for Chat Completions' `n`.
 */
export function produce(
  ctx: Ctx,
  request: ReplyRequest,
  n: number,
  rateHeaders: Record<string, string>,
): Produced {
  const outcome = decideReply(ctx, request, n)
  if (outcome.kind === 'unscripted') return { kind: 'error', error: unscriptedError(request, ctx.state) }
  if (outcome.kind === 'error') return { kind: 'error', error: scriptedError(outcome.error, rateHeaders) }
  return outcome
}

export { argumentPieces, sseResponse, textPieces } from '@understudy/core/llm'
