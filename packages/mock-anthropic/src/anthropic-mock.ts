/**
 * `createAnthropicMock`: the core service mock plus the shared LLM scripting API.
 *
 * @module
 */
import { assertOptions, type ServiceMock, type ServiceMockOptions } from '@understudy/core'
import { createScriptedMock, type ReplyScripting } from '@understudy/core/llm'
import type { AnthropicConfig } from './config'
import { anthropicOptionsSchema } from './options-schema'
import type { AnthropicSeed } from './seed'
import { anthropicService } from './service'
import type { AnthropicState } from './state'

export interface AnthropicMockOptions extends ServiceMockOptions<AnthropicSeed> {
  /**
   * Fail requests that no scripted reply matches (a 400 that lists what was asked and how to script
   * it) instead of answering with deterministic defaults.
   */
  strict?: boolean
  /**
   * How long a Message Batch stays `in_progress`, in milliseconds of the mock's clock (`mock.clock`:
   * freeze and advance it to step through). Default 0: the create response is `in_progress` and the
   * next look (retrieve, list, results) sees it ended. 24 hours or more: its requests expire.
   */
  batchProcessingMs?: number
}

/** The Anthropic mock: the core instance plus reply scripting (`reply`, `when`, `pendingReplies`). */
export interface AnthropicMock
  extends ServiceMock<AnthropicState, AnthropicSeed, AnthropicConfig>,
    ReplyScripting {}

/**
 * A scriptable, deterministic Anthropic Messages API (messages, streaming, count_tokens, models,
 * Message Batches) for
 * @anthropic-ai/sdk and the Vercel AI SDK's Anthropic provider.
 *
 * Create SDK clients after `server.listen()`: the SDK captures `fetch` when it is constructed.
 *
 * @example
 * const anthropic = createAnthropicMock()
 * const server = setupServer(...anthropic.handlers)
 * server.listen()
 * anthropic.reply({ content: 'Hello!' })
 * const client = new Anthropic({ apiKey: 'sk-ant-test' })
 * const message = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] })
 * message.content[0] // { type: 'text', text: 'Hello!' }
 */
export function createAnthropicMock(options: AnthropicMockOptions = {}): AnthropicMock {
  assertOptions(anthropicOptionsSchema, options, { prefix: '[understudy:anthropic]' })
  const { strict, batchProcessingMs, ...serviceOptions } = options
  // The SDK's baseURL (…/anthropic) is the mount; a baseUrl ending in /v1 works too.
  const config = {
    strict: strict === true,
    ...(batchProcessingMs !== undefined ? { batchProcessingMs } : {}),
  }
  return createScriptedMock(anthropicService, config, serviceOptions, {
    provider: 'anthropic',
    apiPrefix: '/v1',
  })
}
