import type OpenAI from 'openai'

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const
export type Priority = (typeof PRIORITIES)[number]
export const LABELS = ['bug', 'feature', 'question', 'documentation', 'security', 'performance'] as const

export interface Classification {
  labels: string[]
  priority: Priority
  comment: string
}

/** The JSON schema the model must answer with (structured outputs, strict). */
export const classificationSchema = {
  type: 'object',
  properties: {
    labels: { type: 'array', items: { type: 'string', enum: [...LABELS] } },
    priority: { type: 'string', enum: [...PRIORITIES] },
    comment: { type: 'string' },
  },
  required: ['labels', 'priority', 'comment'],
  additionalProperties: false,
} as const

export const FALLBACK: Classification = {
  labels: ['needs-triage'],
  priority: 'P2',
  comment:
    'Thanks for the report! The triage bot could not classify this issue; a maintainer will look at it.',
}

const SYSTEM_PROMPT = `You triage GitHub issues. Pick labels from: ${LABELS.join(', ')}.
Priority: P0 = outage or security hole, P1 = major feature broken, P2 = normal, P3 = minor.
Write a short, friendly comment for the reporter.`

function parse(text: string | null | undefined): Classification | undefined {
  if (!text) return undefined
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return undefined
  }
  const value = data as Partial<Classification>
  if (!Array.isArray(value.labels) || !value.labels.every((l) => typeof l === 'string')) return undefined
  if (!PRIORITIES.includes(value.priority as Priority) || typeof value.comment !== 'string') return undefined
  return { labels: value.labels, priority: value.priority as Priority, comment: value.comment }
}

export interface ClassifyOutcome {
  classification: Classification
  /** 'model' when the model's answer was used; 'fallback' when it was unusable or the call failed. */
  source: 'model' | 'fallback'
  error?: string
}

/**
 * Asks the model for labels, priority and a comment. Rate limits are retried by openai-node itself
 * (honouring Retry-After, up to `maxRetries`); anything still failing, or an answer that is not the
 * promised JSON, falls back to a safe default rather than dropping the issue.
 */
export async function classifyIssue(
  openai: OpenAI,
  model: string,
  issue: { title: string; body?: string | null },
): Promise<ClassifyOutcome> {
  try {
    const completion = await openai.chat.completions.create({
      model,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: `Title: ${issue.title}\n\n${issue.body ?? ''}` },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'triage', strict: true, schema: classificationSchema },
      },
    })
    const classification = parse(completion.choices[0]?.message.content)
    if (!classification)
      return {
        classification: FALLBACK,
        source: 'fallback',
        error: 'the model did not answer with valid JSON',
      }
    return { classification, source: 'model' }
  } catch (error) {
    return {
      classification: FALLBACK,
      source: 'fallback',
      error: `LLM call failed: ${(error as Error).message}`,
    }
  }
}

/** One level more urgent (P2 → P1), never past P0. */
export function raisePriority(priority: Priority): Priority {
  return PRIORITIES[Math.max(0, PRIORITIES.indexOf(priority) - 1)]!
}
