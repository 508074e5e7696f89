import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createStripeMock } from '../src/index'
import { conformance, eventTypes, objectsIn, RESOURCES } from './schema'
import { KEY, START } from './support'

const mock = createStripeMock({ clock: { now: START } })
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterAll(() => server.close())

/** Touches every resource the mock has, in the states agents meet, through the SDK. */
async function scenario(stripe: Stripe) {
  await stripe.webhookEndpoints.create({ url: 'https://agent.example/hook', enabled_events: ['*'] })
  const customer = await stripe.customers.create({
    email: 'fidelity@example.com',
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
    expand: ['invoice_settings.default_payment_method'],
  })
  const paid = await stripe.paymentIntents.create({
    amount: 4200,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_mastercard',
    allowed_payment_method_types: ['card'],
    confirm: true,
    expand: ['latest_charge.balance_transaction', 'payment_method'],
  })
  await stripe.paymentIntents
    .create({
      amount: 999,
      currency: 'usd',
      payment_method: 'pm_card_chargeDeclined',
      allowed_payment_method_types: ['card'],
      confirm: true,
    })
    .catch(() => undefined)
  await stripe.paymentIntents.create({
    amount: 999,
    currency: 'usd',
    payment_method: 'pm_card_threeDSecure2Required',
    confirm: true,
    return_url: 'https://x.example',
  })
  const manual = await stripe.paymentIntents.create({
    amount: 800,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    allowed_payment_method_types: ['card'],
    capture_method: 'manual',
    confirm: true,
  })
  await stripe.paymentIntents.capture(manual.id)
  await stripe.paymentIntents.cancel(
    (await stripe.paymentIntents.create({ amount: 600, currency: 'usd' })).id,
  )
  await stripe.refunds.create({ payment_intent: paid.id, amount: 200, expand: ['charge'] })
  const product = await stripe.products.create({
    name: 'Fidelity',
    default_price_data: { currency: 'usd', unit_amount: 700 },
  })
  const price = await stripe.prices.create({
    product: product.id,
    currency: 'usd',
    unit_amount: 1500,
    recurring: { interval: 'month' },
  })
  const sub = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    trial_period_days: 3,
    expand: ['latest_invoice'],
  })
  await mock.advanceTime({ days: 4 })
  await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice.payments'] })
  await stripe.invoices.list({ customer: customer.id, expand: ['data.customer'] })
  await stripe.invoices.listLineItems(
    sub.latest_invoice && typeof sub.latest_invoice !== 'string' ? sub.latest_invoice.id! : '',
  )
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: product.default_price as string, quantity: 1 }],
    success_url: 'https://x.example',
  })
  await mock.completeCheckoutSession(session.id)
  await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] })
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: 1_800_000_000 })
  await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: 1_800_086_400 })
  await stripe.customers.search({ query: "email:'fidelity@example.com'" })
  await stripe.coupons.create({
    amount_off: 500,
    currency: 'usd',
    duration: 'repeating',
    duration_in_months: 2,
  })
  const link = await stripe.paymentLinks.create({
    line_items: [{ price: product.default_price as string, quantity: 1 }],
  })
  await stripe.paymentLinks.update(link.id, { active: false, expand: ['line_items'] })
  const disputed = await stripe.paymentIntents.create({
    amount: 1200,
    currency: 'usd',
    payment_method: 'pm_card_createDispute',
    allowed_payment_method_types: ['card'],
    confirm: true,
  })
  const [dispute] = (await stripe.disputes.list({ payment_intent: disputed.id })).data
  await stripe.disputes.update(dispute!.id, { evidence: { uncategorized_text: 'winning_evidence' } })
  await stripe.balance.retrieve()
  await stripe.balanceTransactions.list({ limit: 100 })
  await stripe.events.list({ limit: 100 })
}

test('every object the mock answers with has the fields Stripe publishes for it, with their types', async () => {
  await scenario(new Stripe(KEY, { maxNetworkRetries: 0 }))
  const objects = mock.requests.flatMap((r) => objectsIn(r.responseBody))
  const types = new Set(objects.map((o) => String(o.object)))
  // The scenario reaches every resource the check knows.
  expect([...types].filter((t) => t in RESOURCES).sort()).toEqual(Object.keys(RESOURCES).sort())
  const problems = [...new Set(objects.flatMap(conformance))]
  expect(problems).toEqual([])
})

test('every event type the mock emits is one Stripe sends', () => {
  const known = eventTypes()
  const emitted = new Set(mock.events().map((e) => e.type))
  expect(emitted.size).toBeGreaterThan(20)
  expect([...emitted].filter((t) => !known.has(t))).toEqual([])
})

test("errors have the fields of Stripe's error object", () => {
  const errors = mock.requests
    .filter((r) => r.status >= 400)
    .map((r) => (r.responseBody as { error: Record<string, unknown> }).error)
  expect(errors.length).toBeGreaterThan(0)
  const allowed = new Set([
    'advice_code',
    'charge',
    'code',
    'decline_code',
    'doc_url',
    'message',
    'network_advice_code',
    'network_decline_code',
    'param',
    'payment_intent',
    'payment_method',
    'payment_method_type',
    'request_log_url',
    'setup_intent',
    'source',
    'type',
  ])
  for (const error of errors) expect(Object.keys(error).filter((k) => !allowed.has(k))).toEqual([])
})
