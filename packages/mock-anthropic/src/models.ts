/**
 * The models the mock knows, as `GET /v1/models` lists them. Requests naming another model get the
 * API's 404 `not_found_error`; seed more with `seed({ models: [...] })`.
 *
 * @module
 */
import { SeedError } from '@understudy/core'

export interface AnthropicModel {
  id: string
  display_name: string
  created_at: string
  /** Output token ceiling: a larger `max_tokens` is a 400. */
  maxOutputTokens: number
}

/** A model to add: an id, or an id with details. */
export type AnthropicModelDefinition =
  | string
  | { id: string; displayName?: string; createdAt?: string; maxOutputTokens?: number }

const DEFAULTS: ReadonlyArray<[string, string, string, number]> = [
  ['claude-opus-4-1-20250805', 'Claude Opus 4.1', '2025-08-05T00:00:00Z', 32_000],
  ['claude-opus-4-20250514', 'Claude Opus 4', '2025-05-22T00:00:00Z', 32_000],
  ['claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', '2025-09-29T00:00:00Z', 64_000],
  ['claude-sonnet-4-20250514', 'Claude Sonnet 4', '2025-05-22T00:00:00Z', 64_000],
  ['claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-15T00:00:00Z', 64_000],
  ['claude-3-7-sonnet-20250219', 'Claude Sonnet 3.7', '2025-02-24T00:00:00Z', 64_000],
  ['claude-3-5-haiku-20241022', 'Claude Haiku 3.5', '2024-10-22T00:00:00Z', 8_192],
  ['claude-3-haiku-20240307', 'Claude Haiku 3', '2024-03-07T00:00:00Z', 4_096],
]

// The API resolves these aliases to the newest snapshot of each model.
const ALIASES: Record<string, string> = {
  'claude-opus-4-1': 'claude-opus-4-1-20250805',
  'claude-opus-4-0': 'claude-opus-4-20250514',
  'claude-sonnet-4-5': 'claude-sonnet-4-5-20250929',
  'claude-sonnet-4-0': 'claude-sonnet-4-20250514',
  'claude-haiku-4-5': 'claude-haiku-4-5-20251001',
  'claude-3-7-sonnet-latest': 'claude-3-7-sonnet-20250219',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku-20241022',
}

export function defaultModels(): Map<string, AnthropicModel> {
  return new Map(
    DEFAULTS.map(([id, display_name, created_at, maxOutputTokens]) => [
      id,
      { id, display_name, created_at, maxOutputTokens },
    ]),
  )
}

/** The model a request names (an alias resolves to its snapshot), or undefined. */
export function findModel(models: Map<string, AnthropicModel>, id: string): AnthropicModel | undefined {
  return models.get(id) ?? models.get(ALIASES[id] ?? '')
}

export function toModel(definition: AnthropicModelDefinition, index: number): AnthropicModel {
  const d = typeof definition === 'string' ? { id: definition } : definition
  if (typeof d !== 'object' || d === null || typeof d.id !== 'string' || !d.id)
    throw new SeedError(
      `[understudy:anthropic] seed.models[${index}] must be a model id or { id, displayName?, maxOutputTokens? }, e.g. 'claude-test-1'.`,
    )
  if (d.maxOutputTokens !== undefined && (!Number.isInteger(d.maxOutputTokens) || d.maxOutputTokens < 1))
    throw new SeedError(
      `[understudy:anthropic] seed.models[${index}].maxOutputTokens must be a whole number >= 1.`,
    )
  return {
    id: d.id,
    display_name: d.displayName ?? d.id,
    created_at: d.createdAt ?? '2025-01-01T00:00:00Z',
    maxOutputTokens: d.maxOutputTokens ?? 64_000,
  }
}

/** A model as the API returns it. */
export function modelObject(model: AnthropicModel): Record<string, unknown> {
  return { type: 'model', id: model.id, display_name: model.display_name, created_at: model.created_at }
}
