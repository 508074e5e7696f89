import type { QueuedReply } from '@understudy/core/llm'

/**
 * The mock-wide config (`ctx.config`): `createGeminiMock`'s own options, checked once by the factory
 * and shared by every partition.
 */
export interface GeminiConfig {
  /** Fail unscripted requests (400) instead of answering with deterministic defaults. */
  readonly strict: boolean
  /** The default partition's queue: replies queued without a key serve every partition. */
  sharedReplies(): QueuedReply[] | undefined
}

/** What a mock created with no options has. */
export const defaultConfig: GeminiConfig = { strict: false, sharedReplies: () => undefined }
