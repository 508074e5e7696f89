/**
 * Scripted replies: a queue per partition, shared by every API of every LLM mock (OpenAI Chat
 * Completions and Responses, Anthropic Messages, Gemini generateContent). Each request takes the
 * first queued reply whose `when` matches it (a reply without `when` matches any request); a reply is
 * used `times` times (default once) and then leaves the queue.
 *
 * @module
 */
import { InvalidOptionError } from '../errors'
import { LLM_APIS, type LlmApi, type ReplyRequest } from './conversation'

/** A string (see each field for exact or substring), a RegExp, or `{ regex, flags }` (JSON-friendly). */
export type TextMatcher = string | RegExp | { regex: string; flags?: string }

/** Which requests a scripted reply answers. Every given field must match. */
export interface ReplyMatcher {
  /** `'chat.completions'`, `'responses'` (OpenAI), `'messages'` (Anthropic) or `'generateContent'` (Gemini). */
  api?: LlmApi
  /** The requested model; a string matches exactly. */
  model?: TextMatcher
  /** The latest user message; a string matches as a substring. */
  lastUserMessage?: TextMatcher
  /** System/developer messages and Responses `instructions`; a string matches as a substring. */
  system?: TextMatcher
  /** Whether the conversation ends with tool results (the model is asked to go on from them). */
  hasToolResults?: boolean
  /** One of the trailing tool results comes from this tool; a string matches the name exactly. */
  toolResult?: TextMatcher
  /** The request offers a tool of this name; a string matches exactly. */
  tool?: TextMatcher
  /** Whether the request streams. */
  stream?: boolean
}

/** A tool call the model makes. Arguments left out are generated from the tool's JSON schema. */
export interface ScriptedToolCall {
  name: string
  /** An object (sent as JSON) or the JSON text itself. */
  arguments?: Record<string, unknown> | string
  /** The call id; default `call_...`. */
  id?: string
}

/** An API error the request fails with, in the provider's own error shape. */
export interface ScriptedError {
  /** HTTP status: 400, 401, 403, 404, 409, 422, 429, 500, 503... */
  status: number
  /**
   * The error's kind: OpenAI and Anthropic `error.type`, Gemini `error.status`; default by status
   * (e.g. OpenAI `requests`, Anthropic `rate_limit_error`, Gemini `RESOURCE_EXHAUSTED` for 429).
   */
  type?: string
  message?: string
  /** OpenAI's `error.code`; default `rate_limit_exceeded` for 429, `invalid_api_key` for 401, else null. */
  code?: string | null
  param?: string | null
  /** 429s (and Anthropic 529s): the retry delay in seconds (default 1; 0 lets clients retry at once). */
  retryAfter?: number
  /** Extra response headers. */
  headers?: Record<string, string>
  /**
   * Streaming requests: fail after the stream has started, as an error event inside it (Anthropic's
   * `event: error`, e.g. `overloaded_error` mid-answer) instead of an HTTP error status. Mocks whose
   * API has no such event (OpenAI, Gemini) answer with the HTTP error.
   */
  inStream?: boolean
}

export type FinishReason = 'stop' | 'length' | 'content_filter'

export interface ContentReply {
  /** The assistant's text; an object or array is sent as its JSON (structured outputs). */
  content: string | Record<string, unknown> | unknown[]
  /** Tool calls made alongside the text. */
  toolCalls?: ScriptedToolCall[]
  finishReason?: FinishReason
}
export interface ToolCallsReply {
  toolCalls: ScriptedToolCall[]
  content?: string | null
}
export interface RefusalReply {
  refusal: string
}
export interface ErrorReply {
  error: ScriptedError
}

/** One scripted model turn. */
export type ReplySpec = ContentReply | ToolCallsReply | RefusalReply | ErrorReply

/** A reply, or a function that makes one from the request (in-process only). */
export type Reply = ReplySpec | ((request: ReplyRequest) => ReplySpec)

