/**
 * `POST /v1/messages` (JSON and streamed), `POST /v1/messages/count_tokens`, `GET /v1/models`.
 *
 * @see https://docs.anthropic.com/en/api/messages
 * @module
 */
import { type Route, route, type ServiceContext } from '@understudy/core'
import {
  applyLimits,
  countTokens,
  decideReply,
  deterministicText,
  hashString,
  type ReplyRequest,
  replyRequest,
  type ScriptedError,
  type Turn,
  unscriptedMessage,
} from '@understudy/core/llm'
import type { AnthropicConfig } from '../config'
import { parseConversation, parseOutputFormat, parseToolChoice, parseTools } from '../conversation'
import { AnthropicApiError, defaultMessage, defaultType, invalidRequest, rateLimitHeaders } from '../errors'
import { type AnthropicModel, findModel, modelObject } from '../models'
import { type Block, type RenderedMessage, type StopReason, sseResponse, streamEvents } from '../render'
import type { AnthropicState } from '../state'

type Ctx = ServiceContext<AnthropicState, AnthropicConfig>
type Obj = Record<string, unknown>

// Prompts shorter than this are never cached (the API's minimum for Sonnet and Opus models).
const MIN_CACHEABLE_TOKENS = 1024

export function jsonBody(ctx: Ctx): Obj {
  if (ctx.bodyError || typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body))
    throw invalidRequest(
      ctx.body === undefined
        ? 'Request body is empty. Send a JSON object.'
        : 'There was an issue with your request body: it is not a valid JSON object.',
    )
  return ctx.body as Obj
}

function requireModel(ctx: Ctx, body: Obj): AnthropicModel {
  if (body.model === undefined) throw invalidRequest('model: Field required')
  if (typeof body.model !== 'string') throw invalidRequest('model: Input should be a valid string')
  const model = findModel(ctx.state.models, body.model)
  if (!model) throw new AnthropicApiError(404, `model: ${body.model}`, 'not_found_error')
  return model
}

function maxTokensParam(body: Obj, model: AnthropicModel): number {
  const value = body.max_tokens
  if (value === undefined) throw invalidRequest('max_tokens: Field required')
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidRequest('max_tokens: Input should be a valid integer')
  if (value < 1) throw invalidRequest('max_tokens: Input should be greater than or equal to 1')
  if (value > model.maxOutputTokens)
    throw invalidRequest(
      `max_tokens: ${value} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.id}`,
    )
  return value
}

function stopSequences(raw: unknown): string[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw) || !raw.every((s) => typeof s === 'string'))
    throw invalidRequest('stop_sequences: Input should be a valid list of strings')
  return raw
}

/** `thinking`: enabled with a budget, adaptive, or disabled. Returns whether thinking blocks are sent. */
function thinkingParam(body: Obj, maxTokens: number, forcedTool: boolean): boolean {
  const raw = body.thinking
  if (raw === undefined || raw === null) return false
  const t = raw as Obj
  if (t.type === 'disabled') return false
  if (t.type === 'enabled') {
    if (typeof t.budget_tokens !== 'number' || !Number.isInteger(t.budget_tokens))
      throw invalidRequest('thinking.enabled.budget_tokens: Field required')
    if (t.budget_tokens < 1024)
      throw invalidRequest('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024')
    if (t.budget_tokens >= maxTokens)
      throw invalidRequest(
        '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
      )
  } else if (t.type !== 'adaptive')
    throw invalidRequest(
      "thinking: Input tag does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'",
    )
  if (forcedTool) throw invalidRequest('Thinking may not be enabled when tool_choice forces tool use.')
  return true
}

export function checkVersion(ctx: Ctx): void {
  const version = ctx.headers.get('anthropic-version')
  if (!version) throw invalidRequest('anthropic-version: header is required')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version))
    throw invalidRequest(`anthropic-version: "${version}" is not a valid version`)
}

/** A scripted `{ error }` as Anthropic's error response, with the retry headers its SDK reads. */
export function scriptedError(error: ScriptedError, now: number): AnthropicApiError {
  const headers: Record<string, string> = {}
  if (error.status === 429) Object.assign(headers, rateLimitHeaders(now, error.retryAfter ?? 1))
  else if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter)
  Object.assign(headers, error.headers ?? {})
  return new AnthropicApiError(
    error.status,
    error.message ?? defaultMessage(error.status),
    error.type ?? defaultType(error.status),
    headers,
  )
}

