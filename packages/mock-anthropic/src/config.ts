import type { SharedReplies } from '@understudy/core/llm'

/**
 * The mock-wide config (`ctx.config`): `createAnthropicMock`'s own options, checked once by the
 * factory and shared by every partition, and the default partition's reply queue.
 */
export interface AnthropicConfig extends SharedReplies {
  /** Fail unscripted requests (400) instead of answering with deterministic defaults. */
  readonly strict: boolean
  /** How long a Message Batch stays `in_progress` on the mock's clock (0: it ends at the next look). */
  readonly batchProcessingMs: number
}

/** What a mock created with no options has. */
export const defaultConfig: AnthropicConfig = {
  strict: false,
  batchProcessingMs: 0,
  sharedReplies: () => undefined,
}
