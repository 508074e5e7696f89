import { SeedError } from '@understudy/core'

/** What kind of model it is decides which endpoints accept it. */
export type ModelKind = 'chat' | 'reasoning' | 'embedding' | 'moderation'

/** A model the mock knows: listed by `GET /v1/models` and accepted by the endpoints of its kind. */
export interface ModelDefinition {
  id: string
  /** `chat` (default), `reasoning` (o-series, gpt-5: no `temperature`, no `max_tokens`), `embedding`, `moderation`. */
  kind?: ModelKind
  /** Unix seconds, as `created` in the model object. */
  created?: number
  ownedBy?: string
  /** Prompt + completion tokens the model takes; longer prompts fail with `context_length_exceeded`. */
  contextWindow?: number
  /** The largest `max_tokens` / `max_output_tokens` the model accepts. */
  maxOutputTokens?: number
  /** Embedding models: the default vector length. */
  dimensions?: number
  /** The dated snapshot responses name as `model` (`gpt-4o` answers as `gpt-4o-2024-08-06`). */
  snapshot?: string
}

export interface Model extends Required<Omit<ModelDefinition, 'dimensions' | 'snapshot'>> {
  dimensions?: number
  snapshot: string
}

type Row = [id: string, kind: ModelKind, created: number, context: number, maxOut: number, snapshot?: string]

// Context windows and output limits as OpenAI documents them; aliases answer with their snapshot.
const ROWS: Row[] = [
  ['gpt-4o', 'chat', 1715367049, 128_000, 16_384, 'gpt-4o-2024-08-06'],
  ['gpt-4o-2024-08-06', 'chat', 1722814719, 128_000, 16_384],
  ['gpt-4o-2024-11-20', 'chat', 1739331543, 128_000, 16_384],
  ['gpt-4o-mini', 'chat', 1721172741, 128_000, 16_384, 'gpt-4o-mini-2024-07-18'],
  ['gpt-4o-mini-2024-07-18', 'chat', 1721172717, 128_000, 16_384],
  ['gpt-4.1', 'chat', 1744316542, 1_047_576, 32_768, 'gpt-4.1-2025-04-14'],
  ['gpt-4.1-2025-04-14', 'chat', 1744315746, 1_047_576, 32_768],
  ['gpt-4.1-mini', 'chat', 1744318173, 1_047_576, 32_768, 'gpt-4.1-mini-2025-04-14'],
  ['gpt-4.1-mini-2025-04-14', 'chat', 1744317547, 1_047_576, 32_768],
  ['gpt-4.1-nano', 'chat', 1744321707, 1_047_576, 32_768, 'gpt-4.1-nano-2025-04-14'],
  ['gpt-4.1-nano-2025-04-14', 'chat', 1744321025, 1_047_576, 32_768],
  ['gpt-3.5-turbo', 'chat', 1677610602, 16_385, 4_096, 'gpt-3.5-turbo-0125'],
  ['gpt-3.5-turbo-0125', 'chat', 1706048358, 16_385, 4_096],
  ['o3-mini', 'reasoning', 1737146383, 200_000, 100_000, 'o3-mini-2025-01-31'],
  ['o3-mini-2025-01-31', 'reasoning', 1738010200, 200_000, 100_000],
  ['o4-mini', 'reasoning', 1744225351, 200_000, 100_000, 'o4-mini-2025-04-16'],
  ['o4-mini-2025-04-16', 'reasoning', 1744133506, 200_000, 100_000],
  ['gpt-5', 'reasoning', 1754425777, 400_000, 128_000, 'gpt-5-2025-08-07'],
  ['gpt-5-2025-08-07', 'reasoning', 1754075360, 400_000, 128_000],
  ['gpt-5-mini', 'reasoning', 1754425928, 400_000, 128_000, 'gpt-5-mini-2025-08-07'],
  ['gpt-5-mini-2025-08-07', 'reasoning', 1754474531, 400_000, 128_000],
  ['gpt-5-nano', 'reasoning', 1754426384, 400_000, 128_000, 'gpt-5-nano-2025-08-07'],
  ['gpt-5-nano-2025-08-07', 'reasoning', 1754426303, 400_000, 128_000],
  ['text-embedding-3-small', 'embedding', 1705948997, 8_191, 0],
  ['text-embedding-3-large', 'embedding', 1705953180, 8_191, 0],
  ['text-embedding-ada-002', 'embedding', 1671217299, 8_191, 0],
  ['omni-moderation-latest', 'moderation', 1731689265, 32_768, 0, 'omni-moderation-2024-09-26'],
  ['omni-moderation-2024-09-26', 'moderation', 1732734466, 32_768, 0],
  ['text-moderation-latest', 'moderation', 1686683453, 32_768, 0, 'text-moderation-007'],
  ['text-moderation-007', 'moderation', 1686683453, 32_768, 0],
]

const EMBEDDING_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
}

/** The models every mock starts with. */
export function defaultModels(): Map<string, Model> {
  const models = new Map<string, Model>()
  for (const [id, kind, created, contextWindow, maxOutputTokens, snapshot] of ROWS) {
    const dimensions = EMBEDDING_DIMENSIONS[id]
    models.set(id, {
      id,
      kind,
      created,
      ownedBy: id.startsWith('text-embedding-ada') || id.startsWith('gpt-3.5') ? 'openai' : 'system',
      contextWindow,
      maxOutputTokens,
      snapshot: snapshot ?? id,
      ...(dimensions ? { dimensions } : {}),
    })
  }
  return models
}

const KINDS: readonly ModelKind[] = ['chat', 'reasoning', 'embedding', 'moderation']

/** Checks and completes a seeded model; throws `SeedError` naming what is wrong. */
export function toModel(definition: unknown, index: number): Model {
  const where = `seed.models[${index}]`
  if (typeof definition === 'string') return toModel({ id: definition }, index)
  if (typeof definition !== 'object' || definition === null)
    throw new SeedError(
      `[understudy:openai] ${where} must be a model id or an object like { id: 'my-model', contextWindow: 8192 }.`,
    )
  const d = definition as ModelDefinition
  if (typeof d.id !== 'string' || d.id.length === 0)
    throw new SeedError(
      `[understudy:openai] ${where}.id must be a non-empty string, e.g. 'ft:gpt-4o-mini:acme::abc123'.`,
    )
  if (d.kind !== undefined && !KINDS.includes(d.kind))
    throw new SeedError(
      `[understudy:openai] ${where}.kind must be one of ${KINDS.map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify(d.kind)}.`,
    )
  for (const key of ['contextWindow', 'maxOutputTokens', 'dimensions', 'created'] as const) {
    const value = d[key]
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      throw new SeedError(
        `[understudy:openai] ${where}.${key} must be a whole number >= 0, got ${String(value)}.`,
      )
  }
  const kind = d.kind ?? 'chat'
  return {
    id: d.id,
    kind,
    created: d.created ?? 1_735_689_600,
    ownedBy: d.ownedBy ?? 'user',
    contextWindow: d.contextWindow ?? (kind === 'embedding' ? 8_191 : 128_000),
    maxOutputTokens: d.maxOutputTokens ?? (kind === 'chat' || kind === 'reasoning' ? 16_384 : 0),
    snapshot: d.snapshot ?? d.id,
    ...(kind === 'embedding' ? { dimensions: d.dimensions ?? 1536 } : {}),
  }
}

/** The model object as `GET /v1/models` shows it. */
export function modelObject(model: Model) {
  return { id: model.id, object: 'model' as const, created: model.created, owned_by: model.ownedBy }
}
