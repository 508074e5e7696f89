import { assertSeed } from '@understudy/core'
import { type GeminiModelDefinition, toModel } from './models'
import { geminiSeedSchema } from './seed-schema'
import type { GeminiState } from './state'

/** Seed data: extra models (tuned names, new releases, embedding models with their dimensions). */
export interface GeminiSeed {
  models?: ReadonlyArray<GeminiModelDefinition>
}

/** Adds a seed's models to a state; throws a `SeedError` that says how to fix a bad seed. */
export function applySeed(state: GeminiState, data: GeminiSeed): void {
  assertSeed(geminiSeedSchema, data, { prefix: '[understudy:gemini]', service: 'Gemini' })
  data.models?.forEach((definition, i) => {
    const model = toModel(definition, i)
    state.models.set(model.id, model)
  })
}
