/**
 * `POST /v1/embeddings`: deterministic, unit-length vectors. Each word of the input adds its own
 * direction, so texts that share words are closer (cosine) than texts that do not; a retrieval test
 * finds the document that mentions what it asked about.
 *
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
import { createRandom, hashString } from '@understudy/core/llm'
import { invalidRequest, invalidType } from '../errors'
import { countTokens } from '../tokens'
import { integerParam, jsonBody, op, requireModel } from './define'

const MAX_INPUTS = 2048

function gaussianVector(seed: string, dimensions: number, into: Float64Array, weight: number): void {
  const random = createRandom(seed)
  for (let i = 0; i < dimensions; i += 2) {
    // Box-Muller: pairs of normal deviates, so directions are uniform on the sphere.
    const u = Math.max(random.next(), 1e-12)
    const v = random.next()
    const r = Math.sqrt(-2 * Math.log(u)) * weight
    into[i] = (into[i] ?? 0) + r * Math.cos(2 * Math.PI * v)
    if (i + 1 < dimensions) into[i + 1] = (into[i + 1] ?? 0) + r * Math.sin(2 * Math.PI * v)
  }
}

/**
 * The embedding of `text` for `model`: full length computed, then shortened to `dimensions` and
 * renormalized, as text-embedding-3 does.
 */
export function embed(
  text: string,
  model: string,
  fullDimensions: number,
  dimensions = fullDimensions,
): number[] {
  const sum = new Float64Array(fullDimensions)
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  for (const word of words) gaussianVector(`${model}:w:${word}`, fullDimensions, sum, 1)
  // A little of the exact text, so different texts with the same words still differ.
  gaussianVector(`${model}:t:${hashString(text)}`, fullDimensions, sum, words.length ? 0.35 : 1)
  let norm = 0
  for (let i = 0; i < dimensions; i++) norm += sum[i]! * sum[i]!
  norm = Math.sqrt(norm) || 1
  const out = new Array<number>(dimensions)
  for (let i = 0; i < dimensions; i++) out[i] = Math.fround(sum[i]! / norm)
  return out
}

function toBase64(vector: number[]): string {
  const floats = new Float32Array(vector)
  const bytes = new Uint8Array(floats.buffer)
  // Float32Array is little-endian on every platform Node runs on, as OpenAI's base64 is.
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  return btoa(binary)
}

function inputs(raw: unknown): string[] {
  if (raw === undefined || raw === null)
    throw invalidRequest("Missing required parameter: 'input'.", {
      param: 'input',
      code: 'missing_required_parameter',
    })
  if (typeof raw === 'string') return [raw]
  if (Array.isArray(raw)) {
    if (raw.length === 0)
      throw invalidRequest(
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
        { param: 'input' },
      )
    if (raw.length > MAX_INPUTS)
      throw invalidRequest(
        `'$.input' is invalid: at most ${MAX_INPUTS} inputs per request, got ${raw.length}.`,
        { param: 'input' },
      )
    // Token arrays (numbers) embed by their token ids.
    if (raw.every((x) => typeof x === 'number')) return [`tokens:${raw.join(',')}`]
    return raw.map((item) => {
      if (typeof item === 'string') return item
      if (Array.isArray(item) && item.every((x) => typeof x === 'number')) return `tokens:${item.join(',')}`
      throw invalidType('input', 'a string, an array of strings or an array of token arrays', item)
    })
  }
  throw invalidType('input', 'a string or an array', raw)
}

export const embeddingRoutes = [
  op('POST /v1/embeddings', (ctx) => {
    const body = jsonBody(ctx)
    const model = requireModel(ctx, body, '/v1/embeddings')
    const texts = inputs(body.input)
    if (texts.some((t) => t === ''))
      throw invalidRequest(
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
        { param: 'input' },
      )
    const full = model.dimensions ?? 1536
    const dimensions = integerParam(body, 'dimensions', 1)
    if (dimensions !== undefined && !model.id.startsWith('text-embedding-3') && model.ownedBy !== 'user')
      throw invalidRequest('This model does not support specifying dimensions.', { param: 'dimensions' })
    if (dimensions !== undefined && dimensions > full)
      throw invalidRequest(
        `Invalid 'dimensions': integer above maximum value. Expected a value <= ${full}, but got ${dimensions} instead.`,
        {
          param: 'dimensions',
          code: 'integer_above_max_value',
        },
      )
    const format = body.encoding_format ?? 'float'
    if (format !== 'float' && format !== 'base64')
      throw invalidRequest(
        `Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`,
        {
          param: 'encoding_format',
          code: 'invalid_value',
        },
      )
    const tokens = texts.map((t) => (t.startsWith('tokens:') ? t.split(',').length : countTokens(t)))
    tokens.forEach((count) => {
      if (count > model.contextWindow)
        throw invalidRequest(
          `This model's maximum context length is ${model.contextWindow + 1} tokens, however you requested ${count} tokens (${count} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
          { param: null },
        )
    })
    const total = tokens.reduce((a, b) => a + b, 0)
    const rateHeaders = ctx.config.rateLimiter.consume(ctx.state.rateLimits, ctx.clock.now(), total, model.id)
    return Response.json(
      {
        object: 'list',
        data: texts.map((text, index) => {
          const vector = embed(text, model.id, full, dimensions ?? full)
          return { object: 'embedding', index, embedding: format === 'base64' ? toBase64(vector) : vector }
        }),
        model: model.snapshot,
        usage: { prompt_tokens: total, total_tokens: total },
      },
      { headers: rateHeaders },
    )
  }),
]
