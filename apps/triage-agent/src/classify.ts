import type OpenAI from 'openai'
import type { LlmClient } from './clients'

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

/** The model's raw answer, asked through the configured provider's own SDK and structured-output setting. */
async function ask(llm: LlmClient, issueText: string): Promise<string | null | undefined> {
  if (llm.provider === 'anthropic') {
    const message = await llm.client.messages.create({
      model: llm.model,
      max_tokens: 1024,
      system: SYSTEM_PROMPT,
      messages: [{ role: 'user', content: issueText }],
      output_config: { format: { type: 'json_schema', schema: classificationSchema } },
    } as Parameters<typeof llm.client.messages.create>[0] & { stream?: false })
    const block = message.content.find((b) => b.type === 'text')
    return block?.type === 'text' ? block.text : undefined
  }
  if (llm.provider === 'gemini') {
    const response = await llm.client.models.generateContent({
      model: llm.model,
      contents: issueText,
      config: {
        systemInstruction: SYSTEM_PROMPT,
        responseMimeType: 'application/json',
        responseJsonSchema: classificationSchema,
      },
    })
    return response.text
  }
  const completion = await llm.client.chat.completions.create({
    model: llm.model,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: issueText },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'triage', strict: true, schema: classificationSchema },
    },
  })
  return completion.choices[0]?.message.content
}

/**
 * Asks the model for labels, priority and a comment, through OpenAI, Anthropic or Gemini (an OpenAI
 * client and model, as before, or a configured `LlmClient`). Rate limits are retried by the SDK
 * itself (openai-node and @anthropic-ai/sdk honour Retry-After up to `maxRetries`); anything still
 * failing, or an answer that is not the promised JSON, falls back to a safe default rather than
 * dropping the issue.
 */
export async function classifyIssue(
  llm: LlmClient | OpenAI,
  model: string,
  issue: { title: string; body?: string | null },
): Promise<ClassifyOutcome> {
  const target: LlmClient = 'provider' in llm ? llm : { provider: 'openai', client: llm, model }
  try {
    const classification = parse(await ask(target, `Title: ${issue.title}\n\n${issue.body ?? ''}`))
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
