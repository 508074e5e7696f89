/**
 * @understudy/mock-anthropic: a scriptable, deterministic Anthropic Messages API for
 * @anthropic-ai/sdk and the Vercel AI SDK, in-process (msw) or behind `understudy serve`.
 *
 * @module
 */
export type {
  ContentReply,
  ErrorReply,
  PendingReply,
  RefusalReply,
  Reply,
  ReplyBuilder,
  ReplyHandle,
  ReplyMatcher,
  ReplyOptions,
  ReplyRequest,
  ReplySpec,
  ScriptedError,
  ScriptedToolCall,
  TextMatcher,
  ToolCallsReply,
} from '@understudy/core/llm'
export { type AnthropicMock, type AnthropicMockOptions, createAnthropicMock } from './anthropic-mock'
export { AnthropicApiError } from './errors'
export type { AnthropicModel, AnthropicModelDefinition } from './models'
export { anthropicOptionsSchema, anthropicOptionsShape } from './options-schema'
export type { AnthropicSeed } from './seed'
export { anthropicSeedSchema } from './seed-schema'
export type { AnthropicState } from './state'