function thinkingBlock(seed: string): Block {
  const thinking = `${deterministicText(`${seed}:thinking`)} ${deterministicText(`${seed}:thinking:2`)}`
  const signature = Buffer.from(`understudy:${hashString(thinking).toString(36)}:${seed}`).toString('base64')
  return { type: 'thinking', thinking, signature }
}

/** Applies `stop_sequences` first (the earliest wins), then `max_tokens`. */
function limitTurn(
  turn: Turn,
  stops: string[],
  maxTokens: number,
): { turn: Turn; stopSequence: string | null } {
  let stopSequence: string | null = null
  let content = turn.content
  if (content !== null) {
    let cut = -1
    for (const stop of stops) {
      const at = stop ? content.indexOf(stop) : -1
      if (at !== -1 && (cut === -1 || at < cut)) {
        cut = at
        stopSequence = stop
      }
    }
    if (cut !== -1) content = content.slice(0, cut)
  }
  const limited = applyLimits({ ...turn, content }, { maxTokens })
  if (limited.finishReason === 'length') stopSequence = null
  return { turn: limited, stopSequence }
}

function stopReason(turn: Turn, stopSequence: string | null): StopReason {
  if (turn.finishReason === 'length') return 'max_tokens'
  if (stopSequence !== null) return 'stop_sequence'
  if (turn.refusal !== null || turn.finishReason === 'content_filter') return 'refusal'
  if (turn.toolCalls.length) return 'tool_use'
  return 'end_turn'
}

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return {}
  }
}

/** Reads a request into the neutral view plus what rendering needs. */
function readRequest(ctx: Ctx, body: Obj, model: AnthropicModel) {
  const parsed = parseConversation(body)
  const tools = parseTools(body.tools)
  const toolChoice = parseToolChoice(body.tool_choice, tools)
  const responseFormat = parseOutputFormat(body)
  const request: ReplyRequest = replyRequest({
    api: 'messages',
    model: model.id,
    messages: parsed.messages,
    tools,
    toolChoice,
    responseFormat,
    stream: body.stream === true,
    body,
    partition: ctx.partition,
  })
  const inputTokens = parsed.inputTokens + (body.tools ? countTokens(JSON.stringify(body.tools)) : 0)
  return { request, parsed, inputTokens }
}

function cacheUsage(ctx: Ctx, model: AnthropicModel, prefix: { text: string; tokens: number } | undefined) {
  if (!prefix || prefix.tokens < MIN_CACHEABLE_TOKENS) return { created: 0, read: 0 }
  const key = `${model.id}:${hashString(prefix.text)}`
  if (ctx.state.promptCache.has(key)) return { created: 0, read: prefix.tokens }
  ctx.state.promptCache.add(key)
  return { created: prefix.tokens, read: 0 }
}

/** A Messages request checked and read: everything the API would refuse has been refused. */
export interface PreparedMessage {
  body: Obj
  model: AnthropicModel
  maxTokens: number
  stops: string[]
  thinking: boolean
  request: ReplyRequest
  parsed: ReturnType<typeof parseConversation>
  inputTokens: number
}

/**
 * Checks and reads a Messages request body, throwing the API's 400 (or 404 for an unknown model).
 * Nothing is consumed from the reply queue yet, so a batch can check all its requests first.
 */
export function prepareMessage(ctx: Ctx, body: Obj): PreparedMessage {
  const model = requireModel(ctx, body)
  const maxTokens = maxTokensParam(body, model)
  const stops = stopSequences(body.stop_sequences)
  if (body.stream !== undefined && typeof body.stream !== 'boolean')
    throw invalidRequest('stream: Input should be a valid boolean')
  const { request, parsed, inputTokens } = readRequest(ctx, body, model)
  const forced = request.toolChoice === 'required' || typeof request.toolChoice === 'object'
  const thinking = thinkingParam(body, maxTokens, forced)
  return { body, model, maxTokens, stops, thinking, request, parsed, inputTokens }
}

/** What the model says to a prepared request: a message, or the scripted error, with a stream's error. */
export type MessageAnswer =
  | { kind: 'message'; message: RenderedMessage; streamError?: { type: string; message: string } }
  | { kind: 'error'; error: AnthropicApiError }

