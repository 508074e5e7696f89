import type { QueuedReply } from '@understudy/core/llm'
import { defaultModels, type GeminiModel } from './models'

/** One partition's state (one API key when partitioned by credential). */
export interface GeminiState {
  replies: QueuedReply[]
  models: Map<string, GeminiModel>
}

export function createState(): GeminiState {
  return { replies: [], models: defaultModels() }
}
