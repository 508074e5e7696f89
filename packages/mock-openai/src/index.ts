/**
 * @understudy/mock-openai: a scriptable, deterministic OpenAI API for openai-node and the Vercel AI
 * SDK, in-process (msw) or behind `understudy serve`.
 *
 * @module
 */

export type {
  ContentReply,
  ErrorReply,
  FinishReason,
  PendingReply,
  RefusalReply,
  Reply,
  ReplyHandle,
  ReplyMatcher,
  ReplyOptions,
  ReplySpec,
  ScriptedError,
  ScriptedToolCall,
  TextMatcher,
  ToolCallsReply,
} from '@understudy/core/llm'
export { generateFromSchema, type JsonSchema } from '@understudy/core/llm'
export type {
  ConversationMessage,
  ReplyRequest,
  ResponseFormat,
  ToolCall,
  ToolChoice,
  ToolDefinition,
  ToolResult,
} from './conversation'
export { OpenAIApiError, type OpenAIErrorBody } from './errors'
export type { Model, ModelDefinition, ModelKind } from './models'
export {
  createOpenAIMock,
  type ModerationRule,
  type OpenAIMock,
  type OpenAIMockOptions,
  type OpenAIWebhookEndpoint,
  type ReplyBuilder,
} from './openai-mock'
export { openAIOptionsSchema, openAIOptionsShape } from './options-schema'
export type { RateLimitOptions } from './rate-limits'
export { MODERATION_CATEGORIES, type ModerationCategory } from './routes/moderations'
export type { OpenAISeed } from './seed'
export { openAISeedSchema } from './seed-schema'
export type { OpenAIState } from './state'
export { countTokens } from './tokens'
