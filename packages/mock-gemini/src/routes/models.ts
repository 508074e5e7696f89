/**
 * `models/{model}:generateContent`, `:streamGenerateContent` (`alt=sse`), `:countTokens`,
 * `:embedContent`, `:batchEmbedContents`, and `GET models`, under `/v1beta` and `/v1`.
 *
 * @see https://ai.google.dev/api
 * @module
 */
import { type Route, route, type ServiceContext } from '@understudy/core'
import {
  applyLimits,
  countTokens,
  createRandom,
  decideReply,
  deterministicText,
  hashString,
  type ReplyRequest,
  replyRequest,
  type ScriptedError,
  sseResponse,
  type Turn,
  textPieces,
  unscriptedMessage,
} from '@understudy/core/llm'
import type { GeminiConfig } from '../config'
import { parseContents, parseResponseFormat, parseToolChoice, parseTools } from '../conversation'
import { defaultMessage, defaultStatus, GeminiApiError, invalidArgument, quotaDetails } from '../errors'
import { type GeminiModel, modelObject } from '../models'
import type { GeminiState } from '../state'

type Ctx = ServiceContext<GeminiState, GeminiConfig>
type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const VERSIONS = new Set(['v1beta', 'v1'])

function jsonBody(ctx: Ctx): Obj {
  if (ctx.bodyError || !isObj(ctx.body))
    throw invalidArgument(
      `Invalid JSON payload received. ${ctx.body === undefined ? 'Empty body.' : 'Unexpected token.'}`,
    )
  return ctx.body
}

