/**
 * `createAnthropicMock`'s options as a schema: the factory checks them with it, and `understudy serve
 * --config` checks (and documents) the `anthropic` section of a config file with it.
 *
 * @module
 */

import { type Schema, schema as s, serviceMockOptionsShape } from '@understudy/core'
import type { AnthropicMockOptions } from './anthropic-mock'

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
