/**
 * `createOpenAIMock`: the core service mock plus OpenAI's scripting API.
 *
 * @module
 */
import {
  assertOptions,
  createServiceMock,
  InvalidOptionError,
  type ServiceMock,
  type ServiceMockOptions,
  trimBaseUrl,
  type WebhookOptions,
} from '@understudy/core'
import {
  compileMatcher,
  type PendingReply,
  type Reply,
  type ReplyBuilder,
  type ReplyHandle,
  type ReplyMatcher,
  type ReplyOptions,
  type ReplyRequest,
  replyScripting,
  type TextMatcher,
} from '@understudy/core/llm'
import type { OpenAIConfig } from './config'
import { openAIOptionsSchema } from './options-schema'
import { RateLimiter, type RateLimitOptions } from './rate-limits'
import { MODERATION_CATEGORIES, type ModerationCategory } from './routes/moderations'
import type { OpenAISeed } from './seed'
import { openAIService } from './service'
import type { OpenAIState } from './state'

/** Where background-response events are sent, signed per Standard Webhooks with `secret`. */
export interface OpenAIWebhookEndpoint {
  url: string
  /** `whsec_...`: the signing secret, as OpenAI shows it for the endpoint. */
  secret: string
  /** Event types to send (`response.completed`, `response.failed`...); all when omitted. */
  events?: readonly string[]
}

/** Flags moderation inputs that match. */
export interface ModerationRule {
  match: TextMatcher
  categories: readonly ModerationCategory[]
}

export interface OpenAIMockOptions extends Omit<ServiceMockOptions<OpenAISeed>, 'webhooks'> {
  /**
   * Fail requests that no scripted reply matches (a 400 that lists what was asked and how to script
   * it) instead of answering with deterministic defaults.
   */
  strict?: boolean
  /** Requests and tokens per minute before 429s. */
  rateLimits?: RateLimitOptions
  /**
   * `'immediate'` (default): a background response completes right after it is created.
   * `'manual'`: it stays queued until `finishBackground()` (or cancel).
   */
  background?: 'immediate' | 'manual'
  /**
   * Webhook endpoints for background responses (`[{ url, secret: 'whsec_...' }]`), or delivery
   * settings (transport, retries) with `endpoints`.
   */
  webhooks?:
    | readonly OpenAIWebhookEndpoint[]
    | (WebhookOptions & { endpoints?: readonly OpenAIWebhookEndpoint[] })
  /** Moderation inputs to flag, e.g. `[{ match: /attack/i, categories: ['violence'] }]`. */
  moderationRules?: readonly ModerationRule[]
}

export type { ReplyBuilder }

/** The OpenAI mock: the core instance plus reply scripting. */
export interface OpenAIMock extends ServiceMock<OpenAIState, OpenAISeed> {
  /**
   * Queues scripted replies (for the default partition unless `partition` is given). An array
   * queues several, answered in order.
   */
  reply(reply: Reply | readonly Reply[], options?: ReplyOptions): ReplyHandle
  /** `when(matcher).reply(...)`: a reply for the requests that match. */
  when(matcher: ReplyMatcher | ((request: ReplyRequest) => boolean)): ReplyBuilder
  /** Replies still queued (for the default partition unless given). */
  pendingReplies(partition?: string): PendingReply[]
  /** Settles `background: 'manual'` responses still queued; returns how many. */
  finishBackground(options?: { id?: string; partition?: string }): number
}

function webhookSettings(webhooks: OpenAIMockOptions['webhooks']): {
  endpoints: readonly OpenAIWebhookEndpoint[]
  delivery: WebhookOptions | undefined
} {
  if (webhooks === undefined) return { endpoints: [], delivery: undefined }
  if (Array.isArray(webhooks))
    return { endpoints: webhooks as readonly OpenAIWebhookEndpoint[], delivery: undefined }
  const { endpoints, ...delivery } = webhooks as WebhookOptions & {
    endpoints?: readonly OpenAIWebhookEndpoint[]
  }
  return { endpoints: endpoints ?? [], delivery }
}

function checkEndpoints(endpoints: readonly OpenAIWebhookEndpoint[]): void {
  endpoints.forEach((endpoint, i) => {
    const where = `webhooks[${i}]`
    try {
      new URL(endpoint?.url)
    } catch {
      throw new InvalidOptionError(
        `${where}.url`,
        `expected an absolute URL like 'http://127.0.0.1:3000/webhooks/openai', got ${JSON.stringify(endpoint?.url)}.`,
      )
    }
    if (typeof endpoint.secret !== 'string' || !endpoint.secret.startsWith('whsec_'))
      throw new InvalidOptionError(
        `${where}.secret`,
        "expected the endpoint's signing secret, 'whsec_' followed by base64, e.g. 'whsec_dGVzdA=='.",
      )
  })
}

