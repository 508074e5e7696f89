/**
 * The options every service mock takes (`createServiceMock`'s), as schema shapes the mocks extend
 * with their own. Values JSON cannot carry (a clock instance, `transport`, `sleep`) are checked here
 * and left out of the JSON Schema for config files.
 *
 * @module
 */

import type { Clock, ClockOptions } from '../mock/clock'
import type { ServiceMockOptions } from '../mock/create-mock'
import type { WebhookOptions } from '../mock/webhooks'
import { type Schema, schema as s } from './schema'

const isFunction = (value: unknown) => typeof value === 'function'
const fn = <T>(expected: string) => s.custom<T>(expected, isFunction)

/** `webhooks`: how deliveries are sent and retried. */
export const webhookOptionsShape = {
  transport: fn<NonNullable<WebhookOptions['transport']>>(
    'a fetch-style function, (request) => Promise<Response>',
  ).optional(),
  retries: s
    .integer({ minimum: 0 })
    .describe('Retries after a failed attempt (network error or non-2xx). Default 2.')
    .example(2)
    .optional(),
  backoff: fn<NonNullable<WebhookOptions['backoff']>>('a function (attempt) => milliseconds').optional(),
  timeoutMs: s
    .integer({ minimum: 1 })
    .describe('Per-attempt timeout in ms. Default 10 000.')
    .example(10_000)
    .optional(),
  sleep: fn<NonNullable<WebhookOptions['sleep']>>('a function (ms) => Promise<void>').optional(),
} satisfies Record<keyof WebhookOptions, Schema<unknown>>

export const webhookOptionsSchema = s.object(webhookOptionsShape, {
  example: '{ retries: 0, timeoutMs: 2000 }',
})

const time = s.union([
  s.number(),
  s.string({
    refine: (v) =>
      Number.isNaN(Date.parse(v)) ? 'expected an ISO date like "2026-01-01T00:00:00Z"' : undefined,
  }),
  s.custom<Date>('a Date', (v) => v instanceof Date && !Number.isNaN(v.getTime())),
])

const clockOptions = s.object(
  { now: time.describe('Start frozen at this time (epoch ms or ISO string).').optional() } satisfies Record<
    keyof ClockOptions,
    Schema<unknown>
  >,
  { example: "{ now: '2026-01-01T00:00:00Z' }" },
)

const clockInstance = s.custom<Clock>(
  'a Clock (createClock())',
  (v) => typeof v === 'object' && v !== null && typeof (v as { now?: unknown }).now === 'function',
)

const url = s.string({ format: 'uri' }).example('http://localhost:4010/github')

/**
 * `createServiceMock`'s options as a shape, for mocks to spread into theirs. `seed` is checked by
 * the service's own seed schema.
 */
export const serviceMockOptionsShape = {
  seed: s.unknown().optional(),
  baseUrl: s
    .union([url, s.array(url)])
    .describe('Extra base URLs to answer on, besides the real hosts.')
    .optional(),
  partitionBy: s
    .enum(['none', 'credential'])
    .describe('`none`: one shared state. `credential`: one state per credential.')
    .optional(),
  clock: s
    .union([clockInstance, clockOptions])
    .describe("A clock to share, or options for the mock's own.")
    .optional(),
  webhooks: webhookOptionsSchema.describe('Webhook delivery settings.').optional(),
  sleep: fn<(ms: number) => Promise<void>>('a function (ms) => Promise<void>').optional(),
  logLimit: s
    .integer({ minimum: 1 })
    .describe('Requests kept in `requests` (the oldest are dropped). Default 10 000.')
    .example(10_000)
    .optional(),
  onUnimplemented: s
    .union([
      s.enum(['respond', 'warn', 'error']),
      fn<NonNullable<ServiceMockOptions<unknown>['onUnimplemented']>>('a function (request, print) => void'),
    ])
    .describe(
      "An endpoint the real service has and the mock does not implement: 'respond' (501, default), 'warn' or 'error'.",
    )
    .optional(),
  maxPartitions: s
    .integer({ minimum: 1 })
    .describe('Partitions kept at most; the least recently used idle one is dropped beyond it. Default 1000.')
    .example(1000)
    .optional(),
} satisfies Record<keyof ServiceMockOptions<unknown>, Schema<unknown>>

/** `createServiceMock`'s options. */
export const serviceMockOptionsSchema = s.object(serviceMockOptionsShape, {
  example: "{ baseUrl: 'http://localhost:4010/github', partitionBy: 'credential' }",
})

/** An object shape without some keys (the server sets `seed` and `partitionBy` itself). */
export function omitKeys<S extends Record<string, Schema<unknown>>, K extends keyof S>(
  shape: S,
  keys: readonly K[],
): Omit<S, K> {
  const out = { ...shape }
  for (const key of keys) delete out[key]
  return out
}
