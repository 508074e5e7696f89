/**
 * OpenAI's request formats mapped into the engine's neutral conversation (`@understudy/core/llm`):
 * Chat Completions messages, tools, tool_choice and response_format, with the API's 400s for
 * malformed ones.
 *
 * @module
 */
import {
  type ConversationMessage,
  type JsonSchema,
  type ResponseFormat,
  type Role,
  resolveToolNames,
  type ToolChoice,
  type ToolDefinition,
} from '@understudy/core/llm'
import { invalidRequest, invalidType } from './errors'

export type {
  ConversationMessage,
  ReplyRequest,
  ResponseFormat,
  Role,
  ToolCall,
  ToolChoice,
  ToolDefinition,
  ToolResult,
} from '@understudy/core/llm'
export { lastUserText, resolveToolNames, systemText, trailingToolResults } from '@understudy/core/llm'

export function partText(part: unknown): string {
  if (typeof part === 'string') return part
  if (typeof part !== 'object' || part === null) return ''
  const p = part as Record<string, unknown>
  if (typeof p.text === 'string') return p.text
  if (typeof p.refusal === 'string') return p.refusal
  return ''
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map(partText).filter(Boolean).join('\n')
  return ''
}

// --- Chat Completions ---

const CHAT_ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function'])

/** Reads `messages` as Chat Completions does, with its 400s for malformed turns. */
export function chatMessages(raw: unknown): ConversationMessage[] {
  if (raw === undefined)
    throw invalidRequest("Missing required parameter: 'messages'.", {
      param: 'messages',
      code: 'missing_required_parameter',
    })
  if (!Array.isArray(raw)) throw invalidType('messages', 'an array', raw)
  if (raw.length === 0)
    throw invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      {
        param: 'messages',
        code: 'empty_array',
      },
    )
  const messages: ConversationMessage[] = []
  raw.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null) throw invalidType(`messages[${i}]`, 'an object', entry)
    const m = entry as Record<string, unknown>
    if (typeof m.role !== 'string' || !CHAT_ROLES.has(m.role))
      throw invalidRequest(
        `Invalid value: '${String(m.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        { param: `messages[${i}].role`, code: 'invalid_value' },
      )
    const text = contentText(m.content)
    if (m.role === 'tool' || m.role === 'function') {
      if (m.role === 'tool' && typeof m.tool_call_id !== 'string')
        throw invalidRequest(`Missing required parameter: 'messages[${i}].tool_call_id'.`, {
          param: `messages[${i}].tool_call_id`,
          code: 'missing_required_parameter',
        })
      messages.push({
        role: 'tool',
        text,
        ...(typeof m.tool_call_id === 'string' ? { toolCallId: m.tool_call_id } : {}),
        ...(typeof m.name === 'string' ? { name: m.name } : {}),
      })
      return
    }
    const message: ConversationMessage = { role: m.role as Role, text }
    if (m.role === 'assistant' && Array.isArray(m.tool_calls) && m.tool_calls.length > 0) {
      message.toolCalls = m.tool_calls.map((call: unknown) => {
        const c = (call ?? {}) as { id?: unknown; function?: { name?: unknown; arguments?: unknown } }
        return {
          id: String(c.id ?? ''),
          name: String(c.function?.name ?? ''),
          arguments: String(c.function?.arguments ?? ''),
        }
      })
    }
    if (m.role === 'assistant' && typeof m.function_call === 'object' && m.function_call !== null) {
      const fc = m.function_call as { name?: unknown; arguments?: unknown }
      message.toolCalls = [{ id: '', name: String(fc.name ?? ''), arguments: String(fc.arguments ?? '') }]
    }
    messages.push(message)
  })
  validateToolTurns(messages)
  resolveToolNames(messages)
  return messages
}

// Chat Completions refuses conversations whose tool calls and results do not pair up; an agent loop
// that forgets to send a result (or sends one twice) fails the same way against the mock.
function validateToolTurns(messages: ConversationMessage[]): void {
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!
    if (message.role === 'tool' && message.toolCallId !== undefined) {
      let j = i - 1
      while (j >= 0 && messages[j]!.role === 'tool') j--
      const caller = messages[j]
      if (caller?.role !== 'assistant' || !caller.toolCalls?.some((c) => c.id === message.toolCallId))
        throw invalidRequest(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          { param: `messages.[${i}].role` },
        )
    }
    if (message.role === 'assistant' && message.toolCalls?.length && message.toolCalls[0]!.id !== '') {
      const answered = new Set<string>()
      for (let j = i + 1; j < messages.length && messages[j]!.role === 'tool'; j++)
        answered.add(messages[j]!.toolCallId ?? '')
      const missing = message.toolCalls.map((c) => c.id).filter((id) => !answered.has(id))
      if (missing.length)
        throw invalidRequest(
          `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`,
          { param: `messages.[${i}].role` },
        )
    }
  }
}

export function chatTools(body: Record<string, unknown>): ToolDefinition[] {
  const tools: ToolDefinition[] = []
  if (body.tools !== undefined && body.tools !== null) {
    if (!Array.isArray(body.tools)) throw invalidType('tools', 'an array', body.tools)
    body.tools.forEach((tool: unknown, i) => {
      const t = (tool ?? {}) as {
        type?: unknown
        function?: Record<string, unknown>
        custom?: Record<string, unknown>
      }
      const fn = t.type === 'custom' ? t.custom : t.function
      if (!fn || typeof fn.name !== 'string')
        throw invalidRequest(`Missing required parameter: 'tools[${i}].function'.`, {
          param: `tools[${i}].function`,
          code: 'missing_required_parameter',
        })
      tools.push(toolDefinition(fn))
    })
  }
  if (Array.isArray(body.functions))
    for (const fn of body.functions) tools.push(toolDefinition(fn as Record<string, unknown>))
  return tools
}

export function toolDefinition(fn: Record<string, unknown>): ToolDefinition {
  return {
    name: String(fn.name),
    ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
    ...(typeof fn.parameters === 'object' && fn.parameters !== null
      ? { parameters: fn.parameters as JsonSchema }
      : {}),
    ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
  }
}

/** `tool_choice` of either API, as a mode or the one tool that must be called. */
export function toolChoice(
  raw: unknown,
  tools: readonly ToolDefinition[],
  param = 'tool_choice',
): ToolChoice {
  if (raw === undefined || raw === null) return tools.length ? 'auto' : 'none'
  if (raw === 'auto' || raw === 'none' || raw === 'required') return raw
  if (typeof raw === 'object') {
    const r = raw as { type?: unknown; name?: unknown; function?: { name?: unknown }; mode?: unknown }
    const name = r.function?.name ?? r.name
    if ((r.type === 'function' || r.type === 'custom') && typeof name === 'string') {
      if (!tools.some((t) => t.name === name))
        throw invalidRequest(
          `Invalid value for '${param}': tool '${name}' is not one of the tools given in 'tools'.`,
          {
            param,
            code: 'invalid_value',
          },
        )
      return { name }
    }
    if (r.type === 'allowed_tools') return r.mode === 'required' ? 'required' : 'auto'
    // Built-in tools (web_search, file_search...): the mock has nothing to run, so it answers as 'auto'.
    if (typeof r.type === 'string' && r.type !== 'function' && r.type !== 'custom') return 'auto'
  }
  throw invalidRequest(
    `Invalid value for '${param}': expected 'none', 'auto', 'required' or a named function.`,
    {
      param,
      code: 'invalid_value',
    },
  )
}

export function chatResponseFormat(raw: unknown): ResponseFormat {
  if (raw === undefined || raw === null) return { type: 'text' }
  const r = raw as { type?: unknown; json_schema?: Record<string, unknown> }
  if (r.type === 'text') return { type: 'text' }
  if (r.type === 'json_object') return { type: 'json_object' }
  if (r.type === 'json_schema') {
    const js = r.json_schema
    if (!js || typeof js.name !== 'string')
      throw invalidRequest("Missing required parameter: 'response_format.json_schema.name'.", {
        param: 'response_format.json_schema.name',
        code: 'missing_required_parameter',
      })
    return {
      type: 'json_schema',
      name: js.name,
      schema: (js.schema ?? {}) as JsonSchema,
      strict: js.strict === true,
    }
  }
  throw invalidRequest(
    `Invalid value: '${String(r.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
    { param: 'response_format.type', code: 'invalid_value' },
  )
}
