/**
 * The Responses API: create (JSON, streamed, background), retrieve (also as a replayed stream),
 * delete, cancel and input items; `previous_response_id` conversation state.
 *
 * @see https://platform.openai.com/docs/api-reference/responses
 */
import type { JsonSchema } from '@understudy/core/llm'
import { applyLimits, type Turn } from '@understudy/core/llm'
import {
  type ConversationMessage,
  lastUserText,
  type ReplyRequest,
  systemText,
  type ToolDefinition,
  toolChoice,
  toolDefinition,
  trailingToolResults,
} from '../conversation'
import { invalidRequest } from '../errors'
import { checkStrictFunction, checkStrictResponseFormat } from '../generation/strict-schema'
import type { Model } from '../models'
import { responseEvents } from '../responses/events'
import { appendItems, checkToolPairs, inputItems, textFormat } from '../responses/input'
import type { OpenAIState, StoredResponse } from '../state'
import { countCompletionTokens, countPromptTokens } from '../tokens'
import { sendWebhook } from '../webhooks/send'
import {
  type Ctx,
  checkReasoningParams,
  integerParam,
  jsonBody,
  op,
  produce,
  requireModel,
  sseResponse,
} from './define'

type Obj = Record<string, unknown>

function functionTools(body: Obj): ToolDefinition[] {
  if (body.tools === undefined || body.tools === null) return []
  if (!Array.isArray(body.tools))
    throw invalidRequest("Invalid type for 'tools': expected an array.", {
      param: 'tools',
      code: 'invalid_type',
    })
  return (body.tools as Obj[])
    .map((tool, i) => {
      if (tool?.type !== 'function') return undefined
      if (typeof tool.name !== 'string')
        throw invalidRequest(`Missing required parameter: 'tools[${i}].name'.`, {
          param: `tools[${i}].name`,
          code: 'missing_required_parameter',
        })
      return toolDefinition(tool)
    })
    .filter((t): t is ToolDefinition => t !== undefined)
}

/** Tools as the response echoes them: functions are strict unless told otherwise. */
function echoTools(body: Obj): Obj[] {
  return ((body.tools as Obj[] | undefined) ?? []).map((tool) =>
    tool.type === 'function'
      ? {
          type: 'function',
          description: null,
          ...tool,
          strict: tool.strict ?? true,
          parameters: tool.parameters ?? null,
        }
      : tool,
  )
}

function outputItems(turn: Turn, ctx: Ctx): Obj[] {
  const items: Obj[] = []
  const status =
    turn.finishReason === 'length' || turn.finishReason === 'content_filter' ? 'incomplete' : 'completed'
  if (turn.refusal !== null) {
    items.push({
      id: ctx.ids.next('msg_', 48),
      type: 'message',
      status,
      content: [{ type: 'refusal', refusal: turn.refusal }],
      role: 'assistant',
    })
  } else if (turn.content !== null) {
    items.push({
      id: ctx.ids.next('msg_', 48),
      type: 'message',
      status,
      content: [{ type: 'output_text', annotations: [], logprobs: [], text: turn.content }],
      role: 'assistant',
    })
  }
  for (const call of turn.toolCalls)
    items.push({
      id: ctx.ids.next('fc_', 48),
      type: 'function_call',
      status: 'completed',
      arguments: call.arguments,
      call_id: call.id,
      name: call.name,
    })
  return items
}

interface Draft {
  id: string
  body: Obj
  model: Model
  createdAt: number
  background: boolean
}

function responseObject(draft: Draft, fields: Obj): Obj {
  const { body, model } = draft
  const reasoning = body.reasoning as Obj | undefined
  return {
    id: draft.id,
    object: 'response',
    created_at: draft.createdAt,
    status: 'completed',
    background: draft.background,
    completed_at: null,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: model.snapshot,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: {
      effort: reasoning?.effort ?? (model.kind === 'reasoning' ? 'medium' : null),
      summary: reasoning?.summary ?? null,
    },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: {
      format: (body.text as Obj | undefined)?.format ?? { type: 'text' },
      verbosity: (body.text as Obj | undefined)?.verbosity ?? 'medium',
    },
    tool_choice: body.tool_choice ?? 'auto',
    tools: echoTools(body),
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage: null,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
    ...fields,
  }
}

function usage(inputTokens: number, outputTokens: number) {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  }
}

