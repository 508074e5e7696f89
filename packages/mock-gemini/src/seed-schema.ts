/**
 * The Gemini mock's seed and options as schemas: `seed()` and the factory check their input with
 * them before anything changes, and the server's seed and config file JSON Schemas are generated
 * from them (as for the other mocks).
 *
 * @module
 */

import { type Schema, schema as s, serviceMockOptionsShape } from '@understudy/core'
import type { GeminiMockOptions } from './gemini-mock'
import type { GeminiSeed } from './service'

const model = s.object(
  {
    id: s.string({ minLength: 1 }).example('gemini-test-1'),
    displayName: s.string().optional(),
    kind: s.enum(['generate', 'embed']).describe('`generate` (default) or `embed`.').optional(),
    outputTokenLimit: s.integer({ minimum: 1 }).optional(),
    dimensions: s.integer({ minimum: 1 }).describe('Embedding models: the vector length.').optional(),
  },
  { example: "{ id: 'gemini-test-1' }" },
)

/** What `seed()` and the `seed` option take. Replies are scripted with `reply()`, not seeded. */
export const geminiSeedSchema: Schema<GeminiSeed> = s
  .object(
    { models: s.array(s.union([s.string({ minLength: 1 }), model])).optional() },
    { example: "{ models: ['gemini-test-1'] }" },
  )
  .describe('Gemini seed: extra models. Replies are scripted, not seeded.')

export const geminiOptionsShape = {
  ...serviceMockOptionsShape,
  strict: s
    .boolean()
    .describe('Fail requests that no scripted reply matches instead of answering defaults.')
    .optional(),
} satisfies Record<keyof GeminiMockOptions, Schema<unknown>>

/** What `createGeminiMock` takes, as a schema. */
export const geminiOptionsSchema = s.object(geminiOptionsShape, { example: '{ strict: true }' })
