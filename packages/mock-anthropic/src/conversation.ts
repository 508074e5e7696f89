/**
 * The Messages API request mapped into the engine's neutral conversation (`@understudy/core/llm`):
 * `system`, `messages` with their content blocks, `tools`, `tool_choice` and the structured-output
 * format, with the API's 400s for malformed ones.
 *
 * @see https://docs.anthropic.com/en/api/messages
 * @module
 */
import {
  type ConversationMessage,
  countTokens,
  type JsonSchema,
  type ResponseFormat,
  resolveToolNames,
  type ToolChoice,
  type ToolDefinition,
} from '@understudy/core/llm'
import { invalidRequest } from './errors'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

// Images and documents are accepted, not looked at: they count as a flat token cost each.
const MEDIA_TOKENS = 1_000
const MEDIA = new Set(['image', 'document', 'search_result', 'container_upload'])

export interface ParsedConversation {
  messages: ConversationMessage[]
  system: string | undefined
  /** Prompt tokens, as `count_tokens` and `usage.input_tokens` report them. */
  inputTokens: number
  /** The prompt up to its last `cache_control` breakpoint (for the prompt cache), and its tokens. */
  cachePrefix: { text: string; tokens: number } | undefined
}

function blockText(block: Obj): string {
  if (block.type === 'text' && typeof block.text === 'string') return block.text
  return ''
}

function checkBlocks(raw: unknown, where: string): Obj[] {
  if (typeof raw === 'string') return [{ type: 'text', text: raw }]
  if (!Array.isArray(raw)) throw invalidRequest(`${where}: Input should be a valid list`)
  raw.forEach((block, i) => {
    if (!isObj(block) || typeof block.type !== 'string')
      throw invalidRequest(
        `${where}.${i}: Input should be a valid dictionary or object to extract fields from`,
      )
    if (block.type === 'text' && typeof block.text !== 'string')
      throw invalidRequest(`${where}.${i}.text: Field required`)
    if (block.type === 'text' && block.text === '')
      throw invalidRequest(`${where}.${i}.text: text content blocks must be non-empty`)
  })
  return raw as Obj[]
}

/** `tool_result` content: a string, or text/image blocks. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.filter(isObj).map(blockText).filter(Boolean).join('\n')
  return ''
}

/** `system`: a string or text blocks. */
export function systemPrompt(raw: unknown): { text: string | undefined; blocks: Obj[] } {
  if (raw === undefined || raw === null) return { text: undefined, blocks: [] }
  if (typeof raw === 'string') return { text: raw || undefined, blocks: [{ type: 'text', text: raw }] }
  const blocks = checkBlocks(raw, 'system')
  if (blocks.some((b) => b.type !== 'text'))
    throw invalidRequest('system: Input tag does not match the expected tag: text')
  const text = blocks.map(blockText).join('\n')
  return { text: text || undefined, blocks }
}