function moderationConfig(rules: readonly ModerationRule[] | undefined): OpenAIConfig['moderationRules'] {
  return (rules ?? []).map((rule, i) => {
    const bad = (rule?.categories ?? []).filter(
      (c) => !(MODERATION_CATEGORIES as readonly string[]).includes(c),
    )
    if (!Array.isArray(rule?.categories) || bad.length)
      throw new InvalidOptionError(
        `moderationRules[${i}].categories`,
        `expected categories from ${MODERATION_CATEGORIES.join(', ')}${bad.length ? `; got ${bad.join(', ')}` : ''}.`,
      )
    // Reuse the reply matcher's text matching: a string matches as a substring.
    const { matches } = compileMatcher({ lastUserMessage: rule.match })
    return {
      test: (text: string) => matches({ lastUserMessage: text } as ReplyRequest),
      categories: rule.categories,
    }
  })
}

/**
 * A scriptable, deterministic OpenAI API: Chat Completions, Responses, embeddings, models and
 * moderations, for openai-node and the Vercel AI SDK.
 *
 * Create SDK clients after `server.listen()`: openai-node captures `fetch` when it is constructed.
 *
 * @example
 * const openai = createOpenAIMock()
 * const server = setupServer(...openai.handlers)
 * server.listen()
 * openai.reply({ content: 'Hello!' })
 * const client = new OpenAI({ apiKey: 'sk-test' })
 * const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
 * completion.choices[0].message.content // 'Hello!'
 */
export function createOpenAIMock(options: OpenAIMockOptions = {}): OpenAIMock {
  const { strict, rateLimits, background, webhooks, moderationRules, ...serviceOptions } = options
  if (background !== undefined && background !== 'immediate' && background !== 'manual')
    throw new InvalidOptionError(
      'background',
      `expected 'immediate' or 'manual', got ${JSON.stringify(background)}.`,
    )
  for (const key of ['requestsPerMinute', 'tokensPerMinute'] as const) {
    const value = rateLimits?.[key]
    if (value !== undefined && (!Number.isInteger(value) || value < 1))
      throw new InvalidOptionError(`rateLimits.${key}`, `expected a whole number >= 1, got ${String(value)}.`)
  }
  const { endpoints, delivery } = webhookSettings(webhooks)
  checkEndpoints(endpoints)
  assertOptions(openAIOptionsSchema, options, { prefix: '[understudy:openai]' })

  // Set once, for every partition.
  const config: Omit<OpenAIConfig, 'sharedReplies'> = {
    strict: strict === true,
    rateLimiter: new RateLimiter(rateLimits),
    background: background ?? 'immediate',
    webhookEndpoints: endpoints,
    moderationRules: moderationConfig(moderationRules),
  }

  // openai-node's baseURL (…/openai/v1) works as baseUrl as well as the mount (…/openai).
  const baseUrl = trimBaseUrl(serviceOptions.baseUrl, '/v1')
  const mock: OpenAIMock = createServiceMock(
    { ...openAIService, extend: openAIMembers },
    { ...serviceOptions, ...(baseUrl ? { baseUrl } : {}), ...(delivery ? { webhooks: delivery } : {}) },
    // `mock` is defined by the time a request reads the default partition's queue.
    { ...config, sharedReplies: () => mock.state().replies },
  )
  return mock
}

/** OpenAI's own instance members: scripted replies and background responses. */
function openAIMembers(
  base: ServiceMock<OpenAIState, OpenAISeed, OpenAIConfig>,
): Pick<OpenAIMock, 'reply' | 'when' | 'pendingReplies' | 'finishBackground'> {
  return {
    ...replyScripting((partition) => base.state(partition).replies, 'openai'),
    finishBackground(finishOptions: { id?: string; partition?: string } = {}) {
      const partitions = finishOptions.partition ? [finishOptions.partition] : base.partitions()
      let count = 0
      for (const partition of partitions) {
        for (const [id, record] of base.state(partition).responses) {
          if (!record.pending || (finishOptions.id && finishOptions.id !== id)) continue
          record.pending.finish('complete')
          count++
        }
      }
      return count
    },
  }
}
