/**
 * The scripting API every LLM mock exposes (`reply`, `when`, `pendingReplies`) and the choice each
 * request makes: a scripted reply, strict mode's refusal, or the deterministic default turn.
 *
 * @module
 */
import { InvalidOptionError } from '../errors'
import type { IdGenerator } from '../mock/ids'
import type { ReplyRequest } from './conversation'
import {
  compileMatcher,
  type PendingReply,
  type QueuedReply,
  type Reply,
  type ReplyHandle,
  type ReplyMatcher,
  type ReplyOptions,
  type ScriptedError,
  takeReply,
  toQueued,
} from './replies'
import { defaultTurn, requestSeed, scriptedTurn, type Turn } from './turn'

/** Chooses which requests the next `reply()` answers. */
export interface ReplyBuilder {
  reply(reply: Reply | readonly Reply[], options?: Omit<ReplyOptions, 'when'>): ReplyHandle
}

/** The scripting members of an LLM mock instance. */
export interface ReplyScripting {
  /**
   * Queues scripted replies (for the default partition unless `partition` is given). An array
   * queues several, answered in order.
   */
  reply(reply: Reply | readonly Reply[], options?: ReplyOptions): ReplyHandle
  /** `when(matcher).reply(...)`: a reply for the requests that match. */
  when(matcher: ReplyMatcher | ((request: ReplyRequest) => boolean)): ReplyBuilder
  /** Replies still queued (for the default partition unless given). */
  pendingReplies(partition?: string): PendingReply[]
}

/**
 * The `reply`/`when`/`pendingReplies` members over a mock's per-partition queues.
 *
 * @example
 * const members = replyScripting((partition) => base.state(partition).replies, 'anthropic')
 * members.reply({ content: 'Hello!' })
 */
export function replyScripting(
  queueOf: (partition: string) => QueuedReply[],
  service: string,
): ReplyScripting {
  function enqueue(reply: Reply | readonly Reply[], replyOptions: ReplyOptions = {}): ReplyHandle {
    const partition = replyOptions.partition ?? 'default'
    if (typeof partition !== 'string' || !partition)
      throw new InvalidOptionError('partition', "expected the partition's API key, e.g. 'sk-test'.")
    const list = (Array.isArray(reply) ? reply : [reply]) as Reply[]
    if (list.length === 0)
      throw new InvalidOptionError('reply', 'expected a reply or a non-empty array of replies.')
    const entries = list.map((r, i) => {
      try {
        return toQueued(r, replyOptions, service)
      } catch (error) {
        if (list.length > 1 && error instanceof Error)
          error.message = error.message.replace('"reply"', `"reply[${i}]"`)
        throw error
      }
    })
    const queue = queueOf(partition)
    queue.push(...entries)
    return {
      get remaining() {
        return entries.reduce((sum, e) => sum + e.remaining, 0)
      },
      cancel() {
        for (const entry of entries) {
          const at = queue.indexOf(entry)
          if (at !== -1) queue.splice(at, 1)
        }
      },
    }
  }
  return {
    reply: enqueue,
    when: (matcher) => {
      compileMatcher(matcher)
      return { reply: (reply, replyOptions = {}) => enqueue(reply, { ...replyOptions, when: matcher }) }
    },
    pendingReplies: (partition = 'default') =>
      queueOf(partition).map((entry) => ({
        reply: entry.reply,
        when: entry.when,
        remaining: entry.remaining,
      })),
  }
}

/** What a request gets: model turns, a scripted error, or strict mode's "nothing was scripted". */
export type Outcome =
  | { kind: 'turns'; turns: Turn[] }
  | { kind: 'error'; error: ScriptedError }
  | { kind: 'unscripted' }

/**
 * The first matching reply from the partition's own queue, then from `shared` (the default
 * partition's queue behind `understudy serve`, for replies queued without a key); else, unless
 * strict, the deterministic default. `n` turns for OpenAI's `n`.
 */
export function decide(options: {
  request: ReplyRequest
  queue: QueuedReply[]
  shared?: QueuedReply[] | undefined
  strict: boolean
  ids: IdGenerator
  n?: number
}): Outcome {
  const { request, queue, shared, strict, ids } = options
  const n = options.n ?? 1
  const spec = takeReply(queue, request) ?? (shared ? takeReply(shared, request) : undefined)
  if (!spec) {
    if (strict) return { kind: 'unscripted' }
    const seed = requestSeed(request)
    return {
      kind: 'turns',
      turns: Array.from({ length: n }, (_, i) => defaultTurn(request, n > 1 ? `${seed}:${i}` : seed, ids)),
    }
  }
  if ('error' in spec) return { kind: 'error', error: spec.error }
  return { kind: 'turns', turns: Array.from({ length: n }, () => scriptedTurn(spec, request, ids)) }
}

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/**
 * Strict mode's message for an unscripted request: what was asked, what is queued, how to script it.
 * `endpoint` is the request line (`POST /v1/messages`), `service` the mock's name (`anthropic`).
 */
export function unscriptedMessage(
  request: ReplyRequest,
  queue: readonly QueuedReply[],
  service: string,
  endpoint: string,
): string {
  const lines = [`${endpoint} (model ${request.model}${request.stream ? ', streaming' : ''})`]
  if (request.system) lines.push(`  system: ${JSON.stringify(clip(request.system))}`)
  if (request.lastUserMessage !== undefined)
    lines.push(`  last user message: ${JSON.stringify(clip(request.lastUserMessage))}`)
  if (request.toolResults.length)
    lines.push(
      `  tool results: ${request.toolResults.map((t) => `${t.name ?? t.callId} → ${JSON.stringify(clip(t.output, 60))}`).join('; ')}`,
    )
  if (request.tools.length)
    lines.push(
      `  tools offered: ${request.tools.map((t) => t.name).join(', ')} (tool_choice ${JSON.stringify(request.toolChoice)})`,
    )
  if (request.responseFormat.type !== 'text')
    lines.push(
      `  response format: ${request.responseFormat.type}${'name' in request.responseFormat ? ` "${request.responseFormat.name}"` : ''}`,
    )
  lines.push(`  messages: ${request.messages.length}`)
  const queued = queue.length
    ? `Queued replies (none matched): ${queue.map((r) => `when ${r.when}`).join('; ')}.`
    : 'No replies are queued.'
  return (
    `[understudy:${service}] Unscripted request in strict mode:\n${lines.join('\n')}\n${queued}\n` +
    `Script it before the call: ${service}.reply({ content: '...' }), ${service}.reply({ toolCalls: [{ name, arguments }] }) ` +
    `or ${service}.when({ lastUserMessage: /.../ }).reply(...); against \`understudy serve\`, POST the reply to /_understudy/${service}/replies ` +
    `with the same API key${request.partition !== 'default' ? ` (partition "${request.partition}")` : ''}. ` +
    'Or create the mock without strict: true to get deterministic default replies.'
  )
}

/** Splits text into token-sized pieces, the way streamed deltas arrive. */
export function textPieces(text: string): string[] {
  return text.match(/\s*[^\s]{1,8}|\s+/g) ?? (text ? [text] : [])
}

/** Splits tool-call JSON into pieces the way the APIs stream arguments. */
export function argumentPieces(text: string): string[] {
  return text.match(/[{}[\]":,\s]+|[^{}[\]":,\s]{1,8}/g) ?? (text ? [text] : [])
}
