/**
 * A `generateContent` request mapped into the engine's neutral conversation (`@understudy/core/llm`):
 * `systemInstruction`, `contents` with their parts, `tools[].functionDeclarations`, `toolConfig` and
 * `generationConfig`'s response schema, with the API's 400s for malformed ones.
 *
 * @see https://ai.google.dev/api/generate-content
 * @module
 */
import {
  type ConversationMessage,
  countTokens,
  type JsonSchema,
  type ResponseFormat,
  type ToolChoice,
  type ToolDefinition,
} from '@understudy/core/llm'
import { invalidArgument } from './errors'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

// Inline and file data are accepted, not looked at: each counts as a flat token cost.
const MEDIA_TOKENS = 258

function partsOf(content: unknown, where: string): Obj[] {
  if (!isObj(content))
    throw invalidArgument(`Invalid value at '${where}': expected a Content object with parts.`)
  if (!Array.isArray(content.parts) || content.parts.length === 0)
    throw invalidArgument(`* GenerateContentRequest.${where}.parts: contents.parts must not be empty.\n`)
  return content.parts.filter(isObj)
}

const textOf = (parts: Obj[]) =>
  parts
    .filter((p) => typeof p.text === 'string' && p.thought !== true)
    .map((p) => p.text as string)
    .join('')

export interface ParsedContents {
  messages: ConversationMessage[]
  promptTokens: number
}

/** Reads `systemInstruction` and `contents`. Function responses name their function; that is the call id. */
export function parseContents(body: Obj): ParsedContents {
  const messages: ConversationMessage[] = []
  let tokens = 0
  if (body.systemInstruction !== undefined) {
    const text = textOf(partsOf(body.systemInstruction, 'system_instruction'))
    messages.push({ role: 'system', text })
    tokens += countTokens(text)
  }
  if (body.contents === undefined)
    throw invalidArgument('* GenerateContentRequest.contents: contents is not specified\n')
  const contents = Array.isArray(body.contents) ? body.contents : [body.contents]
  if (contents.length === 0)
    throw invalidArgument('* GenerateContentRequest.contents: contents is not specified\n')
  contents.forEach((content: unknown, i) => {
    const where = `contents[${i}]`
    const parts = partsOf(content, where)
    const role = (content as Obj).role ?? 'user'
    if (role !== 'user' && role !== 'model' && role !== 'function')
      throw invalidArgument(`Please use a valid role: user, model.`)
    tokens += parts.filter((p) => isObj(p.inlineData) || isObj(p.fileData)).length * MEDIA_TOKENS
    if (role === 'model') {
      const calls = parts.filter((p) => isObj(p.functionCall))
      const message: ConversationMessage = { role: 'assistant', text: textOf(parts) }
      if (calls.length)
        message.toolCalls = calls.map((p) => {
          const call = p.functionCall as Obj
          return {
            id: String(call.id ?? call.name ?? ''),
            name: String(call.name ?? ''),
            arguments: JSON.stringify(call.args ?? {}),
          }
        })
      tokens +=
        countTokens(message.text) + calls.reduce((n, p) => n + countTokens(JSON.stringify(p.functionCall)), 0)
      messages.push(message)
      return
    }
    for (const part of parts.filter((p) => isObj(p.functionResponse))) {
      const response = part.functionResponse as Obj
      if (typeof response.name !== 'string')
        throw invalidArgument(
          `* GenerateContentRequest.${where}.parts.function_response.name: Name cannot be empty.\n`,
        )
      const output = JSON.stringify(response.response ?? {})
      messages.push({
        role: 'tool',
        text: output,
        toolCallId: String(response.id ?? response.name),
        name: response.name,
      })
      tokens += countTokens(output)
    }
    const text = textOf(parts)
    if (text || !parts.some((p) => isObj(p.functionResponse))) {
      messages.push({ role: 'user', text })
      tokens += countTokens(text)
    }
  })
  return { messages, promptTokens: Math.max(1, tokens) }
}

/**
 * Gemini's OpenAPI-style `Schema` (`type: 'OBJECT'`, `nullable`, int64 bounds as strings) as JSON
 * Schema, so one generator serves both `responseSchema` and `responseJsonSchema`.
 */
