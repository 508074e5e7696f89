import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { createStripeMock } from '../src/index'
import { describeTransports, KEY } from './support'

const received: Request[] = []

describeTransports(
  'events and webhooks',
  (h) => {
    test('every state change records an Event: events.list / retrieve', async () => {
      const stripe = h.stripe()
      const customer = await stripe.customers.create({ email: 'ada@example.com' })
      await stripe.customers.update(customer.id, { metadata: { plan: 'pro' } })
      const events = await stripe.events.list()
      expect(events.data.map((e) => e.type)).toEqual(['customer.updated', 'customer.created'])
      const [updated] = events.data
      expect(updated).toMatchObject({
        object: 'event',
        api_version: '2026-10-28.endive',
        livemode: false,
        data: {
          object: { id: customer.id, metadata: { plan: 'pro' } },
          previous_attributes: { metadata: { plan: null } },
        },
        request: {
          id: expect.stringMatching(/^req_/),
          idempotency_key: expect.stringMatching(/^stripe-node-retry-/),
        },
      })
      expect((await stripe.events.retrieve(updated!.id)).id).toBe(updated!.id)
      expect((await stripe.events.list({ type: 'customer.created' })).data).toHaveLength(1)
      expect((await stripe.events.list({ type: 'customer.*' })).data).toHaveLength(2)
    })

    test('webhook_endpoints: the secret is shown on create only; deliveries are signed for constructEvent', async () => {
      const stripe = h.stripe()
      const endpoint = await stripe.webhookEndpoints.create({
        url: 'https://agent.example/stripe',
        enabled_events: ['customer.created', 'payment_intent.succeeded'],
      })
      expect(endpoint.secret).toMatch(/^whsec_/)
      expect((await stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined()
      const customer = await stripe.customers.create({ email: 'ada@example.com' })
      await stripe.customers.update(customer.id, { name: 'Ada' }) // not subscribed: no delivery
      await h.mock.settled()
      expect(received.map((r) => r.url)).toEqual(['https://agent.example/stripe'])
      const request = received[0]!
      const body = await request.text()
      const event = stripe.webhooks.constructEvent(
        body,
        request.headers.get('stripe-signature')!,
        endpoint.secret!,
      )
      expect(event).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } })
      expect(request.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(h.mock.webhooks.deliveries[0]).toMatchObject({ status: 'delivered', event: 'customer.created' })
      expect((await stripe.events.list({ type: 'customer.created' })).data[0]!.pending_webhooks).toBe(1)
    })

    test("enabled_events ['*'] receives everything; a disabled endpoint nothing", async () => {
      const stripe = h.stripe()
      const all = await stripe.webhookEndpoints.create({
        url: 'https://a.example/hook',
        enabled_events: ['*'],
      })
      await stripe.paymentIntents.create({
        amount: 1200,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        allowed_payment_method_types: ['card'],
        confirm: true,
      })
      await h.mock.settled()
      const types = h.mock.webhooks.deliveries.map((d) => d.event)
      expect(types).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded'])
      await stripe.webhookEndpoints.update(all.id, { disabled: true })
      await stripe.customers.create({})
      await h.mock.settled()
      expect(h.mock.webhooks.deliveries).toHaveLength(3)
      const list = await stripe.webhookEndpoints.list()
      expect(list.data[0]).toMatchObject({ id: all.id, status: 'disabled' })
      expect(await stripe.webhookEndpoints.del(all.id)).toMatchObject({ deleted: true })
    })
  },
  {
    mock: () => ({
      webhooks: {
        transport: async (request) => {
          received.push(request)
          return new Response('ok')
        },
      },
    }),
  },
)

beforeEach(() => {
  received.length = 0
})

describeTransports('webhook deliveries over real HTTP', (h) => {
  const bodies: Array<{ body: string; signature: string }> = []
  let receiverUrl = ''
  const receiver = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      bodies.push({ body, signature: String(req.headers['stripe-signature']) })
      res.writeHead(200).end()
    })
  })
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/stripe/webhook`
  })
  afterAll(() => receiver.close())

  test('a loopback endpoint receives the signed event and constructEvent verifies it', async () => {
    const stripe = h.stripe()
    const endpoint = await stripe.webhookEndpoints.create({
      url: receiverUrl,
      enabled_events: ['customer.created'],
    })
    await stripe.customers.create({ email: 'grace@example.com' })
    await h.mock.settled()
    expect(bodies).toHaveLength(1)
    const event = stripe.webhooks.constructEvent(bodies[0]!.body, bodies[0]!.signature, endpoint.secret!)
    expect(event.type).toBe('customer.created')
    bodies.length = 0
  })
})

test('signedEventRequest() builds a delivery that stripe.webhooks.constructEvent accepts', async () => {
  const mock = createStripeMock()
  const request = await mock.signedEventRequest({
    secret: 'whsec_test',
    type: 'checkout.session.completed',
    data: { object: { id: 'cs_test_1', object: 'checkout.session' } },
    url: 'http://localhost:3000/webhooks/stripe',
  })
  expect(request.method).toBe('POST')
  const stripe = new Stripe(KEY)
  const event = stripe.webhooks.constructEvent(
    await request.text(),
    request.headers.get('stripe-signature')!,
    'whsec_test',
  )
  expect(event).toMatchObject({ type: 'checkout.session.completed', data: { object: { id: 'cs_test_1' } } })
  expect(() =>
    stripe.webhooks.constructEvent(
      '{"tampered":true}',
      request.headers.get('stripe-signature')!,
      'whsec_test',
    ),
  ).toThrow(Stripe.errors.StripeSignatureVerificationError)
})
