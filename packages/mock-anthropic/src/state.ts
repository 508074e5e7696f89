import type { QueuedReply } from '@understudy/core/llm'
import { type AnthropicModel, defaultModels } from './models'

/** One partition's state (one API key when partitioned by credential). */
export interface AnthropicState {
  replies: QueuedReply[]
  models: Map<string, AnthropicModel>
  /** Prompt prefixes written to the prompt cache (by hash): a repeat reads them instead. */
  promptCache: Set<string>
}

export function createState(): AnthropicState {
  return { replies: [], models: defaultModels(), promptCache: new Set() }
}