export function toJsonSchema(schema: unknown): JsonSchema {
  if (!isObj(schema)) return {}
  const out: Obj = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string') out.type = value.toLowerCase()
    else if (key === 'properties' && isObj(value))
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]))
    else if (key === 'items') out.items = toJsonSchema(value)
    else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value))
      out[key] = value.map(toJsonSchema)
    else if (
      ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'].includes(key)
    )
      out[key] = Number(value)
    else if (key !== 'nullable' && key !== 'propertyOrdering' && key !== 'example') out[key] = value
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null']
  return out as JsonSchema
}

/** `tools[].functionDeclarations` (with `parameters` or `parametersJsonSchema`). Other tools (search, code) are accepted, never run. */
export function parseTools(raw: unknown): ToolDefinition[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalidArgument("Invalid value at 'tools': expected a list.")
  const tools: ToolDefinition[] = []
  raw.forEach((tool: unknown, i) => {
    if (!isObj(tool)) throw invalidArgument(`Invalid value at 'tools[${i}]': expected a Tool object.`)
    const declarations = tool.functionDeclarations ?? tool.function_declarations
    if (declarations === undefined) return
    if (!Array.isArray(declarations))
      throw invalidArgument(`Invalid value at 'tools[${i}].function_declarations': expected a list.`)
    declarations.forEach((d: unknown, j) => {
      if (!isObj(d) || typeof d.name !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/.test(d.name))
        throw invalidArgument(
          `* GenerateContentRequest.tools[${i}].function_declarations[${j}].name: Invalid function name. Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or contain underscores, dots, colons and dashes, with a maximum length of 64.\n`,
        )
      const parameters =
        d.parametersJsonSchema ?? (d.parameters !== undefined ? toJsonSchema(d.parameters) : undefined)
      tools.push({
        name: d.name,
        ...(typeof d.description === 'string' ? { description: d.description } : {}),
        ...(parameters !== undefined ? { parameters: parameters as JsonSchema } : {}),
      })
    })
  })
  return tools
}

/** `toolConfig.functionCallingConfig`: AUTO, ANY (with `allowedFunctionNames`), NONE, VALIDATED. */
export function parseToolChoice(body: Obj, tools: readonly ToolDefinition[]): ToolChoice {
  const config =
    isObj(body.toolConfig) && isObj(body.toolConfig.functionCallingConfig)
      ? body.toolConfig.functionCallingConfig
      : undefined
  const mode = config?.mode ?? 'AUTO'
  if (!tools.length || mode === 'NONE') return 'none'
  if (mode === 'AUTO' || mode === 'VALIDATED' || mode === 'MODE_UNSPECIFIED') return 'auto'
  if (mode === 'ANY') {
    const allowed = Array.isArray(config?.allowedFunctionNames)
      ? (config.allowedFunctionNames as unknown[])
      : []
    for (const name of allowed)
      if (!tools.some((t) => t.name === name))
        throw invalidArgument(
          `* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: Function ${String(name)} is not declared.\n`,
        )
    return allowed.length === 1 ? { name: String(allowed[0]) } : 'required'
  }
  throw invalidArgument(
    `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${String(mode)}"`,
  )
}

/** `generationConfig.responseMimeType` with `responseSchema` / `responseJsonSchema`. */
export function parseResponseFormat(config: Obj): ResponseFormat {
  const mime = config.responseMimeType
  const schema = config.responseJsonSchema ?? config._responseJsonSchema ?? config.responseSchema
  if (schema !== undefined && mime !== 'application/json' && mime !== 'text/x.enum')
    throw invalidArgument(
      '* GenerateContentRequest.generation_config.response_mime_type: When response schema is set, response mime type must be application/json or text/x.enum.\n',
    )
  if (mime !== 'application/json') return { type: 'text' }
  if (schema === undefined) return { type: 'json_object' }
  const json =
    (config.responseJsonSchema ?? config._responseJsonSchema) ? (schema as JsonSchema) : toJsonSchema(schema)
  return { type: 'json_schema', name: 'response', schema: json, strict: true }
}
