import type { QueuedReply } from '@understudy/core/llm'
import type { ConversationMessage } from './conversation'
import { defaultModels, type Model } from './models'
import { createRateLimitState, type RateLimitState } from './rate-limits'

/** A stored Responses API response, for `retrieve`, `previous_response_id` and `input_items`. */
export interface StoredResponse {
  /** The response object as the API returns it. */
  response: Record<string, unknown>
  /** The conversation up to and including this response's output, for the next turn to build on. */
  conversation: ConversationMessage[]
  /** This request's own input items, with ids, for `GET /v1/responses/{id}/input_items`. */
  inputItems: Record<string, unknown>[]
  /** Background responses: what to do when it is settled (complete, fail, cancel). */
  pending?: { finish: (outcome: 'complete' | 'cancel') => void }
}

/** One partition's state (one API key when partitioned by credential). */
export interface OpenAIState {
  replies: QueuedReply[]
  models: Map<string, Model>
  responses: Map<string, StoredResponse>
  /** Output and input items by id, for `item_reference` input items. */
  items: Map<string, Record<string, unknown>>
  rateLimits: RateLimitState
}

export function createState(): OpenAIState {
  return {
    replies: [],
    models: defaultModels(),
    responses: new Map(),
    items: new Map(),
    rateLimits: createRateLimitState(),
  }
}