/** Reads `system` and `messages`, with the API's 400s for turns that do not fit together. */
export function parseConversation(body: Obj): ParsedConversation {
  if (body.messages === undefined) throw invalidRequest('messages: Field required')
  if (!Array.isArray(body.messages)) throw invalidRequest('messages: Input should be a valid list')
  const system = systemPrompt(body.system)
  const messages: ConversationMessage[] = []
  let tokens = countTokens(system.text) + (system.text ? 3 : 0)
  let cachePrefix: ParsedConversation['cachePrefix']
  let prefix = system.text ?? ''
  const markCache = (block: Obj) => {
    if (isObj(block.cache_control)) cachePrefix = { text: prefix, tokens }
  }
  for (const block of system.blocks) markCache(block)
  if (system.text) messages.push({ role: 'system', text: system.text })

  const raw = body.messages as unknown[]
  let pendingToolUses: string[] = []
  raw.forEach((entry: unknown, i: number) => {
    const where = `messages.${i}`
    if (!isObj(entry)) throw invalidRequest(`${where}: Input should be a valid dictionary`)
    if (entry.role !== 'user' && entry.role !== 'assistant')
      throw invalidRequest(`${where}.role: Input should be 'user' or 'assistant'`)
    if (entry.content === undefined) throw invalidRequest(`${where}.content: Field required`)
    const blocks = checkBlocks(entry.content, `${where}.content`)
    if (blocks.length === 0 && !(entry.role === 'assistant' && i === raw.length - 1))
      throw invalidRequest(
        `${where}: all messages must have non-empty content except for the optional final assistant message`,
      )
    tokens += 3
    if (entry.role === 'user') {
      const results = blocks.filter((b) => b.type === 'tool_result')
      const answered = results.map((b) => String(b.tool_use_id ?? ''))
      const unexpected = answered.find((id) => !pendingToolUses.includes(id))
      if (unexpected !== undefined)
        throw invalidRequest(
          `${where}.content.${blocks.findIndex((b) => b.tool_use_id === unexpected)}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        )
      const missing = pendingToolUses.filter((id) => !answered.includes(id))
      if (missing.length)
        throw invalidRequest(
          `${`messages.${i - 1}`}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        )
      pendingToolUses = []
      for (const result of results) {
        const output = resultText(result.content)
        messages.push({ role: 'tool', text: output, toolCallId: String(result.tool_use_id) })
        tokens += countTokens(output) + 3
        prefix += `\n${output}`
        markCache(result)
      }
      const texts: string[] = []
      for (const block of blocks) {
        if (block.type === 'tool_result') continue
        if (MEDIA.has(String(block.type))) tokens += MEDIA_TOKENS
        const text = blockText(block)
        if (text) texts.push(text)
        tokens += countTokens(text)
        prefix += `\n${block.type === 'text' ? text : JSON.stringify(block)}`
        markCache(block)
      }
      if (texts.length || results.length === 0) messages.push({ role: 'user', text: texts.join('\n') })
      return
    }
    if (pendingToolUses.length)
      throw invalidRequest(
        `messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${pendingToolUses.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      )
    const message: ConversationMessage = {
      role: 'assistant',
      text: blocks.map(blockText).filter(Boolean).join('\n'),
    }
    const uses = blocks.filter((b) => b.type === 'tool_use')
    if (uses.length) {
      message.toolCalls = uses.map((b) => ({
        id: String(b.id ?? ''),
        name: String(b.name ?? ''),
        arguments: JSON.stringify(b.input ?? {}),
      }))
      pendingToolUses = message.toolCalls.map((c) => c.id)
    }
    tokens += countTokens(message.text)
    for (const call of message.toolCalls ?? []) tokens += countTokens(call.name) + countTokens(call.arguments)
    prefix += `\n${JSON.stringify(blocks)}`
    for (const block of blocks) markCache(block)
    messages.push(message)
  })
  if (messages.every((m) => m.role === 'system'))
    throw invalidRequest('messages: at least one message is required')
  resolveToolNames(messages)
  return { messages, system: system.text, inputTokens: tokens, cachePrefix }
}

/** `tools`: custom tools with `input_schema`; server tools (web search...) are accepted and never run. */
export function parseTools(raw: unknown): ToolDefinition[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalidRequest('tools: Input should be a valid list')
  const tools: ToolDefinition[] = []
  raw.forEach((tool: unknown, i) => {
    if (!isObj(tool)) throw invalidRequest(`tools.${i}: Input should be a valid dictionary`)
    if (typeof tool.type === 'string' && tool.type !== 'custom') return
    if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name))
      throw invalidRequest(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`)
    if (!isObj(tool.input_schema)) throw invalidRequest(`tools.${i}.custom.input_schema: Field required`)
    if (tool.input_schema.type !== 'object')
      throw invalidRequest(`tools.${i}.custom.input_schema.type: Input should be 'object'`)
    if (tools.some((t) => t.name === tool.name)) throw invalidRequest('tools: Tool names must be unique.')
    tools.push({
      name: tool.name,
      ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
      parameters: tool.input_schema as JsonSchema,
      ...(tool.strict === true ? { strict: true } : {}),
    })
  })
  return tools
}

/** `tool_choice`: auto, any (must call one), tool (this one), none. */
export function parseToolChoice(raw: unknown, tools: readonly ToolDefinition[]): ToolChoice {
  if (raw === undefined || raw === null) return tools.length ? 'auto' : 'none'
  if (!isObj(raw)) throw invalidRequest('tool_choice: Input should be a valid dictionary')
  if (raw.type === 'auto') return tools.length ? 'auto' : 'none'
  if (raw.type === 'none') return 'none'
  if (raw.type === 'any') {
    if (!tools.length)
      throw invalidRequest('tool_choice: tool_choice.type "any" requires tools to be specified')
    return 'required'
  }
  if (raw.type === 'tool') {
    if (typeof raw.name !== 'string') throw invalidRequest('tool_choice.tool.name: Field required')
    if (!tools.some((t) => t.name === raw.name))
      throw invalidRequest(`tool_choice: Tool '${raw.name}' not found in provided tools`)
    return { name: raw.name }
  }
  throw invalidRequest(
    "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
  )
}

/**
 * Structured outputs: `output_config.format` (and the beta's `output_format`) with
 * `{ type: 'json_schema', schema }`.
 */
export function parseOutputFormat(body: Obj): ResponseFormat {
  const config = isObj(body.output_config) ? body.output_config : undefined
  const raw = config?.format ?? body.output_format
  if (raw === undefined || raw === null) return { type: 'text' }
  const where = config?.format !== undefined ? 'output_config.format' : 'output_format'
  if (!isObj(raw) || raw.type !== 'json_schema')
    throw invalidRequest(`${where}.type: Input should be 'json_schema'`)
  if (!isObj(raw.schema)) throw invalidRequest(`${where}.schema: Field required`)
  return { type: 'json_schema', name: 'output', schema: raw.schema as JsonSchema, strict: true }
}
