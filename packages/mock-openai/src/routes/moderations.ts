/**
 * `POST /v1/moderations`: nothing is flagged unless a `moderationRules` entry matches the input.
 * Scores are small, stable numbers derived from the input.
 *
 * @see https://platform.openai.com/docs/api-reference/moderations/create
 */
import { createRandom } from '@understudy/core/llm'
import { invalidRequest, invalidType } from '../errors'
import { jsonBody, op, requireModel } from './define'

/**
 * The categories omni-moderation reports, for `moderationRules`.
 *
 * @example
 * createOpenAIMock({ moderationRules: [{ match: /attack/i, categories: ['violence'] }] })
 */
export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const

export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number]

// Image inputs count for these categories only, as OpenAI documents.
const IMAGE_CATEGORIES = new Set([
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'violence',
  'violence/graphic',
])

interface Input {
  text: string
  types: Array<'text' | 'image'>
}

function readInputs(raw: unknown): Input[] {
  if (raw === undefined || raw === null)
    throw invalidRequest("Missing required parameter: 'input'.", {
      param: 'input',
      code: 'missing_required_parameter',
    })
  if (typeof raw === 'string') return [{ text: raw, types: ['text'] }]
  if (!Array.isArray(raw)) throw invalidType('input', 'a string or an array', raw)
  if (raw.every((x) => typeof x === 'string')) return raw.map((text) => ({ text, types: ['text'] }))
  // Multi-modal input: one result for the whole array of parts.
  const text: string[] = []
  const types = new Set<'text' | 'image'>()
  for (const part of raw as Array<Record<string, unknown>>) {
    if (part?.type === 'text' && typeof part.text === 'string') {
      text.push(part.text)
      types.add('text')
    } else if (part?.type === 'image_url') {
      text.push(JSON.stringify(part.image_url ?? ''))
      types.add('image')
    } else throw invalidType('input', "parts of type 'text' or 'image_url'", part)
  }
  return [{ text: text.join('\n'), types: [...types] }]
}

export const moderationRoutes = [
  op('POST /v1/moderations', (ctx) => {
    const body = jsonBody(ctx)
    const model = requireModel(
      ctx,
      { ...body, model: body.model ?? 'omni-moderation-latest' },
      '/v1/moderations',
    )
    const results = readInputs(body.input).map((input) => {
      const random = createRandom(`${model.id}:${input.text}`)
      const flagged = new Set<string>()
      for (const rule of ctx.config.moderationRules)
        if (rule.test(input.text)) for (const c of rule.categories) flagged.add(c)
      const categories: Record<string, boolean> = {}
      const scores: Record<string, number> = {}
      const applied: Record<string, string[]> = {}
      for (const category of MODERATION_CATEGORIES) {
        categories[category] = flagged.has(category)
        scores[category] = flagged.has(category)
          ? Number((0.9 + random.next() * 0.09).toFixed(6))
          : Number((random.next() * 0.001).toExponential(4))
        applied[category] = input.types.filter((t) => t === 'text' || IMAGE_CATEGORIES.has(category))
      }
      return {
        flagged: flagged.size > 0,
        categories,
        category_scores: scores,
        category_applied_input_types: applied,
      }
    })
    return Response.json({ id: ctx.ids.next('modr-', 29), model: model.snapshot, results })
  }),
]