function conversationOf(output: Obj[]): ConversationMessage[] {
  const conversation: ConversationMessage[] = []
  appendItems(conversation, output, () => undefined)
  return conversation
}

function stored(state: OpenAIState, id: string): StoredResponse {
  const found = state.responses.get(id)
  if (!found) throw invalidRequest(`Response with id '${id}' not found.`, { status: 404 })
  return found
}

export const responseRoutes = [
  op('POST /v1/responses', (ctx: Ctx) => {
    const body = jsonBody(ctx)
    const model = requireModel(ctx, body, '/v1/responses')
    checkReasoningParams(model, body, 'responses')
    const maxTokens = integerParam(body, 'max_output_tokens', 16)
    if (maxTokens !== undefined && maxTokens > model.maxOutputTokens)
      throw invalidRequest(
        `max_output_tokens is too large: ${maxTokens}. This model supports at most ${model.maxOutputTokens} output tokens, whereas you provided ${maxTokens}.`,
        { param: 'max_output_tokens', code: 'invalid_value' },
      )
    if (body.input === undefined && body.previous_response_id === undefined && body.prompt === undefined)
      throw invalidRequest("Missing required parameter: 'input'.", {
        param: 'input',
        code: 'missing_required_parameter',
      })
    const background = body.background === true
    const store = body.store !== false
    if (background && !store)
      throw invalidRequest('Background mode requires `store` to be true.', {
        param: 'background',
        code: 'invalid_value',
      })

    // The conversation: the previous_response_id chain, then this request's input.
    const conversation: ConversationMessage[] = []
    let previous: StoredResponse | undefined
    if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
      const previousId = String(body.previous_response_id)
      previous = ctx.state.responses.get(previousId)
      if (!previous)
        throw invalidRequest(`Previous response with id '${previousId}' not found.`, {
          param: 'previous_response_id',
          code: 'previous_response_not_found',
        })
      conversation.push(...structuredClone(previous.conversation))
    }
    const items = inputItems(body.input, ctx.ids)
    appendItems(conversation, items, (id) => ctx.state.items.get(id))
    checkToolPairs(conversation)

    const tools = functionTools(body)
    const instructions = typeof body.instructions === 'string' ? body.instructions : undefined
    const responseFormat = textFormat(body.text)
    if (responseFormat.type === 'json_schema' && responseFormat.strict)
      checkStrictResponseFormat(responseFormat.name, responseFormat.schema, 'text.format.schema')
      // Function tools in the Responses API are strict unless they say otherwise.
    ;((body.tools as Obj[] | undefined) ?? []).forEach((tool, i) => {
      if (tool?.type === 'function' && tool.strict !== false)
        checkStrictFunction(
          String(tool.name),
          tool.parameters as JsonSchema | undefined,
          `tools[${i}].parameters`,
        )
    })
    const stream = body.stream === true
    const request: ReplyRequest = {
      api: 'responses',
      model: model.id,
      messages: conversation,
      system: systemText(conversation, instructions),
      lastUserMessage: lastUserText(conversation),
      tools,
      toolChoice: toolChoice(body.tool_choice, tools),
      toolResults: trailingToolResults(conversation),
      responseFormat,
      stream,
      body,
      partition: ctx.partition,
    }
    const promptMessages = instructions
      ? [{ role: 'developer', text: instructions }, ...conversation]
      : conversation
    const inputTokens = countPromptTokens(promptMessages, {
      tools: body.tools,
      responseFormat: (body.text as Obj | undefined)?.format,
    })
    if (inputTokens > model.contextWindow)
      throw invalidRequest(
        'Your input exceeds the context window of this model. Please adjust your input and try again.',
        {
          param: 'input',
          code: 'context_length_exceeded',
        },
      )
    const rateHeaders = ctx.config.rateLimiter.consume(
      ctx.state.rateLimits,
      ctx.clock.now(),
      inputTokens + (maxTokens ?? 0),
      model.id,
    )
    const produced = produce(ctx, request, 1, rateHeaders)
    if (produced.kind === 'error' && !background) throw produced.error

    const draft: Draft = {
      id: ctx.ids.next('resp_', 48),
      body,
      model,
      createdAt: ctx.clock.nowSeconds(),
      background,
    }
    let final: Obj
    if (produced.kind === 'error') {
      final = responseObject(draft, {
        status: 'failed',
        error: {
          code: produced.error.body.code ?? produced.error.body.type,
          message: produced.error.body.message,
        },
        usage: usage(inputTokens, 0),
      })
    } else {
      const turn = applyLimits(produced.turns[0]!, maxTokens !== undefined ? { maxTokens } : {})
      const output = outputItems(turn, ctx)
      const incomplete = turn.finishReason === 'length' || turn.finishReason === 'content_filter'
      final = responseObject(draft, {
        status: incomplete ? 'incomplete' : 'completed',
        completed_at: incomplete ? null : ctx.clock.nowSeconds(),
        incomplete_details: incomplete
          ? { reason: turn.finishReason === 'length' ? 'max_output_tokens' : 'content_filter' }
          : null,
        output,
        usage: usage(inputTokens, countCompletionTokens(turn.content ?? turn.refusal, turn.toolCalls)),
      })
    }

    const finalOutput = final.output as Obj[]
    const record: StoredResponse = {
      response: final,
      conversation: [...conversation, ...conversationOf(finalOutput)],
      inputItems: items,
    }
    if (store) {
      ctx.state.responses.set(draft.id, record)
      for (const item of [...items, ...finalOutput])
        if (typeof item.id === 'string') ctx.state.items.set(item.id, item)
    }

    if (background) {
      const queued = {
        ...final,
        status: 'queued',
        output: [],
        usage: null,
        completed_at: null,
        error: null,
        incomplete_details: null,
      }
      record.response = queued
      const source = { webhooks: ctx.webhooks, partition: ctx.partition, clock: ctx.clock, ids: ctx.ids }
      record.pending = {
        finish(outcome) {
          delete record.pending
          record.response =
            outcome === 'cancel'
              ? { ...queued, status: 'cancelled' }
              : { ...final, completed_at: final.completed_at ? ctx.clock.nowSeconds() : null }
          sendWebhook(ctx.config, source, `response.${String(record.response.status)}`, { id: draft.id })
        },
      }
      if (ctx.config.background === 'immediate') queueMicrotask(() => record.pending?.finish('complete'))
      if (stream) return sseResponse(responseEvents(final), rateHeaders)
      return Response.json(queued, { headers: rateHeaders })
    }
    if (stream) return sseResponse(responseEvents(final), rateHeaders)
    return Response.json(final, { headers: rateHeaders })
  }),

  op('GET /v1/responses/{response_id}', (ctx) => {
    const record = stored(ctx.state, ctx.params.response_id!)
    if (ctx.query.get('stream') === 'true') return sseResponse(responseEvents(record.response), {})
    return Response.json(record.response)
  }),

  op('DELETE /v1/responses/{response_id}', (ctx) => {
    const record = stored(ctx.state, ctx.params.response_id!)
    ctx.state.responses.delete(ctx.params.response_id!)
    for (const item of [...record.inputItems, ...((record.response.output ?? []) as Obj[])])
      if (typeof item.id === 'string') ctx.state.items.delete(item.id)
    return Response.json({ id: ctx.params.response_id, object: 'response', deleted: true })
  }),

  op('POST /v1/responses/{response_id}/cancel', (ctx) => {
    const record = stored(ctx.state, ctx.params.response_id!)
    if (record.response.background !== true)
      throw invalidRequest('Only responses created with background=true can be cancelled.', { param: null })
    record.pending?.finish('cancel')
    return Response.json(record.response)
  }),

  op('GET /v1/responses/{response_id}/input_items', (ctx) => {
    const record = stored(ctx.state, ctx.params.response_id!)
    const order = ctx.query.get('order') ?? 'desc'
    if (order !== 'asc' && order !== 'desc')
      throw invalidRequest(`Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, {
        param: 'order',
        code: 'invalid_value',
      })
    const limit = Number(ctx.query.get('limit') ?? 20)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw invalidRequest(
        `Invalid 'limit': expected an integer between 1 and 100, got ${ctx.query.get('limit')}.`,
        { param: 'limit' },
      )
    let items = order === 'asc' ? [...record.inputItems] : [...record.inputItems].reverse()
    const after = ctx.query.get('after')
    if (after) {
      const at = items.findIndex((item) => item.id === after)
      items = at === -1 ? [] : items.slice(at + 1)
    }
    const page = items.slice(0, limit)
    return Response.json({
      object: 'list',
      data: page,
      first_id: (page[0]?.id as string | undefined) ?? null,
      last_id: (page[page.length - 1]?.id as string | undefined) ?? null,
      has_more: items.length > limit,
    })
  }),
]