export interface ReplyOptions {
  /** Answer only requests that match; a function gets the request view. */
  when?: ReplyMatcher | ((request: ReplyRequest) => boolean)
  /** How many requests it answers: a number (default 1) or `'always'`. */
  times?: number | 'always'
  /** The partition (API key) whose requests it answers; default `'default'`. */
  partition?: string
}

export interface ReplyHandle {
  /** Requests it will still answer (`Infinity` for `'always'`). */
  readonly remaining: number
  /** Takes it off the queue. */
  cancel(): void
}

/** A queued reply, as `pendingReplies()` lists it. */
export interface PendingReply {
  readonly reply: Reply
  /** A readable form of `when` (`'always'` when it has none). */
  readonly when: string
  readonly remaining: number
}

export interface QueuedReply {
  reply: Reply
  matches: (request: ReplyRequest) => boolean
  when: string
  remaining: number
}

// --- Validation: bad scripts fail at reply(), not later inside a request ---

const MATCHER_KEYS = [
  'api',
  'model',
  'lastUserMessage',
  'system',
  'hasToolResults',
  'toolResult',
  'tool',
  'stream',
]
const SPEC_KEYS = ['content', 'toolCalls', 'refusal', 'error', 'finishReason']
const example = (service: string) =>
  `${service}.reply({ content: 'Hello!' }), ${service}.reply({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }) or ${service}.reply({ error: { status: 429 } })`

function fail(option: string, message: string): never {
  throw new InvalidOptionError(option, message)
}

function isTextMatcher(value: unknown): value is TextMatcher {
  if (typeof value === 'string' || value instanceof RegExp) return true
  return (
    typeof value === 'object' && value !== null && typeof (value as { regex?: unknown }).regex === 'string'
  )
}

