/**
 * The Anthropic mock's seed as a schema: `seed()` checks its input with it before anything changes,
 * and the server's seed file JSON Schema is generated from it (as for the other mocks).
 *
 * @module
 */

import { type Schema, schema as s } from '@understudy/core'
import type { AnthropicSeed } from './seed'

const model = s.object(
  {
    id: s.string({ minLength: 1 }).example('claude-test-1'),
    displayName: s.string().optional(),
    createdAt: s.string().describe('RFC 3339, as `created_at` in the model object.').optional(),
    maxOutputTokens: s
      .integer({ minimum: 1 })
      .describe('The largest max_tokens the model accepts.')
      .optional(),
  },
  { example: "{ id: 'claude-test-1' }" },
)

/** What `seed()` and the `seed` option take. Replies are scripted with `reply()`, not seeded. */
export const anthropicSeedSchema: Schema<AnthropicSeed> = s
  .object(
    { models: s.array(s.union([s.string({ minLength: 1 }), model])).optional() },
    { example: "{ models: ['claude-test-1'] }" },
  )
  .describe('Anthropic seed: extra models. Replies are scripted, not seeded.')
