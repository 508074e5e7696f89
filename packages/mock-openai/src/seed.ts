import { assertSeed, SeedError } from '@understudy/core'
import { type ModelDefinition, toModel } from './models'
import { openAISeedSchema } from './seed-schema'
import type { OpenAIState } from './state'

/** Seed data: extra models (fine-tunes, new releases, small context windows for tests). */
export interface OpenAISeed {
  models?: ReadonlyArray<string | ModelDefinition>
}

/** Adds a seed's models to a state; throws a `SeedError` that says how to fix a bad seed. */
export function applySeed(state: OpenAIState, data: OpenAISeed): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new SeedError("[understudy:openai] seed must be an object like { models: [{ id: 'my-model' }] }.")
  const unknown = Object.keys(data).filter((k) => k !== 'models')
  if (unknown.length)
    throw new SeedError(
      `[understudy:openai] unknown seed field ${unknown.map((k) => `"${k}"`).join(', ')}: the OpenAI mock takes { models }. ` +
        'Replies are scripted with openai.reply(), not seeded.',
    )
  assertSeed(openAISeedSchema, data, { prefix: '[understudy:openai]', service: 'OpenAI' })
  if (data.models !== undefined && !Array.isArray(data.models))
    throw new SeedError(
      "[understudy:openai] seed.models must be an array like [{ id: 'my-model', contextWindow: 8192 }].",
    )
  data.models?.forEach((definition, i) => {
    const model = toModel(definition, i)
    state.models.set(model.id, model)
  })
}
