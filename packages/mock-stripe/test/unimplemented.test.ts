import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createStripeMock, type StripeMockOptions } from '../src/index'

const server = setupServer()
beforeAll(() => server.listen())
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

function setup(options: StripeMockOptions = {}) {
  const mock = createStripeMock(options)
  server.use(...mock.handlers)
  // stripe-node's defaults (it retries what a network error or a 5xx without Stripe-Should-Retry: false).
  return { mock, stripe: new Stripe('sk_test_123') }
}

describe('where the Stripe mock ends', () => {
  test('a resource the mock lacks answers 501 in Stripe’s shape, which stripe-node raises at once', async () => {
    const { mock, stripe } = setup()
    const error = await stripe.taxRates
      .create({ display_name: 'VAT', percentage: 20, inclusive: false })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      // stripe-node classes every 5xx as StripeAPIError, whatever the body's `type`.
      type: 'StripeAPIError',
      statusCode: 501,
      code: 'understudy_unimplemented',
      doc_url: 'https://docs.stripe.com/api/tax_rates',
      headers: { 'x-understudy-unimplemented': '1', 'stripe-should-retry': 'false' },
    })
    expect((error as Error).message).toContain('POST /v1/tax_rates')
    expect((error as Error).message).toContain('stripe.taxRates.create()')
    // Not retried: one request, logged as unimplemented.
    expect(mock.requests).toHaveLength(1)
    expect(mock.requests[0]).toMatchObject({ path: '/v1/tax_rates', status: 501, unimplemented: true })
  })

  test('rawRequest to an endpoint of the API, and a method the mock lacks on a resource it has', async () => {
    const { mock, stripe } = setup()
    await expect(stripe.rawRequest('GET', '/v1/payouts', {})).rejects.toMatchObject({
      statusCode: 501,
    })
    const customer = await stripe.customers.create({ email: 'a@example.com' })
    await expect(
      stripe.customers.createBalanceTransaction(customer.id, { amount: 100, currency: 'usd' }),
    ).rejects.toMatchObject({
      statusCode: 501,
    })
    expect(mock.requests.map((r) => r.unimplemented ?? false)).toEqual([true, false, true])
  })

  test('a path Stripe does not have stays its 404 Unrecognized request URL', async () => {
    const { mock, stripe } = setup()
    const error = await stripe.rawRequest('GET', '/v1/not_a_resource', {}).catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 404, type: 'StripeInvalidRequestError' })
    expect((error as Error).message).toContain('Unrecognized request URL (GET: /v1/not_a_resource)')
    expect(mock.requests[0]).not.toHaveProperty('unimplemented')
  })

  test("onUnimplemented: 'warn' prints the call and its docs; 'error' fails it as a connection error", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const warned = setup({ onUnimplemented: 'warn' })
    await expect(warned.stripe.taxRates.list()).rejects.toMatchObject({ statusCode: 501 })
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      '[understudy:stripe] GET https://api.stripe.com/v1/tax_rates is GET /v1/tax_rates (https://docs.stripe.com/api/tax_rates)',
    )
    server.resetHandlers()
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failing = setup({ onUnimplemented: 'error' })
    const stripe = new Stripe('sk_test_123', { maxNetworkRetries: 0 })
    await expect(stripe.taxRates.list()).rejects.toMatchObject({ type: 'StripeConnectionError' })
    expect(String(printed.mock.calls[0]?.[0])).toContain("onUnimplemented: 'error'")
    expect(failing.mock.requests[0]).toMatchObject({ unimplemented: true })
  })
})
