/**
 * Responses API input: a string or a list of items (messages, function calls and their outputs,
 * references to stored items), read into the conversation and checked as the API checks it.
 *
 * @module
 */
import type { IdGenerator } from '@understudy/core'
import type { JsonSchema } from '@understudy/core/llm'
import {
  type ConversationMessage,
  contentText,
  type ResponseFormat,
  type Role,
  resolveToolNames,
} from '../conversation'
import { invalidRequest, invalidType } from '../errors'

type Item = Record<string, unknown>

const MESSAGE_ROLES = new Set(['user', 'assistant', 'system', 'developer'])

/** The request's input as items, each with an id, as `input_items` lists them. */
export function inputItems(raw: unknown, ids: IdGenerator): Item[] {
  if (raw === undefined || raw === null) return []
  if (typeof raw === 'string')
    return [
      {
        id: ids.next('msg_', 48),
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: raw }],
        status: 'completed',
      },
    ]
  if (!Array.isArray(raw)) throw invalidType('input', 'a string or an array of input items', raw)
  return raw.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null) throw invalidType(`input[${i}]`, 'an object', entry)
    const item = entry as Item
    const type = item.type ?? (item.role !== undefined ? 'message' : undefined)
    if (type === 'message') {
      if (typeof item.role !== 'string' || !MESSAGE_ROLES.has(item.role))
        throw invalidRequest(
          `Invalid value: '${String(item.role)}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`,
          { param: `input[${i}].role`, code: 'invalid_value' },
        )
      const partType = item.role === 'assistant' ? 'output_text' : 'input_text'
      const content =
        typeof item.content === 'string' ? [{ type: partType, text: item.content }] : item.content
      return {
        id: typeof item.id === 'string' ? item.id : ids.next('msg_', 48),
        ...item,
        type: 'message',
        content,
        status: item.status ?? 'completed',
      }
    }
    if (type === 'function_call_output' || type === 'function_call') {
      if (typeof item.call_id !== 'string')
        throw invalidRequest(`Missing required parameter: 'input[${i}].call_id'.`, {
          param: `input[${i}].call_id`,
          code: 'missing_required_parameter',
        })
      const prefix = type === 'function_call' ? 'fc_' : 'fco_'
      return {
        id: typeof item.id === 'string' ? item.id : ids.next(prefix, 48),
        ...item,
        status: item.status ?? 'completed',
      }
    }
    if (type === 'item_reference') {
      if (typeof item.id !== 'string')
        throw invalidRequest(`Missing required parameter: 'input[${i}].id'.`, {
          param: `input[${i}].id`,
          code: 'missing_required_parameter',
        })
      return item
    }
    if (typeof type !== 'string')
      throw invalidRequest(`Missing required parameter: 'input[${i}].type'.`, {
        param: `input[${i}].type`,
        code: 'missing_required_parameter',
      })
    return item
  })
}

function outputText(output: unknown): string {
  if (typeof output === 'string') return output
  return contentText(output)
}

/** Adds items to a conversation; function calls of one turn join one assistant message. */
export function appendItems(
  conversation: ConversationMessage[],
  items: readonly Item[],
  resolveReference: (id: string) => Item | undefined,
): void {
  items.forEach((item, i) => {
    let it = item
    if (it.type === 'item_reference') {
      const found = resolveReference(String(it.id))
      if (!found)
        throw invalidRequest(`Item with id '${String(it.id)}' not found.`, {
          status: 404,
          param: `input[${i}]`,
        })
      it = found
    }
    if (it.type === 'message') {
      conversation.push({ role: it.role as Role, text: contentText(it.content) })
    } else if (it.type === 'function_call') {
      const call = {
        id: String(it.call_id),
        name: String(it.name ?? ''),
        arguments: String(it.arguments ?? ''),
      }
      const last = conversation[conversation.length - 1]
      if (last?.role === 'assistant' && last.toolCalls && last.text === '') last.toolCalls.push(call)
      else conversation.push({ role: 'assistant', text: '', toolCalls: [call] })
    } else if (it.type === 'function_call_output') {
      conversation.push({ role: 'tool', text: outputText(it.output), toolCallId: String(it.call_id) })
    }
    // Reasoning and built-in tool items carry nothing the mock's replies depend on.
  })
}

/** Every function call needs its output, and every output its call, as the API enforces. */
export function checkToolPairs(conversation: ConversationMessage[]): void {
  const calls = new Set<string>()
  const outputs = new Set<string>()
  for (const message of conversation) {
    for (const call of message.toolCalls ?? []) calls.add(call.id)
    if (message.role === 'tool' && message.toolCallId !== undefined) {
      if (!calls.has(message.toolCallId))
        throw invalidRequest(
          `No tool call found for function call output with call_id ${message.toolCallId}.`,
          { param: 'input' },
        )
      outputs.add(message.toolCallId)
    }
  }
  for (const id of calls)
    if (!outputs.has(id))
      throw invalidRequest(`No tool output found for function call ${id}.`, { param: 'input' })
  resolveToolNames(conversation)
}

/** `text.format` as a response format. */
export function textFormat(raw: unknown): ResponseFormat {
  const format = (raw as { format?: Record<string, unknown> } | undefined)?.format
  if (!format || format.type === 'text') return { type: 'text' }
  if (format.type === 'json_object') return { type: 'json_object' }
  if (format.type === 'json_schema') {
    if (typeof format.name !== 'string')
      throw invalidRequest("Missing required parameter: 'text.format.name'.", {
        param: 'text.format.name',
        code: 'missing_required_parameter',
      })
    if (typeof format.schema !== 'object' || format.schema === null)
      throw invalidRequest("Missing required parameter: 'text.format.schema'.", {
        param: 'text.format.schema',
        code: 'missing_required_parameter',
      })
    return {
      type: 'json_schema',
      name: format.name,
      schema: format.schema as JsonSchema,
      strict: format.strict === true,
    }
  }
  throw invalidRequest(
    `Invalid value: '${String(format.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
    { param: 'text.format.type', code: 'invalid_value' },
  )
}
