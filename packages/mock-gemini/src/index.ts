/**
 * @understudy/mock-gemini: a scriptable, deterministic Gemini API for
 * @google/genai and the Vercel AI SDK, in-process (msw) or behind `understudy serve`.
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
export { GeminiApiError } from './errors'
export { createGeminiMock, type GeminiMock, type GeminiMockOptions } from './gemini-mock'
export type { GeminiModel, GeminiModelDefinition } from './models'
export { geminiOptionsSchema, geminiOptionsShape } from './options-schema'
export type { GeminiSeed } from './seed'
export { geminiSeedSchema } from './seed-schema'
export type { GeminiState } from './state'
