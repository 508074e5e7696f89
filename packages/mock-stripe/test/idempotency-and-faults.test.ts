import Stripe from 'stripe'
import { expect, test } from 'vitest'
import { pruneSaved } from '../src/idempotency'
import { describeTransports } from './support'

describeTransports('idempotency and faults', (h) => {
  test('the same Idempotency-Key and parameters replay the saved answer', async () => {
    const stripe = h.stripe()
    const first = await stripe.customers.create(
      { email: 'ada@example.com' },
      { idempotencyKey: 'signup-ada' },
    )
    const again = await stripe.customers.create(
      { email: 'ada@example.com' },
      { idempotencyKey: 'signup-ada' },
    )
    expect(again.id).toBe(first.id)
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(again.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId)
    expect(again.lastResponse.idempotencyKey).toBe('signup-ada')
    expect((await stripe.customers.list()).data).toHaveLength(1)
  })

  test('a key is forgotten after 24 hours on the mock clock, and its saved answer dropped', async () => {
    const stripe = h.stripe()
    const first = await stripe.customers.create({ email: 'ada@example.com' }, { idempotencyKey: 'day-1' })
    expect(h.mock.state().idempotency.has('day-1')).toBe(true)
    h.mock.clock.advance(24 * 3_600_000)
    const later = await stripe.customers.create({ email: 'ada@example.com' }, { idempotencyKey: 'day-2' })
    expect(later.id).not.toBe(first.id)
    // Saving day-2 pruned day-1; reusing day-1 now runs the request again.
    expect([...h.mock.state().idempotency.keys()]).toEqual(['day-2'])
    const again = await stripe.customers.create({ email: 'ada@example.com' }, { idempotencyKey: 'day-1' })
    expect(again.id).not.toBe(first.id)
    expect(again.lastResponse.headers['idempotent-replayed']).toBeUndefined()
  })

  test('the same key with other parameters is an idempotency_error', async () => {
    const stripe = h.stripe()
    await stripe.customers.create({ email: 'ada@example.com' }, { idempotencyKey: 'k1' })
    const error = (await stripe.customers
      .create({ email: 'grace@example.com' }, { idempotencyKey: 'k1' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(error.message).toMatch(/^Keys for idempotent requests can only be used with the same parameters/)
  })

  test('a declined payment is saved and replayed too', async () => {
    const stripe = h.stripe()
    const params: Stripe.PaymentIntentCreateParams = {
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_chargeDeclined',
      allowed_payment_method_types: ['card'],
      confirm: true,
    }
    const a = (await stripe.paymentIntents
      .create(params, { idempotencyKey: 'pay-1' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    const b = (await stripe.paymentIntents
      .create(params, { idempotencyKey: 'pay-1' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(b).toBeInstanceOf(Stripe.errors.StripeCardError)
    expect(b.payment_intent?.id).toBe(a.payment_intent?.id)
    expect((await stripe.paymentIntents.list()).data).toHaveLength(1)
  })

  test('fail({ rateLimit }) raises StripeRateLimitError; fail({ status: 500 }) StripeAPIError', async () => {
    const stripe = h.stripe()
    h.mock.fail({ path: '/v1/customers', rateLimit: true })
    const limited = (await stripe.customers.list().catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError)
    expect(limited).toMatchObject({ statusCode: 429, code: 'rate_limit' })
    h.mock.fail({ method: 'POST', path: '/v1/customers', status: 500 })
    const broken = await stripe.customers.create({}).catch((e: unknown) => e)
    expect(broken).toBeInstanceOf(Stripe.errors.StripeAPIError)
  })

  test('a dropped connection is a StripeConnectionError', async () => {
    const stripe = h.stripe()
    // stripe-node retries a closed connection once even with retries off.
    h.mock.fail({ path: '/v1/customers', drop: true, times: 2 })
    const error = await stripe.customers.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError)
  })

  test('with maxNetworkRetries, stripe-node retries a 500 with the same key, and the retry runs for real', async () => {
    const stripe = h.stripe({ maxNetworkRetries: 1 })
    h.mock.fail({ method: 'POST', path: '/v1/customers', status: 500 })
    const customer = await stripe.customers.create({ email: 'retry@example.com' })
    expect(customer.email).toBe('retry@example.com')
    const posts = h.mock.calls('POST /v1/customers')
    expect(posts.map((r) => r.status)).toEqual([500, 200])
    expect(posts[0]!.headers['idempotency-key']).toBe(posts[1]!.headers['idempotency-key'])
  })

  test('a request without any key gets the 401 that shows a valid header', async () => {
    const response = await h.mock.fetch('https://api.stripe.com/v1/customers')
    expect(response.status).toBe(401)
    expect(response.headers.get('request-id')).toMatch(/^req_/)
    const body = (await response.json()) as { error: { message: string; type: string } }
    expect(body.error.type).toBe('invalid_request_error')
    expect(body.error.message).toMatch(
      /^You did not provide an API key\. .*'Authorization: Bearer YOUR_SECRET_KEY'/,
    )
  })

  test('unknown URLs answer Stripe\'s "Unrecognized request URL"', async () => {
    const stripe = h.stripe()
    const error = (await stripe
      .rawRequest('GET', '/v1/nope')
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/nope\)/)
  })
})

test('pruneSaved keeps at most max answers, the most recently saved, and none older than a day', () => {
  const day = 86_400_000
  const saved = new Map([
    ['a', { createdAt: 0 }],
    ['b', { createdAt: 10 }],
    ['c', { createdAt: day }],
    ['d', { createdAt: day + 10 }],
  ])
  pruneSaved(saved, day + 5, 10)
  expect([...saved.keys()]).toEqual(['b', 'c', 'd'])
  pruneSaved(saved, day + 5, 2)
  expect([...saved.keys()]).toEqual(['c', 'd'])
})
