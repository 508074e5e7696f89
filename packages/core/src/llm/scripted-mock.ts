/**
 * The parts every LLM mock's factory shares: a core service mock whose partitions hold a reply queue,
 * with the scripting API (`reply`, `when`, `pendingReplies`) on top, and the queue as the dashboard
 * shows it. Each mock keeps only its provider's routes, options and state.
 *
 * @module
 */
import { trimBaseUrl } from '../mock/base-url'
import { createServiceMock, type ServiceMock, type ServiceMockOptions } from '../mock/create-mock'
import type { IdGenerator } from '../mock/ids'
import type { ServiceDefinition } from '../mock/types'
import type { ReplyRequest } from './conversation'
import type { QueuedReply } from './replies'
import { decide, type Outcome, type ReplyScripting, replyScripting } from './script'

/** What a provider's config has for its routes: the default partition's queue serves every partition. */
export interface SharedReplies {
  /** The default partition's reply queue (undefined until the mock exists). */
  sharedReplies(): QueuedReply[] | undefined
}

/** What {@link decideReply} reads of a request's context: its partition's queue and the mock's config. */
export interface ScriptedContext {
  readonly state: { readonly replies: QueuedReply[] }
  readonly partition: string
  readonly config: SharedReplies & { readonly strict: boolean }
  readonly ids: IdGenerator
}

/**
 * {@link decide} for a request to a scripted mock: the partition's own queue first, then the default
 * partition's (what `reply()` on the mock queues), the mock's `strict`, `n` answers.
 */
export function decideReply(ctx: ScriptedContext, request: ReplyRequest, n?: number): Outcome {
  return decide({
    request,
    queue: ctx.state.replies,
    shared: ctx.partition === 'default' ? undefined : ctx.config.sharedReplies(),
    strict: ctx.config.strict,
    ids: ctx.ids,
    ...(n !== undefined ? { n } : {}),
  })
}

/**
 * Builds an LLM mock from its service definition, with `config` (the factory's checked options) as the
 * mock-wide config and `sharedReplies` added. `apiPrefix` (`/v1`, `/v1beta`) is trimmed from a
 * `baseUrl` that ends in it, since SDKs are pointed at either the mount or the API root under it.
 *
 * @example
 * const mock = createScriptedMock(anthropicService, { strict }, options, { provider: 'anthropic', apiPrefix: '/v1' })
 */
export function createScriptedMock<S extends { replies: QueuedReply[] }, Seed, C extends SharedReplies>(
  service: ServiceDefinition<S, Seed, C>,
  config: Partial<Omit<C, 'sharedReplies'>>,
  options: ServiceMockOptions<Seed>,
  { provider, apiPrefix }: { provider: string; apiPrefix: string },
): ServiceMock<S, Seed, C> & ReplyScripting {
  const baseUrl = trimBaseUrl(options.baseUrl, apiPrefix)
  const mock: ServiceMock<S, Seed, C> & ReplyScripting = createServiceMock(
    {
      ...service,
      extend: (base: ServiceMock<S, Seed, C>) =>
        replyScripting((partition) => base.state(partition).replies, provider),
    },
    { ...options, ...(baseUrl ? { baseUrl } : {}) },
    // `mock` is defined by the time a request reads the default partition's queue.
    { ...config, sharedReplies: () => mock.state().replies } as Partial<C>,
  )
  return mock
}

/** A reply queue as snapshots (dashboard, `/_understudy/state`) show it: functions by name only. */
export function queuedRepliesSnapshot(replies: readonly QueuedReply[]): unknown[] {
  return replies.map((r) => ({
    reply: typeof r.reply === 'function' ? '(function)' : r.reply,
    when: r.when,
    remaining: Number.isFinite(r.remaining) ? r.remaining : 'always',
  }))
}
