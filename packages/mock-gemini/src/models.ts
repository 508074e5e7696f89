/**
 * The models the mock knows, as `GET /v1beta/models` lists them. Seed more with `seed({ models })`.
 *
 * @module
 */
import { SeedError } from '@understudy/core'

export interface GeminiModel {
  /** `gemini-2.5-flash` (the API names it `models/gemini-2.5-flash`). */
  id: string
  displayName: string
  kind: 'generate' | 'embed'
  inputTokenLimit: number
  outputTokenLimit: number
  /** Embedding models: the vector's default length. */
  dimensions?: number
}

export type GeminiModelDefinition =
  | string
  | {
      id: string
      displayName?: string
      kind?: 'generate' | 'embed'
      outputTokenLimit?: number
      dimensions?: number
    }

const DEFAULTS: GeminiModel[] = [
  {
    id: 'gemini-2.5-pro',
    displayName: 'Gemini 2.5 Pro',
    kind: 'generate',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
  },
  {
    id: 'gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    kind: 'generate',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
  },
  {
    id: 'gemini-2.5-flash-lite',
    displayName: 'Gemini 2.5 Flash-Lite',
    kind: 'generate',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
  },
  {
    id: 'gemini-2.0-flash',
    displayName: 'Gemini 2.0 Flash',
    kind: 'generate',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 8_192,
  },
  {
    id: 'gemini-2.0-flash-lite',
    displayName: 'Gemini 2.0 Flash-Lite',
    kind: 'generate',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 8_192,
  },
  {
    id: 'gemini-embedding-001',
    displayName: 'Gemini Embedding 001',
    kind: 'embed',
    inputTokenLimit: 2_048,
    outputTokenLimit: 1,
    dimensions: 3072,
  },
  {
    id: 'text-embedding-004',
    displayName: 'Text Embedding 004',
    kind: 'embed',
    inputTokenLimit: 2_048,
    outputTokenLimit: 1,
    dimensions: 768,
  },
]

export function defaultModels(): Map<string, GeminiModel> {
  return new Map(DEFAULTS.map((m) => [m.id, { ...m }]))
}

export function toModel(definition: GeminiModelDefinition, index: number): GeminiModel {
  const d = typeof definition === 'string' ? { id: definition } : definition
  if (typeof d !== 'object' || d === null || typeof d.id !== 'string' || !d.id)
    throw new SeedError(
      `[understudy:gemini] seed.models[${index}] must be a model id or { id, kind?, dimensions? }, e.g. 'gemini-test-1'.`,
    )
  const id = d.id.replace(/^models\//, '')
  const kind = d.kind ?? 'generate'
  return {
    id,
    displayName: d.displayName ?? id,
    kind,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: d.outputTokenLimit ?? (kind === 'embed' ? 1 : 65_536),
    ...(kind === 'embed' ? { dimensions: d.dimensions ?? 768 } : {}),
  }
}

/** A model as the API lists it. */
export function modelObject(model: GeminiModel): Record<string, unknown> {
  return {
    name: `models/${model.id}`,
    // Required by the Model schema of Google's published API document (spec/openapi-subset.json).
    baseModelId: model.id,
    version: '001',
    displayName: model.displayName,
    description: `${model.displayName} (Understudy mock)`,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    supportedGenerationMethods:
      model.kind === 'embed'
        ? ['embedContent', 'batchEmbedContents', 'countTokens']
        : ['generateContent', 'countTokens'],
  }
}
