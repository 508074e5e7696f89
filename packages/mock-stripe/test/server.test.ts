import { mount, startServer } from '@understudy/core'
import Stripe from 'stripe'
import { expect, test } from 'vitest'
import { createStripeMock } from '../src/index'

test('behind the standalone server, each API key is its own account, at / and at /stripe', async () => {
  const mock = createStripeMock({
    partitionBy: 'credential',
    seed: { customers: [{ email: 'seeded@example.com' }] },
  })
  const server = await startServer(
    mount([
      { prefix: '/stripe', target: mock },
      { prefix: '', target: mock },
    ]),
  )
  try {
    const at = (key: string) =>
      new Stripe(key, { host: '127.0.0.1', port: server.port, protocol: 'http', maxNetworkRetries: 0 })
    const a = at('sk_test_worker_a')
    const b = at('sk_test_worker_b')
    await a.customers.create({ email: 'a@example.com' })
    await b.customers.create({ email: 'b@example.com' })
    const emails = async (s: Stripe) => (await s.customers.list()).data.map((c) => c.email)
    expect(await emails(a)).toEqual(['a@example.com', 'seeded@example.com'])
    expect(await emails(b)).toEqual(['b@example.com', 'seeded@example.com'])
    expect(mock.partitions().sort()).toEqual(['sk_test_worker_a', 'sk_test_worker_b'])

    // The /stripe mount: list urls carry the prefix so they stay on the mock.
    const prefixed = await fetch(`${server.url}/stripe/v1/customers?limit=1`, {
      headers: { authorization: 'Bearer sk_test_worker_a', 'stripe-account': 'acct_123' },
    })
    expect(prefixed.status).toBe(200)
    expect(prefixed.headers.get('stripe-account')).toBe('acct_123')
    expect(((await prefixed.json()) as { url: string }).url).toBe('/stripe/v1/customers')
    expect(mock.requests.at(-1)).toMatchObject({ path: '/v1/customers', partition: 'sk_test_worker_a' })

    // The snapshot the dashboard shows is plain JSON.
    const snapshot = mock.snapshot('sk_test_worker_a') as { customers: Array<{ email: string }> }
    expect(JSON.parse(JSON.stringify(snapshot)).customers.map((c: { email: string }) => c.email)).toEqual([
      'seeded@example.com',
      'a@example.com',
    ])
  } finally {
    await server.close()
  }
})

test('reset() returns to the seed, with no log and no events', async () => {
  const mock = createStripeMock({
    seed: {
      products: [
        { name: 'Pro', prices: [{ unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } }] },
      ],
    },
  })
  await mock.fetch('https://api.stripe.com/v1/customers', {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_123' },
    body: 'email=x%40example.com',
  })
  expect(mock.events()).toHaveLength(1)
  mock.reset()
  expect(mock.requests).toHaveLength(0)
  expect(mock.events()).toHaveLength(0)
  const state = mock.snapshot() as { products: unknown[]; prices: unknown[]; customers?: unknown[] }
  expect(state.products).toHaveLength(1)
  expect(state.prices).toHaveLength(1)
  expect(state.customers).toBeUndefined()
})

test('bad seeds and bad helper arguments throw errors that say what to do', async () => {
  expect(() => createStripeMock({ seed: { customers: 'ada' } as never }).snapshot()).toThrow(
    /at customers: expected an array/,
  )
  expect(() => createStripeMock({ seed: { charges: [] } as never }).snapshot()).toThrow(
    /unknown key "charges"/,
  )
  const mock = createStripeMock()
  await expect(mock.completeCheckoutSession('cs_test_missing')).rejects.toThrow(
    /no checkout session "cs_test_missing"/,
  )
  await expect(mock.advanceTime(-5)).rejects.toThrow(/expected a duration >= 0/)
})
