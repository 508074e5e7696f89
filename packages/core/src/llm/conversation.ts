/**
 * The provider-neutral view of an LLM request: the conversation, the tools offered and the output
 * format asked for. Each LLM mock maps its own wire format into it (OpenAI messages and input items,
 * Anthropic content blocks, Gemini parts), so one script answers any provider: scripted replies are
 * matched against it, unscripted replies are derived from it, and strict mode shows it.
 *
 * @module
 */
import type { JsonSchema } from './json-schema'

/**
 * Who spoke. `system`/`developer` are instructions, `tool` a tool's result. Providers without a
 * `developer` role (Anthropic, Gemini) never produce it.
 */
export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool'

export interface ToolCall {
  id: string
  name: string
  /** The arguments as the JSON text the model wrote. */
  arguments: string
}

export interface ConversationMessage {
  role: Role
  /** The message's text parts, joined with newlines ('' when it has none). */
  text: string
  /** Assistant turns: the tools it called. */
  toolCalls?: ToolCall[]
  /** Tool results: the call they answer. */
  toolCallId?: string
  /** Tool results: the name of the function that was called (found from the call). */
  name?: string
}

export interface ToolDefinition {
  name: string
  description?: string
  parameters?: JsonSchema
  strict?: boolean
}

/**
 * Whether and which tool the model must call: `auto` (may), `none` (must not), `required` (must
 * call one: OpenAI `required`, Anthropic `any`, Gemini mode `ANY`) or one tool by name.
 */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string }

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonSchema; strict: boolean }

export interface ToolResult {
  callId: string
  /** The function's name, when the call it answers is in the conversation. */
  name: string | undefined
  output: string
}

/**
 * Which API asked: OpenAI Chat Completions or Responses, Anthropic Messages, Gemini generateContent.
 */
export type LlmApi = 'chat.completions' | 'responses' | 'messages' | 'generateContent'

/** Every {@link LlmApi}, for validating matchers. */
export const LLM_APIS: readonly LlmApi[] = ['chat.completions', 'responses', 'messages', 'generateContent']

/** What a scripted reply's `when` and a reply function see of a request. */
export interface ReplyRequest {
  /** Which API asked. */
  api: LlmApi
  model: string
  /** The whole conversation, oldest first (for Responses: the `previous_response_id` chain included). */
  messages: readonly ConversationMessage[]
  /** System and developer messages (Responses: `instructions` too), joined with newlines. */
  system: string | undefined
  /** The text of the latest user message. */
  lastUserMessage: string | undefined
  tools: readonly ToolDefinition[]
  toolChoice: ToolChoice
  /** Tool results at the end of the conversation: this request asks the model to go on from them. */
  toolResults: readonly ToolResult[]
  responseFormat: ResponseFormat
  stream: boolean
  /** The request body as sent. */
  body: Record<string, unknown>
  partition: string
}

/** Tool results name the function they answer by call id; look the calls up. */
export function resolveToolNames(messages: ConversationMessage[]): void {
  const names = new Map<string, string>()
  for (const message of messages) {
    for (const call of message.toolCalls ?? []) names.set(call.id, call.name)
    if (message.role === 'tool' && message.toolCallId && !message.name) {
      const name = names.get(message.toolCallId)
      if (name) message.name = name
    }
  }
}

export function trailingToolResults(messages: readonly ConversationMessage[]): ToolResult[] {
  const results: ToolResult[] = []
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!
    if (message.role !== 'tool') break
    results.unshift({ callId: message.toolCallId ?? '', name: message.name, output: message.text })
  }
  return results
}

export function lastUserText(messages: readonly ConversationMessage[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return messages[i]!.text
  return undefined
}

export function systemText(
  messages: readonly ConversationMessage[],
  instructions?: string,
): string | undefined {
  const parts = [
    ...(instructions ? [instructions] : []),
    ...messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.text),
  ]
  return parts.length ? parts.join('\n') : undefined
}

/**
 * Builds the request view from a provider's already-parsed conversation.
 *
 * @example
 * replyRequest({ api: 'messages', model: 'claude-sonnet-4-5', messages, tools: [], toolChoice: 'none',
 *   responseFormat: { type: 'text' }, stream: false, body, partition: 'default' })
 */
export function replyRequest(
  input: Omit<ReplyRequest, 'system' | 'lastUserMessage' | 'toolResults'> & { instructions?: string },
): ReplyRequest {
  const { instructions, ...rest } = input
  return {
    ...rest,
    system: systemText(input.messages, instructions),
    lastUserMessage: lastUserText(input.messages),
    toolResults: trailingToolResults(input.messages),
  }
}
