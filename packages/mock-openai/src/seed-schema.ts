/**
 * The OpenAI seed (extra models) as a schema: `seed()` checks data against it before adding any
 * model, and the published JSON Schema for seed files is generated from it.
 *
 * @module
 */

import { type Schema, schema as s } from '@understudy/core'
import type { OpenAISeed } from './seed'

const count = s.integer({ minimum: 0 })

const model = s.object(
  {
    id: s.string({ minLength: 1 }).example('ft:gpt-4o-mini:acme::abc123'),
    kind: s
      .enum(['chat', 'reasoning', 'embedding', 'moderation'])
      .describe('`chat` (default), `reasoning` (no temperature, no max_tokens), `embedding`, `moderation`.')
      .optional(),
    created: count.describe('Unix seconds, as `created` in the model object.').optional(),
    ownedBy: s.string().optional(),
    contextWindow: count
      .describe(
        'Prompt + completion tokens the model takes; longer prompts fail with context_length_exceeded.',
      )
      .optional(),
    maxOutputTokens: count
      .describe('The largest max_tokens / max_output_tokens the model accepts.')
      .optional(),
    dimensions: count.describe('Embedding models: the default vector length.').optional(),
    snapshot: s.string({ minLength: 1 }).describe('The dated snapshot responses name as `model`.').optional(),
  },
  { example: "{ id: 'my-model', contextWindow: 8192 }" },
)

/**
 * What `seed()` and the `seed` option take, as a schema. Replies are scripted with `reply()`, not seeded.
 *
 * @example
 * validate(openAISeedSchema, { models: [{ id: 'tiny', contextWindow: 50 }] }) // []
 */
export const openAISeedSchema: Schema<OpenAISeed> = s
  .object(
    { models: s.array(s.union([s.string({ minLength: 1 }), model])).optional() },
    { example: "{ models: [{ id: 'my-model', contextWindow: 8192 }] }" },
  )
  .describe(
    'OpenAI seed: extra models (fine-tunes, small context windows). Replies are scripted, not seeded.',
  )
