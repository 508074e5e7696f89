import Stripe from 'stripe'
import { expect, test } from 'vitest'
import { createStripeMock, type StripeSeed } from '../src/index'

test('seed() names the path of an unknown key, with a did-you-mean hint (#13)', () => {
  const stripe = createStripeMock()
  expect(() =>
    stripe.seed({
      products: [{ name: 'Pro', prices: [{ unit_amout: 900, currency: 'usd' }] }],
    } as unknown as StripeSeed),
  ).toThrowError(
    expect.objectContaining({
      name: 'SeedError',
      message: expect.stringContaining(
        'Invalid Stripe seed (2 problems; nothing was seeded):\n  products[0].prices[0].unit_amout: unknown key "unit_amout"; did you mean "unit_amount"?',
      ),
    }),
  )
  expect(() =>
    stripe.seed({
      products: [
        {
          name: 'Pro',
          prices: [{ unit_amount: 900, currency: 'usd', recurring: { interval: 'monthly' as never } }],
        },
      ],
    }),
  ).toThrowError(
    /products\[0\]\.prices\[0\]\.recurring\.interval: expected "day", "week", "month" or "year", got "monthly"/,
  )
})

test('a seed the API refuses part-way changes nothing', async () => {
  const mock = createStripeMock({ seed: { products: [{ id: 'prod_pro', name: 'Pro' }] } })
  expect(() =>
    mock.seed({
      customers: [{ email: 'ada@example.com' }],
      products: [
        { id: 'prod_team', name: 'Team' },
        { id: 'prod_pro', name: 'Pro again' },
      ],
    }),
  ).toThrowError(/Invalid Stripe seed at products\[1\]/)
  const stripe = new Stripe('sk_test_123', {
    httpClient: Stripe.createFetchHttpClient(mock.fetch as typeof fetch),
    maxNetworkRetries: 0,
  })
  expect((await stripe.customers.list()).data).toEqual([])
  expect((await stripe.products.list()).data.map((p) => p.id)).toEqual(['prod_pro'])
  expect(mock.events()).toEqual([])
})

test('createStripeMock(options) names a wrong option and shows a valid value (#13)', () => {
  expect(() => createStripeMock({ clock: { now: 'yesterday' } })).toThrowError(
    expect.objectContaining({ name: 'InvalidOptionError', option: 'clock.now' }),
  )
  expect(() => createStripeMock({ partitionBy: 'token' as never })).toThrowError(
    /Invalid option "partitionBy": expected "none" or "credential", got "token"/,
  )
  expect(() => createStripeMock({ baseUrl: '/stripe' })).toThrowError(
    /Invalid option "baseUrl": expected an absolute URL/,
  )
})
