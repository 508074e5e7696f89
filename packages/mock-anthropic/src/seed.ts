import { assertSeed } from '@understudy/core'
import { type AnthropicModelDefinition, toModel } from './models'
import { anthropicSeedSchema } from './seed-schema'
import type { AnthropicState } from './state'

/** Seed data: extra models (new releases, fine-tuned names your code uses). */
export interface AnthropicSeed {
  models?: ReadonlyArray<AnthropicModelDefinition>
}

/** Adds a seed's models to a state; throws a `SeedError` that says how to fix a bad seed. */
export function applySeed(state: AnthropicState, data: AnthropicSeed): void {
  assertSeed(anthropicSeedSchema, data, { prefix: '[understudy:anthropic]', service: 'Anthropic' })
  data.models?.forEach((definition, i) => {
    const model = toModel(definition, i)
    state.models.set(model.id, model)
  })
}
