/**
 * The Gemini mock's seed as a schema: `seed()` checks its input with it before anything changes, and
 * the server's seed file JSON Schema is generated from it (as for the other mocks).
 *
 * @module
 */

import { type Schema, schema as s } from '@understudy/core'
import type { GeminiSeed } from './seed'

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
