/**
 * `createGeminiMock`'s options as a schema: the factory checks them with it, and `understudy serve
 * --config` checks (and documents) the `gemini` section of a config file with it.
 *
 * @module
 */

import { type Schema, schema as s, serviceMockOptionsShape } from '@understudy/core'
import type { GeminiMockOptions } from './gemini-mock'

export const geminiOptionsShape = {
  ...serviceMockOptionsShape,
  strict: s
    .boolean()
    .describe('Fail requests that no scripted reply matches instead of answering defaults.')
    .optional(),
} satisfies Record<keyof GeminiMockOptions, Schema<unknown>>

/** What `createGeminiMock` takes, as a schema. */
export const geminiOptionsSchema = s.object(geminiOptionsShape, { example: '{ strict: true }' })
