/**
 * `POST /v1/chat/completions`, JSON and streamed.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import { applyLimits, type Turn } from '@understudy/core/llm'
import {
  chatMessages,
  chatResponseFormat,
  chatTools,
  lastUserText,
  type ReplyRequest,
  systemText,
  toolChoice,
  trailingToolResults,
} from '../conversation'
import { invalidRequest } from '../errors'
import { checkStrictFunction, checkStrictResponseFormat } from '../generation/strict-schema'
import type { Model } from '../models'
import { countCompletionTokens, countPromptTokens } from '../tokens'
import {
  argumentPieces,
  type Ctx,
  checkReasoningParams,
  integerParam,
  jsonBody,
  op,
  produce,
  requireModel,
  sseResponse,
  textPieces,
} from './define'

function stopSequences(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw === 'string') return [raw]
  if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) {
    if (raw.length > 4)
      throw invalidRequest(
        `Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length ${raw.length} instead.`,
        {
          param: 'stop',
          code: 'array_above_max_length',
        },
      )
    return raw
  }
  throw invalidRequest("Invalid type for 'stop': expected a string or an array of strings.", {
    param: 'stop',
    code: 'invalid_type',
  })
}

function checkContext(
  model: Model,
  promptTokens: number,
  maxTokens: number | undefined,
  maxParam: string,
): void {
  if (maxTokens !== undefined && maxTokens > model.maxOutputTokens)
    throw invalidRequest(
      `${maxParam} is too large: ${maxTokens}. This model supports at most ${model.maxOutputTokens} completion tokens, whereas you provided ${maxTokens}.`,
      { param: maxParam, code: 'invalid_value' },
    )
  const window = model.contextWindow
  if (maxTokens !== undefined && promptTokens + maxTokens > window)
    throw invalidRequest(
      `This model's maximum context length is ${window} tokens. However, you requested ${promptTokens + maxTokens} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
      { param: 'messages', code: 'context_length_exceeded' },
    )
  if (promptTokens > window)
    throw invalidRequest(
      `This model's maximum context length is ${window} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
      { param: 'messages', code: 'context_length_exceeded' },
    )
}

function message(turn: Turn) {
  return {
    role: 'assistant' as const,
    content: turn.content,
    refusal: turn.refusal,
    ...(turn.toolCalls.length
      ? {
          tool_calls: turn.toolCalls.map((c) => ({
            id: c.id,
            type: 'function' as const,
            function: { name: c.name, arguments: c.arguments },
          })),
        }
      : {}),
    annotations: [],
  }
}

function chatUsage(promptTokens: number, turns: Turn[]) {
  const completion = turns.reduce(
    (sum, t) => sum + countCompletionTokens(t.content ?? t.refusal, t.toolCalls),
    0,
  )
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

function streamEvents(
  base: { id: string } & Record<string, unknown>,
  turns: Turn[],
  usage: ReturnType<typeof chatUsage> | undefined,
): string[] {
  const events: string[] = []
  // Every chunk is `{ ...base, choices: [{ index, delta, logprobs: null, finish_reason }], usage? }`:
  // the same text around each delta, so only the delta is serialised per chunk.
  const head = `data: ${JSON.stringify(base).slice(0, -1)},"choices":[{"index":`
  const tail = usage !== undefined ? '}],"usage":null}\n\n' : '}]}\n\n'
  const chunk = (index: number, delta: Record<string, unknown>, finish: string | null = null) =>
    `${head}${index},"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finish)}${tail}`
  turns.forEach((turn, index) => {
    const first: Record<string, unknown> = {
      role: 'assistant',
      content: turn.content === null ? null : '',
      refusal: null,
    }
    const calls = turn.toolCalls
    if (turn.content === null && turn.refusal === null && calls.length) {
      // The first tool call rides on the role chunk, as the API sends it.
      first.tool_calls = [
        { index: 0, id: calls[0]!.id, type: 'function', function: { name: calls[0]!.name, arguments: '' } },
      ]
    }
    events.push(chunk(index, first))
    for (const piece of textPieces(turn.content ?? '')) events.push(chunk(index, { content: piece }))
    for (const piece of textPieces(turn.refusal ?? '')) events.push(chunk(index, { refusal: piece }))
    calls.forEach((call, k) => {
      if (!(k === 0 && first.tool_calls))
        events.push(
          chunk(index, {
            tool_calls: [
              { index: k, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
            ],
          }),
        )
      for (const piece of argumentPieces(call.arguments))
        events.push(chunk(index, { tool_calls: [{ index: k, function: { arguments: piece } }] }))
    })
    events.push(chunk(index, {}, turn.finishReason))
  })
  if (usage) events.push(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`)
  events.push('data: [DONE]\n\n')
  return events
}

export const chatCompletionRoutes = [
  op('POST /v1/chat/completions', (ctx: Ctx) => {
    const body = jsonBody(ctx)
    const model = requireModel(ctx, body, '/v1/chat/completions')
    const messages = chatMessages(body.messages)
    const tools = chatTools(body)
    const choice = toolChoice(body.tool_choice, tools)
    const n = integerParam(body, 'n', 1) ?? 1
    if (n > 128)
      throw invalidRequest(
        `Invalid 'n': integer above maximum value. Expected a value <= 128, but got ${n} instead.`,
        {
          param: 'n',
          code: 'integer_above_max_value',
        },
      )
    checkReasoningParams(model, body, 'chat.completions')
    const maxParam =
      body.max_completion_tokens !== undefined && body.max_completion_tokens !== null
        ? 'max_completion_tokens'
        : 'max_tokens'
    const maxTokens = integerParam(body, maxParam, 1)
    const stop = stopSequences(body.stop)
    const stream = body.stream === true
    const responseFormat = chatResponseFormat(body.response_format)
    if (responseFormat.type === 'json_schema' && responseFormat.strict)
      checkStrictResponseFormat(responseFormat.name, responseFormat.schema, 'response_format')
    tools.forEach((tool, i) => {
      if (tool.strict) checkStrictFunction(tool.name, tool.parameters, `tools[${i}].function.parameters`)
    })
    const request: ReplyRequest = {
      api: 'chat.completions',
      model: model.id,
      messages,
      system: systemText(messages),
      lastUserMessage: lastUserText(messages),
      tools,
      toolChoice: choice,
      toolResults: trailingToolResults(messages),
      responseFormat,
      stream,
      body,
      partition: ctx.partition,
    }
    const promptTokens = countPromptTokens(messages, {
      tools: body.tools,
      responseFormat: body.response_format,
    })
    checkContext(model, promptTokens, maxTokens, maxParam)
    const rateHeaders = ctx.config.rateLimiter.consume(
      ctx.state.rateLimits,
      ctx.clock.now(),
      promptTokens + (maxTokens ?? 0),
      model.id,
    )
    const produced = produce(ctx, request, n, rateHeaders)
    if (produced.kind === 'error') throw produced.error
    const turns = produced.turns.map((t) =>
      applyLimits(t, { ...(stop ? { stop } : {}), ...(maxTokens !== undefined ? { maxTokens } : {}) }),
    )
    const base = {
      id: ctx.ids.next('chatcmpl-', 29),
      object: stream ? 'chat.completion.chunk' : 'chat.completion',
      created: ctx.clock.nowSeconds(),
      model: model.snapshot,
      service_tier: 'default',
      system_fingerprint: `fp_${ctx.ids.hex(10)}`,
    }
    const usage = chatUsage(promptTokens, turns)
    if (stream) {
      const options = (body.stream_options ?? {}) as { include_usage?: unknown }
      return sseResponse(
        streamEvents(base, turns, options.include_usage === true ? usage : undefined),
        rateHeaders,
      )
    }
    return Response.json(
      {
        ...base,
        choices: turns.map((turn, index) => ({
          index,
          message: message(turn),
          logprobs: null,
          finish_reason: turn.finishReason,
        })),
        usage,
      },
      { headers: rateHeaders },
    )
  }),
]
