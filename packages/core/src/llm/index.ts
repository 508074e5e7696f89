/**
 * `@understudy/core/llm`: the one scripting engine behind every LLM mock (OpenAI, Anthropic,
 * Gemini). Each mock maps its request into the neutral {@link ReplyRequest}, asks {@link decide} for
 * the turn, and renders the {@link Turn} in its own wire shape; `reply()`, `when()`, strict mode,
 * deterministic defaults and schema-valid generation behave the same for all of them.
 *
 * @module
 */
export {
  type ConversationMessage,
  LLM_APIS,
  type LlmApi,
  lastUserText,
  type ReplyRequest,
  type ResponseFormat,
  type Role,
  replyRequest,
  resolveToolNames,
  systemText,
  type ToolCall,
  type ToolChoice,
  type ToolDefinition,
  type ToolResult,
  trailingToolResults,
} from './conversation'
export { createRandom, hashString, type Random, stableStringify } from './hash'
export { generateFromSchema, type JsonSchema } from './json-schema'
export {
  type ContentReply,
  compileMatcher,
  type ErrorReply,
  type FinishReason,
  type PendingReply,
  type QueuedReply,
  type RefusalReply,
  type Reply,
  type ReplyHandle,
  type ReplyMatcher,
  type ReplyOptions,
  type ReplySpec,
  type ScriptedError,
  type ScriptedToolCall,
  type TextMatcher,
  type ToolCallsReply,
  takeReply,
  toQueued,
  validateReplySpec,
} from './replies'
export {
  argumentPieces,
  decide,
  type Outcome,
  type ReplyBuilder,
  type ReplyScripting,
  replyScripting,
  textPieces,
  unscriptedMessage,
} from './script'
export {
  createScriptedMock,
  decideReply,
  queuedRepliesSnapshot,
  type ScriptedContext,
  type SharedReplies,
} from './scripted-mock'
export { sseResponse } from './sse'
export { deterministicText, WORDS } from './text'
export { countTokens, truncateToTokens } from './tokens'
export {
  applyLimits,
  defaultTurn,
  type FinishReason as TurnFinishReason,
  requestSeed,
  scriptedTurn,
  type Turn,
} from './turn'