/** Checks a reply's shape; throws InvalidOptionError saying what is wrong and what a valid one looks like. */
export function validateReplySpec(spec: unknown, option = 'reply', service = 'openai'): ReplySpec {
  const EXAMPLE = example(service)
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    fail(option, `expected an object, got ${JSON.stringify(spec)}. For example: ${EXAMPLE}.`)
  const s = spec as Record<string, unknown>
  const unknown = Object.keys(s).filter((k) => !SPEC_KEYS.includes(k))
  if (unknown.length)
    fail(
      option,
      `unknown field ${unknown.map((k) => `"${k}"`).join(', ')}. A reply has content, toolCalls, refusal, error (and finishReason). For example: ${EXAMPLE}.`,
    )
  const kinds = ['content', 'toolCalls', 'refusal', 'error'].filter(
    (k) => s[k] !== undefined && s[k] !== null,
  )
  if (kinds.length === 0)
    fail(option, `give one of content, toolCalls, refusal or error. For example: ${EXAMPLE}.`)
  if (kinds.includes('error') && kinds.length > 1)
    fail(option, 'an error reply cannot also have content, toolCalls or refusal.')
  if (kinds.includes('refusal') && kinds.length > 1)
    fail(option, 'a refusal reply cannot also have content or toolCalls.')
  if (
    s.content !== undefined &&
    s.content !== null &&
    typeof s.content !== 'string' &&
    typeof s.content !== 'object'
  )
    fail(
      `${option}.content`,
      `expected a string, or an object to send as JSON, got ${JSON.stringify(s.content)}.`,
    )
  if (s.refusal !== undefined && typeof s.refusal !== 'string')
    fail(`${option}.refusal`, 'expected a string.')
  if (
    s.finishReason !== undefined &&
    !['stop', 'length', 'content_filter'].includes(s.finishReason as string)
  )
    fail(
      `${option}.finishReason`,
      `expected 'stop', 'length' or 'content_filter', got ${JSON.stringify(s.finishReason)}.`,
    )
  if (s.toolCalls !== undefined) {
    if (!Array.isArray(s.toolCalls) || s.toolCalls.length === 0)
      fail(
        `${option}.toolCalls`,
        "expected a non-empty array like [{ name: 'get_weather', arguments: { city: 'Paris' } }].",
      )
    s.toolCalls.forEach((call: unknown, i) => {
      const where = `${option}.toolCalls[${i}]`
      if (typeof call !== 'object' || call === null)
        fail(
          where,
          "expected { name, arguments? }, e.g. { name: 'get_weather', arguments: { city: 'Paris' } }.",
        )
      const c = call as Record<string, unknown>
      const extra = Object.keys(c).filter((k) => !['name', 'arguments', 'id'].includes(k))
      if (extra.length)
        fail(
          where,
          `unknown field ${extra.map((k) => `"${k}"`).join(', ')}; a tool call has name, arguments and id.`,
        )
      if (typeof c.name !== 'string' || !c.name)
        fail(`${where}.name`, "expected the tool's name, e.g. 'get_weather'.")
      if (
        c.arguments !== undefined &&
        typeof c.arguments !== 'string' &&
        (typeof c.arguments !== 'object' || c.arguments === null)
      )
        fail(`${where}.arguments`, 'expected an object (sent as JSON) or a JSON string.')
      if (typeof c.arguments === 'string') {
        try {
          JSON.parse(c.arguments)
        } catch {
          fail(
            `${where}.arguments`,
            `the string is not valid JSON: ${c.arguments}. Pass an object to have it serialized.`,
          )
        }
      }
      if (c.id !== undefined && typeof c.id !== 'string')
        fail(`${where}.id`, "expected a string like 'call_abc123'.")
    })
  }
  if (s.error !== undefined) {
    const e = s.error as Record<string, unknown>
    if (typeof e !== 'object' || e === null)
      fail(`${option}.error`, 'expected { status, type?, message?, code?, param? }.')
    if (!Number.isInteger(e.status) || (e.status as number) < 400 || (e.status as number) > 599)
      fail(
        `${option}.error.status`,
        `expected an HTTP error status from 400 to 599, got ${JSON.stringify(e.status)}.`,
      )
    for (const key of ['type', 'message'] as const)
      if (e[key] !== undefined && typeof e[key] !== 'string')
        fail(`${option}.error.${key}`, 'expected a string.')
    if (e.retryAfter !== undefined && (typeof e.retryAfter !== 'number' || e.retryAfter < 0))
      fail(`${option}.error.retryAfter`, 'expected a number of seconds >= 0.')
    if (e.inStream !== undefined && typeof e.inStream !== 'boolean')
      fail(`${option}.error.inStream`, 'expected true or false.')
  }
  return s as unknown as ReplySpec
}

function toRegExp(matcher: TextMatcher): RegExp | undefined {
  if (matcher instanceof RegExp) return matcher
  if (typeof matcher === 'object') return new RegExp(matcher.regex, matcher.flags)
  return undefined
}

function textMatches(matcher: TextMatcher, value: string | undefined, exact: boolean): boolean {
  if (value === undefined) return false
  const regex = toRegExp(matcher)
  if (regex) {
    regex.lastIndex = 0
    return regex.test(value)
  }
  return exact ? value === matcher : value.includes(matcher as string)
}

function describeText(matcher: TextMatcher): string {
  if (matcher instanceof RegExp) return String(matcher)
  if (typeof matcher === 'object') return `/${matcher.regex}/${matcher.flags ?? ''}`
  return JSON.stringify(matcher)
}

