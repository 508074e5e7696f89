/**
 * `createStripeMock`'s options as a schema: the factory checks them with it, and `understudy serve
 * --config` checks (and documents) the `stripe` section of a config file with it.
 *
 * @module
 */

import { type Schema, schema as s, serviceMockOptionsShape } from '@understudy/core'
import type { StripeMockOptions } from './stripe-mock'

export const stripeOptionsShape = { ...serviceMockOptionsShape } satisfies Record<
  keyof StripeMockOptions,
  Schema<unknown>
>

/**
 * What `createStripeMock` takes, as a schema.
 *
 * @example
 * validate(stripeOptionsSchema, { logLimit: 100 }) // []
 */
export const stripeOptionsSchema = s.object(stripeOptionsShape, {
  example: "{ clock: { now: '2026-01-01T00:00:00Z' } }",
})
