/**
 * A model turn, API-neutral: text, refusal, tool calls and why it stopped. Chat Completions and the
 * Responses API each render it in their own wire shape.
 *
 * @module
 */
import type { IdGenerator } from '../mock/ids'
import type { ReplyRequest, ToolCall, ToolDefinition } from './conversation'
import { createRandom, hashString, stableStringify } from './hash'
import { generateFromSchema } from './json-schema'
import type { ContentReply, RefusalReply, ReplySpec, ToolCallsReply } from './replies'
import { deterministicText } from './text'

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter'

export interface Turn {
  content: string | null
  refusal: string | null
  toolCalls: ToolCall[]
  finishReason: FinishReason
}

/** The seed of a request: the same conversation, tools and format give the same unscripted turn. */
export function requestSeed(request: ReplyRequest): string {
  return String(
    hashString(
      stableStringify({
        model: request.model,
        messages: request.messages,
        tools: request.tools,
        toolChoice: request.toolChoice,
        format: request.responseFormat,
        seed: request.body.seed,
      }),
    ),
  )
}

function toolArguments(tool: ToolDefinition | undefined, seed: string): string {
  if (!tool?.parameters) return '{}'
  return JSON.stringify(generateFromSchema(tool.parameters, seed))
}

/** What the mock answers when nothing is scripted: deterministic, and valid for the request's format. */
export function defaultTurn(request: ReplyRequest, seed: string, ids: IdGenerator): Turn {
  const { tools, toolChoice, responseFormat } = request
  if (tools.length && toolChoice !== 'none' && toolChoice !== 'auto') {
    const tool =
      typeof toolChoice === 'object'
        ? tools.find((t) => t.name === toolChoice.name)
        : createRandom(seed).pick(tools)
    const name = tool?.name ?? (toolChoice as { name: string }).name
    return {
      content: null,
      refusal: null,
      toolCalls: [{ id: ids.next('call_', 24), name, arguments: toolArguments(tool, `${seed}:${name}`) }],
      finishReason: 'tool_calls',
    }
  }
  let content: string
  if (responseFormat.type === 'json_schema')
    content = JSON.stringify(generateFromSchema(responseFormat.schema, seed))
  else if (responseFormat.type === 'json_object')
    content = JSON.stringify({ response: deterministicText(seed) })
  else content = deterministicText(seed)
  return { content, refusal: null, toolCalls: [], finishReason: 'stop' }
}

/** A scripted (non-error) reply as a turn; tool arguments left out come from the tool's schema. */
export function scriptedTurn(
  spec: Exclude<ReplySpec, { error: unknown }>,
  request: ReplyRequest,
  ids: IdGenerator,
): Turn {
  if ('refusal' in spec && spec.refusal !== undefined) {
    return { content: null, refusal: (spec as RefusalReply).refusal, toolCalls: [], finishReason: 'stop' }
  }
  const s = spec as ContentReply | ToolCallsReply
  const rawContent = s.content
  const content =
    rawContent === undefined || rawContent === null
      ? null
      : typeof rawContent === 'string'
        ? rawContent
        : JSON.stringify(rawContent)
  const toolCalls: ToolCall[] = (s.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? ids.next('call_', 24),
    name: call.name,
    arguments:
      call.arguments === undefined
        ? toolArguments(
            request.tools.find((t) => t.name === call.name),
            `${requestSeed(request)}:${call.name}:${i}`,
          )
        : typeof call.arguments === 'string'
          ? call.arguments
          : JSON.stringify(call.arguments),
  }))
  const finishReason: FinishReason =
    'finishReason' in s && s.finishReason ? s.finishReason : toolCalls.length ? 'tool_calls' : 'stop'
  return { content, refusal: null, toolCalls, finishReason }
}

/** Applies `stop` sequences and the output token limit, as the model would have stopped. */
export function applyLimits(turn: Turn, options: { stop?: readonly string[]; maxTokens?: number }): Turn {
  let { content, finishReason } = turn
  if (content !== null && options.stop?.length) {
    let cut = -1
    for (const stop of options.stop) {
      const at = stop ? content.indexOf(stop) : -1
      if (at !== -1 && (cut === -1 || at < cut)) cut = at
    }
    if (cut !== -1) {
      content = content.slice(0, cut)
      finishReason = 'stop'
    }
  }
  if (
    content !== null &&
    options.maxTokens !== undefined &&
    Math.ceil(content.length / 4) > options.maxTokens
  ) {
    content = content.slice(0, options.maxTokens * 4)
    finishReason = 'length'
  }
  return { ...turn, content, finishReason }
}
