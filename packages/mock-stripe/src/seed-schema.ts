/**
 * The Stripe seed as a schema: `seed()` checks data against it before creating anything, and the
 * published JSON Schema for seed files is generated from it.
 *
 * @module
 */

import { type Schema, schema as s } from '@understudy/core'
import { DISPUTE_REASONS } from './fixtures/dispute'
import type { StripeSeed } from './seed'

const metadata = s
  .record(s.string(), { key: 'keys to strings' })
  .describe('Key-value pairs, as Stripe stores them (strings).')
  .example({ plan: 'pro' })

const currency = s.string({ pattern: /^[a-zA-Z]{3}$/, hint: 'a three-letter ISO currency code like "usd"' })

const money = s.object(
  { amount: s.integer().describe('In the smallest currency unit (cents).'), currency },
  { example: "{ amount: 10000, currency: 'usd' }" },
)

const price = s.object(
  {
    unit_amount: s.integer({ minimum: 0 }).describe('In the smallest currency unit (cents).'),
    currency: s.string({ pattern: /^[a-zA-Z]{3}$/, hint: 'a three-letter ISO currency code like "usd"' }),
    recurring: s
      .object(
        {
          interval: s.enum(['day', 'week', 'month', 'year']),
          interval_count: s.integer({ minimum: 1 }).optional(),
        },
        { example: "{ interval: 'month' }" },
      )
      .optional(),
    lookup_key: s.string({ minLength: 1 }).optional(),
    nickname: s.string().optional(),
  },
  { example: "{ unit_amount: 2000, currency: 'usd', recurring: { interval: 'month' } }" },
)

/**
 * What `seed()` and the `seed` option take, as a schema.
 *
 * @example
 * validate(stripeSeedSchema, { customers: [{ email: 'ada@example.com' }] }) // []
 */
export const stripeSeedSchema: Schema<StripeSeed> = s
  .object(
    {
      customers: s
        .array(
          s.object(
            {
              email: s.string().optional(),
              name: s.string().optional(),
              description: s.string().optional(),
              metadata: metadata.optional(),
            },
            { example: "{ email: 'ada@example.com' }" },
          ),
        )
        .optional(),
      products: s
        .array(
          s.object(
            {
              name: s.string({ minLength: 1 }),
              id: s.string({ minLength: 1 }).optional(),
              description: s.string().optional(),
              metadata: metadata.optional(),
              prices: s.array(price).optional(),
            },
            { example: "{ name: 'Pro', prices: [{ unit_amount: 2000, currency: 'usd' }] }" },
          ),
        )
        .optional(),
      coupons: s
        .array(
          s.object(
            {
              id: s.string({ minLength: 1 }).optional(),
              name: s.string().optional(),
              percent_off: s
                .number({ minimum: 0 })
                .describe('0 to 100; or amount_off and currency.')
                .optional(),
              amount_off: s.integer({ minimum: 1 }).optional(),
              currency: currency.optional(),
              duration: s.enum(['once', 'repeating', 'forever']).optional(),
              duration_in_months: s.integer({ minimum: 1 }).optional(),
              max_redemptions: s.integer({ minimum: 1 }).optional(),
              metadata: metadata.optional(),
            },
            { example: "{ id: 'WELCOME10', percent_off: 10, duration: 'once' }" },
          ),
        )
        .optional(),
      disputes: s
        .array(
          s.object(
            {
              amount: s.integer({ minimum: 50 }).describe('The disputed payment, in cents.'),
              currency,
              reason: s.enum(DISPUTE_REASONS).optional(),
              inquiry: s.boolean().describe('An inquiry: nothing withdrawn yet.').optional(),
              metadata: metadata.optional(),
            },
            { example: "{ amount: 2000, currency: 'usd', reason: 'fraudulent' }" },
          ),
        )
        .optional(),
      balance: s
        .object(
          {
            available: s.array(money).optional(),
            pending: s.array(money).optional(),
          },
          { example: "{ available: [{ amount: 10000, currency: 'usd' }] }" },
        )
        .optional(),
    },
    { example: "{ customers: [{ email: 'ada@example.com' }] }" },
  )
  .describe(
    'Stripe seed (optional: everything can be made through the API): customers, products with prices, coupons, disputed payments, balance.',
  )
