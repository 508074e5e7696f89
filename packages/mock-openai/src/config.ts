import type { QueuedReply } from '@understudy/core/llm'
import { RateLimiter } from './rate-limits'

/**
 * The mock-wide config (`ctx.config`): `createOpenAIMock`'s own options, checked once by the factory
 * and shared by every partition.
 */
export interface OpenAIConfig {
  /** Fail unscripted requests (400) instead of answering with deterministic defaults. */
  readonly strict: boolean
  readonly rateLimiter: RateLimiter
  readonly background: 'immediate' | 'manual'
  readonly webhookEndpoints: ReadonlyArray<{ url: string; secret: string; events?: readonly string[] }>
  readonly moderationRules: ReadonlyArray<{ test: (text: string) => boolean; categories: readonly string[] }>
  /**
   * The default partition's reply queue. Behind `understudy serve` every API key has its own
   * partition; replies queued without a key (no Authorization on the admin API) serve any partition
   * that has no matching reply of its own, instead of waiting for a request that can never come.
   */
  sharedReplies(): QueuedReply[] | undefined
}

/** What a mock created with no options has. */
export const defaultConfig: OpenAIConfig = {
  strict: false,
  rateLimiter: new RateLimiter(),
  background: 'immediate',
  webhookEndpoints: [],
  moderationRules: [],
  sharedReplies: () => undefined,
}
