/**
 * The Anthropic mock's seed and options as schemas: `seed()` and the factory check their input with
 * them before anything changes, and the server's seed and config file JSON Schemas are generated
 * from them (as for the other mocks).
 *
 * @module
 */

import { type Schema, schema as s, serviceMockOptionsShape } from '@understudy/core'
import type { AnthropicMockOptions } from './anthropic-mock'
import type { AnthropicSeed } from './service'

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

export const anthropicOptionsShape = {
  ...serviceMockOptionsShape,
  strict: s
    .boolean()
    .describe('Fail requests that no scripted reply matches instead of answering defaults.')
    .optional(),
  batchProcessingMs: s
    .integer({ minimum: 0 })
    .describe(
      "How long a Message Batch stays in_progress on the mock's clock, in ms (0: it ends at the next look).",
    )
    .optional(),
} satisfies Record<keyof AnthropicMockOptions, Schema<unknown>>

/** What `createAnthropicMock` takes, as a schema. */
export const anthropicOptionsSchema = s.object(anthropicOptionsShape, { example: '{ strict: true }' })