/** Compiles a matcher into a predicate, after checking its fields. */
export function compileMatcher(when: ReplyOptions['when']): {
  matches: (request: ReplyRequest) => boolean
  description: string
} {
  if (when === undefined) return { matches: () => true, description: 'always' }
  if (typeof when === 'function')
    return { matches: when, description: when.name ? `${when.name}()` : '(function)' }
  if (typeof when !== 'object' || when === null)
    fail(
      'when',
      'expected a matcher object like { lastUserMessage: /weather/ } or a function (request) => boolean.',
    )
  const unknown = Object.keys(when).filter((k) => !MATCHER_KEYS.includes(k))
  if (unknown.length)
    fail(
      'when',
      `unknown field ${unknown.map((k) => `"${k}"`).join(', ')}. A matcher has ${MATCHER_KEYS.join(', ')}.`,
    )
  for (const key of ['model', 'lastUserMessage', 'system', 'toolResult', 'tool'] as const) {
    const value = when[key]
    if (value === undefined) continue
    if (!isTextMatcher(value)) fail(`when.${key}`, 'expected a string, a RegExp or { regex, flags? }.')
    if (typeof value === 'object' && !(value instanceof RegExp)) {
      try {
        new RegExp(value.regex, value.flags)
      } catch (error) {
        fail(`when.${key}`, `invalid regex: ${(error as Error).message}`)
      }
    }
  }
  if (when.api !== undefined && !LLM_APIS.includes(when.api))
    fail(
      'when.api',
      `expected one of ${LLM_APIS.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(when.api)}.`,
    )
  for (const key of ['hasToolResults', 'stream'] as const)
    if (when[key] !== undefined && typeof when[key] !== 'boolean')
      fail(`when.${key}`, 'expected true or false.')

  const m = when
  const matches = (r: ReplyRequest) =>
    (m.api === undefined || m.api === r.api) &&
    (m.model === undefined || textMatches(m.model, r.model, true)) &&
    (m.lastUserMessage === undefined || textMatches(m.lastUserMessage, r.lastUserMessage, false)) &&
    (m.system === undefined || textMatches(m.system, r.system, false)) &&
    (m.hasToolResults === undefined || m.hasToolResults === r.toolResults.length > 0) &&
    (m.toolResult === undefined || r.toolResults.some((t) => textMatches(m.toolResult!, t.name, true))) &&
    (m.tool === undefined || r.tools.some((t) => textMatches(m.tool!, t.name, true))) &&
    (m.stream === undefined || m.stream === r.stream)
  const description = Object.entries(m)
    .map(
      ([k, v]) =>
        `${k}: ${typeof v === 'boolean' || k === 'api' ? String(v) : describeText(v as TextMatcher)}`,
    )
    .join(', ')
  return { matches, description: `{ ${description} }` }
}

/**
 * Checks `reply()`'s arguments and makes the queue entry. A reply object may carry its own `when`
 * and `times`, so JSON sent to the admin API (`{"content":"Sunny.","when":{"toolResult":"get_weather"}}`)
 * can script matchers too.
 */
export function toQueued(input: unknown, baseOptions: ReplyOptions, service = 'openai'): QueuedReply {
  let reply = input
  let options = baseOptions
  if (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    ('when' in input || 'times' in input)
  ) {
    const { when, times, ...rest } = input as Record<string, unknown>
    reply = rest
    options = {
      ...baseOptions,
      ...(when !== undefined ? { when: when as ReplyOptions['when'] } : {}),
      ...(times !== undefined ? { times: times as ReplyOptions['times'] } : {}),
    }
  }
  if (typeof reply !== 'function') validateReplySpec(reply, 'reply', service)
  const times = options.times ?? 1
  if (times !== 'always' && (!Number.isInteger(times) || times < 1))
    fail('times', `expected a whole number >= 1 or 'always', got ${JSON.stringify(times)}.`)
  const { matches, description } = compileMatcher(options.when)
  return {
    reply: reply as Reply,
    matches,
    when: description,
    remaining: times === 'always' ? Number.POSITIVE_INFINITY : times,
  }
}

/** Takes the first queued reply that matches, counting the use. */
export function takeReply(queue: QueuedReply[], request: ReplyRequest): ReplySpec | undefined {
  const index = queue.findIndex((entry) => entry.remaining > 0 && entry.matches(request))
  if (index === -1) return undefined
  const entry = queue[index]!
  entry.remaining--
  if (entry.remaining <= 0) queue.splice(index, 1)
  if (typeof entry.reply === 'function')
    return validateReplySpec(entry.reply(request), 'reply function result')
  return entry.reply
}