/** Answers a prepared request from the reply queue (or the deterministic defaults). */
export function answerMessage(ctx: Ctx, prepared: PreparedMessage): MessageAnswer {
  const { body, model, maxTokens, stops, thinking, request, parsed, inputTokens } = prepared
  const outcome = decideReply(ctx, request)
  if (outcome.kind === 'unscripted')
    return {
      kind: 'error',
      error: invalidRequest(unscriptedMessage(request, ctx.state.replies, 'anthropic', 'POST /v1/messages')),
    }
  if (outcome.kind === 'error' && !(request.stream && outcome.error.inStream))
    return { kind: 'error', error: scriptedError(outcome.error, ctx.clock.now()) }

  const seed = String(
    hashString(`${model.id}:${JSON.stringify(body.messages)}:${JSON.stringify(body.system ?? '')}`),
  )
  const raw: Turn =
    outcome.kind === 'turns'
      ? outcome.turns[0]!
      : { content: null, refusal: null, toolCalls: [], finishReason: 'stop' }
  const { turn, stopSequence } = limitTurn(raw, stops, maxTokens)
  const content: Block[] = []
  if (thinking) content.push(thinkingBlock(seed))
  const text = turn.refusal ?? turn.content
  if (text) content.push({ type: 'text', text })
  for (const call of turn.toolCalls)
    content.push({
      type: 'tool_use',
      id: call.id.startsWith('toolu_') ? call.id : `toolu_01${ctx.ids.next('', 22)}`,
      name: call.name,
      input: parseInput(call.arguments),
    })
  const cache = cacheUsage(ctx, model, parsed.cachePrefix)
  const outputTokens = Math.max(
    1,
    content.reduce(
      (sum, b) =>
        sum +
        (b.type === 'text'
          ? countTokens(b.text)
          : b.type === 'thinking'
            ? countTokens(b.thinking)
            : countTokens(b.name) + countTokens(JSON.stringify(b.input)) + 3),
      0,
    ),
  )
  const message: RenderedMessage = {
    id: `msg_01${ctx.ids.next('', 22)}`,
    type: 'message',
    role: 'assistant',
    model: model.id,
    content,
    stop_reason: stopReason(turn, stopSequence),
    stop_sequence: stopSequence,
    usage: {
      input_tokens: inputTokens - cache.created - cache.read,
      cache_creation_input_tokens: cache.created,
      cache_read_input_tokens: cache.read,
      cache_creation: { ephemeral_5m_input_tokens: cache.created, ephemeral_1h_input_tokens: 0 },
      output_tokens: outputTokens,
      server_tool_use: null,
      service_tier: 'standard',
    },
  }
  if (outcome.kind !== 'error') return { kind: 'message', message }
  return {
    kind: 'message',
    message,
    streamError: {
      type: outcome.error.type ?? defaultType(outcome.error.status),
      message: outcome.error.message ?? defaultMessage(outcome.error.status),
    },
  }
}

export const messageRoutes: Route<AnthropicState, AnthropicConfig>[] = [
  route.post<AnthropicState, AnthropicConfig>('/v1/messages', (ctx) => {
    checkVersion(ctx)
    const prepared = prepareMessage(ctx, jsonBody(ctx))
    const answer = answerMessage(ctx, prepared)
    if (answer.kind === 'error') throw answer.error
    if (prepared.request.stream) return sseResponse(streamEvents(answer.message, answer.streamError))
    return Response.json(answer.message)
  }),
  route.post<AnthropicState, AnthropicConfig>('/v1/messages/count_tokens', (ctx) => {
    checkVersion(ctx)
    const body = jsonBody(ctx)
    const model = requireModel(ctx, body)
    const { inputTokens } = readRequest(ctx, body, model)
    return Response.json({ input_tokens: inputTokens })
  }),
  route.get<AnthropicState, AnthropicConfig>('/v1/models', ({ state, query }) => {
    const all = [...state.models.values()]
    const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20))
    let start = 0
    const after = query.get('after_id')
    const before = query.get('before_id')
    if (after) start = all.findIndex((m) => m.id === after) + 1
    let page = all.slice(start, start + limit)
    if (before) {
      const end = all.findIndex((m) => m.id === before)
      page = all.slice(Math.max(0, end - limit), Math.max(0, end))
    }
    const last = page.at(-1)
    return Response.json({
      data: page.map(modelObject),
      has_more: last ? all.indexOf(last) < all.length - 1 : false,
      first_id: page[0]?.id ?? null,
      last_id: last?.id ?? null,
    })
  }),
  route.get<AnthropicState, AnthropicConfig>('/v1/models/:model', ({ state, params }) => {
    const model = findModel(state.models, params.model!)
    if (!model) throw new AnthropicApiError(404, `model: ${params.model}`, 'not_found_error')
    return Response.json(modelObject(model))
  }),
]
