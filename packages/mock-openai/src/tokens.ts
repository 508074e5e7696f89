/**
 * Token estimates. Real tokenizers average about four characters of English per token; the mock
 * uses that rule so usage numbers are plausible, stable across runs, and easy to predict in tests.
 */

import { countTokens } from '@understudy/core/llm'

export { countTokens }

// OpenAI's cookbook counts 3 extra tokens per chat message and 3 to prime the reply.
const PER_MESSAGE = 3
const REPLY_PRIMING = 3

export interface TokenizedMessage {
  role: string
  text: string
  toolCalls?: ReadonlyArray<{ name: string; arguments: string }> | undefined
}

/** Prompt tokens of a conversation, tools included. */
export function countPromptTokens(
  messages: readonly TokenizedMessage[],
  extra: { tools?: unknown; responseFormat?: unknown } = {},
): number {
  let total = REPLY_PRIMING
  for (const message of messages) {
    total += PER_MESSAGE + countTokens(message.role) + countTokens(message.text)
    for (const call of message.toolCalls ?? []) total += countTokens(call.name) + countTokens(call.arguments)
  }
  if (extra.tools) total += countTokens(JSON.stringify(extra.tools))
  if (extra.responseFormat) total += countTokens(JSON.stringify(extra.responseFormat))
  return total
}

/** Completion tokens of a reply: its text plus each tool call's name and arguments. */
export function countCompletionTokens(
  text: string | null | undefined,
  toolCalls: ReadonlyArray<{ name: string; arguments: string }> = [],
): number {
  let total = countTokens(text)
  for (const call of toolCalls) total += PER_MESSAGE + countTokens(call.name) + countTokens(call.arguments)
  return Math.max(total, 1)
}
