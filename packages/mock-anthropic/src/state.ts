import type { QueuedReply } from '@understudy/core/llm'
import { type AnthropicModel, defaultModels } from './models'
import type { StoredBatch } from './routes/batches'

/** One partition's state (one API key when partitioned by credential). */
export interface AnthropicState {
  replies: QueuedReply[]
  models: Map<string, AnthropicModel>
  /** Prompt prefixes written to the prompt cache (by hash): a repeat reads them instead. */
  promptCache: Set<string>
  /** Message Batches by id, oldest first. */
  batches: Map<string, StoredBatch>
}

export function createState(): AnthropicState {
  return { replies: [], models: defaultModels(), promptCache: new Set(), batches: new Map() }
}