function findModel(ctx: Ctx, id: string, version: string, method: string): GeminiModel {
  const model = ctx.state.models.get(id.replace(/^models\//, ''))
  const wanted = method === 'embedContent' || method === 'batchEmbedContents' ? 'embed' : 'generate'
  if (!model || (method !== 'countTokens' && model.kind !== wanted))
    throw new GeminiApiError(
      404,
      `models/${id} is not found for API version ${version}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
      'NOT_FOUND',
    )
  return model
}

/** A scripted `{ error }` as Google's error response; a 429 carries RetryInfo. */
export function scriptedError(error: ScriptedError): GeminiApiError {
  const details = error.status === 429 ? quotaDetails(error.retryAfter ?? 1) : undefined
  return new GeminiApiError(
    error.status,
    error.message ?? defaultMessage(error.status),
    error.type ?? defaultStatus(error.status),
    details,
    error.headers ?? {},
  )
}

type FinishReason = 'STOP' | 'MAX_TOKENS' | 'SAFETY'

interface Rendered {
  parts: Obj[]
  finishReason: FinishReason
  outputTokens: number
  thoughtsTokens: number
}

function render(turn: Turn, thoughts: string | undefined): Rendered {
  const parts: Obj[] = []
  if (thoughts) parts.push({ text: thoughts, thought: true })
  const text = turn.refusal ?? turn.content
  if (text) parts.push({ text })
  for (const call of turn.toolCalls) {
    let args: unknown = {}
    try {
      args = JSON.parse(call.arguments)
    } catch {}
    parts.push({ functionCall: { name: call.name, args } })
  }
  const finishReason: FinishReason =
    turn.refusal !== null || turn.finishReason === 'content_filter'
      ? 'SAFETY'
      : turn.finishReason === 'length'
        ? 'MAX_TOKENS'
        : 'STOP'
  const outputTokens =
    countTokens(text) + turn.toolCalls.reduce((n, c) => n + countTokens(c.name) + countTokens(c.arguments), 0)
  return {
    parts,
    finishReason,
    outputTokens: Math.max(1, outputTokens),
    thoughtsTokens: countTokens(thoughts),
  }
}

function usage(promptTokens: number, r: Rendered): Obj {
  return {
    promptTokenCount: promptTokens,
    candidatesTokenCount: r.outputTokens,
    totalTokenCount: promptTokens + r.outputTokens + r.thoughtsTokens,
    ...(r.thoughtsTokens ? { thoughtsTokenCount: r.thoughtsTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
  }
}

function generationConfig(body: Obj): Obj {
  const config = body.generationConfig ?? {}
  if (!isObj(config))
    throw invalidArgument("Invalid value at 'generation_config': expected a GenerationConfig object.")
  if (config.candidateCount !== undefined && config.candidateCount !== 1)
    throw invalidArgument(
      '* GenerateContentRequest.generation_config.candidate_count: only 1 candidate is supported by the mock.\n',
    )
  return config
}

function generate(ctx: Ctx, model: GeminiModel, version: string, stream: boolean): Response {
  const body = jsonBody(ctx)
  const gen = generationConfig(body)
  const { messages, promptTokens } = parseContents(body)
  const tools = parseTools(body.tools)
  const request: ReplyRequest = replyRequest({
    api: 'generateContent',
    model: model.id,
    messages,
    tools,
    toolChoice: parseToolChoice(body, tools),
    responseFormat: parseResponseFormat(gen),
    stream,
    body,
    partition: ctx.partition,
  })
  const maxTokens = gen.maxOutputTokens
  if (
    maxTokens !== undefined &&
    (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
  )
    throw invalidArgument(
      "Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), expected a positive integer.",
    )
  const stops = Array.isArray(gen.stopSequences)
    ? gen.stopSequences.filter((s): s is string => typeof s === 'string')
    : []
  if (stops.length > 5)
    throw invalidArgument(
      '* GenerateContentRequest.generation_config.stop_sequences: at most 5 stop sequences are allowed.\n',
    )
  const outcome = decideReply(ctx, request)
  const endpoint = `POST /${version}/models/${model.id}:${stream ? 'streamGenerateContent' : 'generateContent'}`
  if (outcome.kind === 'unscripted')
    throw invalidArgument(unscriptedMessage(request, ctx.state.replies, 'gemini', endpoint))
  if (outcome.kind === 'error') throw scriptedError(outcome.error)
  const turn = applyLimits(outcome.turns[0]!, {
    ...(stops.length ? { stop: stops } : {}),
    ...(typeof maxTokens === 'number' ? { maxTokens } : {}),
  })
  const thinking = isObj(gen.thinkingConfig) && gen.thinkingConfig.includeThoughts === true
  const seed = String(hashString(JSON.stringify(body.contents)))
  const rendered = render(turn, thinking ? deterministicText(`${seed}:thought`) : undefined)
  const responseId = ctx.ids.next('', 22)
  const envelope = { modelVersion: model.id, responseId }
  if (!stream)
    return Response.json({
      candidates: [
        { content: { parts: rendered.parts, role: 'model' }, finishReason: rendered.finishReason, index: 0 },
      ],
      usageMetadata: usage(promptTokens, rendered),
      ...envelope,
    })
  // Text arrives in a few chunks; function calls arrive whole; the last chunk has finishReason.
  const chunks: Obj[][] = []
  for (const part of rendered.parts) {
    if (typeof part.text !== 'string') {
      chunks.push([part])
      continue
    }
    const pieces = textPieces(part.text)
    for (let i = 0; i < pieces.length; i += 4)
      chunks.push([{ ...part, text: pieces.slice(i, i + 4).join('') }])
  }
  if (chunks.length === 0) chunks.push([])
  const partial = { promptTokenCount: promptTokens, totalTokenCount: promptTokens }
  const events = chunks.map((parts, i) => {
    const last = i === chunks.length - 1
    const candidate = {
      content: { parts, role: 'model' },
      ...(last ? { finishReason: rendered.finishReason } : {}),
      index: 0,
    }
    return `data: ${JSON.stringify({ candidates: [candidate], usageMetadata: last ? usage(promptTokens, rendered) : partial, ...envelope })}\r\n\r\n`
  })
  // Google sends no charset parameter on its event streams.
  return sseResponse(events, { 'content-type': 'text/event-stream' })
}

/** A unit-length vector derived from the text: the same text always embeds the same. */
function embed(text: string, dimensions: number): number[] {
  const random = createRandom(`embed:${text}`)
  const values = Array.from({ length: dimensions }, () => random.next() * 2 - 1)
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1
  return values.map((v) => v / norm)
}

function embedOne(request: unknown, model: GeminiModel, where: string): { values: number[] } {
  if (!isObj(request) || !isObj(request.content) || !Array.isArray(request.content.parts))
    throw invalidArgument(`* ${where}.content: content is not specified\n`)
  const text = (request.content.parts as unknown[])
    .filter(isObj)
    .map((p) => (typeof p.text === 'string' ? p.text : ''))
    .join('')
  const size = request.outputDimensionality
  if (
    size !== undefined &&
    (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > (model.dimensions ?? 768))
  )
    throw invalidArgument(
      `* ${where}.output_dimensionality: must be between 1 and ${model.dimensions ?? 768}.\n`,
    )
  return { values: embed(text, (size as number | undefined) ?? model.dimensions ?? 768) }
}

export const geminiRoutes: Route<GeminiState, GeminiConfig>[] = [
  route.post<GeminiState, GeminiConfig>('/:version/models/:call', async (ctx) => {
    const { version, call } = ctx.params as { version: string; call: string }
    const at = call.lastIndexOf(':')
    const method = at === -1 ? '' : call.slice(at + 1)
    if (!VERSIONS.has(version) || at === -1)
      throw new GeminiApiError(404, `Method not found: ${ctx.path}`, 'NOT_FOUND')
    const id = call.slice(0, at)
    switch (method) {
      case 'generateContent':
        return generate(ctx, findModel(ctx, id, version, method), version, false)
      case 'streamGenerateContent': {
        const model = findModel(ctx, id, version, method)
        if (ctx.query.get('alt') === 'sse') return generate(ctx, model, version, true)
        // Without alt=sse the API streams one JSON array of responses.
        return Response.json([await generate(ctx, model, version, false).json()])
      }
      case 'countTokens': {
        findModel(ctx, id, version, method)
        const body = jsonBody(ctx)
        const source = isObj(body.generateContentRequest) ? body.generateContentRequest : body
        const { promptTokens } = parseContents(source)
        return Response.json({
          totalTokens: promptTokens,
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
        })
      }
      case 'embedContent': {
        const model = findModel(ctx, id, version, method)
        return Response.json({ embedding: embedOne(jsonBody(ctx), model, 'EmbedContentRequest') })
      }
      case 'batchEmbedContents': {
        const model = findModel(ctx, id, version, method)
        const body = jsonBody(ctx)
        if (!Array.isArray(body.requests) || body.requests.length === 0)
          throw invalidArgument('* BatchEmbedContentsRequest.requests: requests is not specified\n')
        if (body.requests.length > 100)
          throw invalidArgument(
            '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch.\n',
          )
        return Response.json({
          embeddings: body.requests.map((r: unknown, i: number) =>
            embedOne(r, model, `BatchEmbedContentsRequest.requests[${i}]`),
          ),
        })
      }
      default:
        throw new GeminiApiError(404, `Method not found: ${method}`, 'NOT_FOUND')
    }
  }),
  route.get<GeminiState, GeminiConfig>('/:version/models', (ctx) => {
    const all = [...ctx.state.models.values()]
    const size = Math.max(1, Math.min(1000, Number(ctx.query.get('pageSize') ?? 50) || 50))
    const start = Number(ctx.query.get('pageToken') ?? 0) || 0
    const page = all.slice(start, start + size)
    return Response.json({
      models: page.map(modelObject),
      ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}),
    })
  }),
  route.get<GeminiState, GeminiConfig>('/:version/models/:model', (ctx) => {
    const model = ctx.state.models.get(ctx.params.model!)
    if (!model)
      throw new GeminiApiError(
        404,
        `models/${ctx.params.model} is not found for API version ${ctx.params.version}`,
        'NOT_FOUND',
      )
    return Response.json(modelObject(model))
  }),
]
