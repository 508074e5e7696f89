import Stripe from 'stripe'
import { expect, test } from 'vitest'
import { describeTransports, START } from './support'

const DAY = 86_400

async function paidCustomer(stripe: Stripe, card = 'pm_card_visa') {
  const customer = await stripe.customers.create({
    email: 'ada@example.com',
    payment_method: card,
    invoice_settings: { default_payment_method: card },
  })
  const product = await stripe.products.create({ name: 'Pro plan' })
  const price = await stripe.prices.create({
    product: product.id,
    unit_amount: 2000,
    currency: 'usd',
    recurring: { interval: 'month' },
  })
  return { customer, product, price }
}

describeTransports('billing', (h) => {
  test('products and prices: one-time and recurring, filters, lookup keys, default_price_data', async () => {
    const stripe = h.stripe()
    const product = await stripe.products.create({
      name: 'T-shirt',
      default_price_data: { currency: 'usd', unit_amount: 1500 },
      metadata: { sku: 'ts-1' },
    })
    expect(product.default_price).toMatch(/^price_/)
    const monthly = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 900,
      recurring: { interval: 'month' },
      lookup_key: 'club_monthly',
    })
    expect(monthly).toMatchObject({
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 1 },
      unit_amount: 900,
    })
    // stripe-node 23 turns decimal strings into its Decimal type.
    expect(String(monthly.unit_amount_decimal)).toBe('900')
    const oneTime = await stripe.prices.retrieve(product.default_price as string, { expand: ['product'] })
    expect(oneTime).toMatchObject({
      type: 'one_time',
      recurring: null,
      product: { id: product.id, name: 'T-shirt' },
    })
    expect((await stripe.prices.list({ type: 'recurring' })).data.map((p) => p.id)).toEqual([monthly.id])
    expect((await stripe.prices.list({ lookup_keys: ['club_monthly'] })).data.map((p) => p.id)).toEqual([
      monthly.id,
    ])
    expect((await stripe.products.search({ query: "metadata['sku']:'ts-1'" })).data.map((p) => p.id)).toEqual(
      [product.id],
    )
    const undeletable = await stripe.products.del(product.id).catch((e: unknown) => e)
    expect(undeletable).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    const archived = await stripe.products.update(product.id, { active: false })
    expect(archived.active).toBe(false)
  })

  test('a subscription on a saved card is active with its first invoice paid, and emits the events', async () => {
    const stripe = h.stripe()
    const { customer, price } = await paidCustomer(stripe)
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      expand: ['latest_invoice'],
    })
    expect(sub).toMatchObject({
      status: 'active',
      customer: customer.id,
      currency: 'usd',
      collection_method: 'charge_automatically',
    })
    const item = sub.items.data[0]!
    expect(item).toMatchObject({ object: 'subscription_item', quantity: 1, price: { id: price.id } })
    expect(item.current_period_end - item.current_period_start).toBe(31 * DAY) // January has 31 days
    const invoice = sub.latest_invoice as Stripe.Invoice
    expect(invoice).toMatchObject({
      status: 'paid',
      billing_reason: 'subscription_create',
      amount_due: 2000,
      amount_paid: 2000,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id } },
      lines: { data: [{ amount: 2000, description: '1 × Pro plan (at $20.00 / month)' }] },
    })
    expect(invoice.number).toMatch(/^[0-9A-F]{8}-0001$/)
    const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type).reverse()
    expect(types).toEqual(
      expect.arrayContaining([
        'invoice.created',
        'invoice.finalized',
        'invoice.paid',
        'invoice.payment_succeeded',
        'customer.subscription.created',
      ]),
    )
    const preview = await stripe.invoices.createPreview({ customer: customer.id })
    expect(preview).toMatchObject({
      status: 'draft',
      amount_due: 2000,
      billing_reason: 'upcoming',
      period_end: item.current_period_end,
    })
    expect(preview.id).toMatch(/^upcoming_in_/)
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(1)
    const withSubs = (await stripe.customers.retrieve(customer.id, {
      expand: ['subscriptions'],
    })) as Stripe.Customer
    expect(withSubs.subscriptions?.data.map((s) => s.id)).toEqual([sub.id])
    // The triage agent's question: is this customer paying?
    const found = await stripe.customers.list({ email: 'ada@example.com', limit: 1 })
    const active = await stripe.subscriptions.list({
      customer: found.data[0]!.id,
      status: 'active',
      limit: 1,
    })
    expect(active.data.map((s) => s.id)).toEqual([sub.id])
  })

  test('without a payment method: error, unless payment_behavior is default_incomplete', async () => {
    const stripe = h.stripe()
    const customer = await stripe.customers.create({ email: 'nocard@example.com' })
    const product = await stripe.products.create({ name: 'Pro' })
    const price = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 1000,
      recurring: { interval: 'month' },
    })
    const error = (await stripe.subscriptions
      .create({ customer: customer.id, items: [{ price: price.id }] })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError
    expect(error.message).toMatch(/^This customer has no attached payment source or default payment method/)
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
      expand: ['latest_invoice.confirmation_secret'],
    })
    expect(sub.status).toBe('incomplete')
    const invoice = sub.latest_invoice as Stripe.Invoice
    expect(invoice.status).toBe('open')
    expect(invoice.confirmation_secret?.client_secret).toMatch(/^pi_.*_secret_/)
    // Paying the invoice with a card activates the subscription.
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })
    await stripe.invoices.pay(invoice.id!, { payment_method: pm.id })
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active')
  })

  test('a trial starts trialing, warns 3 days before its end, then bills on the mock clock', async () => {
    const stripe = h.stripe()
    const { customer, price } = await paidCustomer(stripe)
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 14,
    })
    expect(sub).toMatchObject({ status: 'trialing', trial_end: sub.trial_start! + 14 * DAY })
    await h.mock.advanceTime({ days: 12 })
    expect(h.mock.events({ type: 'customer.subscription.trial_will_end' })).toHaveLength(1)
    await h.mock.advanceTime({ days: 3 })
    const after = await stripe.subscriptions.retrieve(sub.id)
    expect(after.status).toBe('active')
    const invoices = await stripe.invoices.list({ subscription: sub.id })
    expect(invoices.data.map((i) => [i.billing_reason, i.amount_paid, i.status])).toEqual([
      ['subscription_cycle', 2000, 'paid'],
      ['subscription_create', 0, 'paid'],
    ])
    const updated = h.mock.events({ type: 'customer.subscription.updated' })[0]!
    expect(updated.data.previous_attributes).toMatchObject({ status: 'trialing' })
  })

  test('a renewal on a card that now declines makes the subscription past_due', async () => {
    const stripe = h.stripe()
    const { customer, price } = await paidCustomer(stripe)
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })
    const declining = await stripe.paymentMethods.attach('pm_card_chargeDeclinedInsufficientFunds', {
      customer: customer.id,
    })
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: declining.id } })
    h.mock.clock.advance(32 * DAY * 1000)
    // Due renewals run before the next request sees the state.
    const after = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] })
    expect(after.status).toBe('past_due')
    expect(after.latest_invoice).toMatchObject({
      status: 'open',
      attempt_count: 1,
      billing_reason: 'subscription_cycle',
    })
    expect(h.mock.events({ type: 'invoice.payment_failed' })).toHaveLength(1)
  })

  test('cancel_at_period_end keeps it active until the period ends; cancel ends it now', async () => {
    const stripe = h.stripe()
    const { customer, price } = await paidCustomer(stripe)
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })
    const updated = await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true })
    expect(updated).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: sub.items.data[0]!.current_period_end,
    })
    await h.mock.advanceTime({ days: 40 })
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'canceled' })
    expect(h.mock.events({ type: 'customer.subscription.deleted' })).toHaveLength(1)
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([])
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(1)

    const second = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })
    const canceled = await stripe.subscriptions.cancel(second.id)
    expect(canceled).toMatchObject({
      status: 'canceled',
      cancellation_details: { reason: 'cancellation_requested' },
    })
  })

  test("test clocks: advancing renews the subscriptions of the clock's customers only", async () => {
    const stripe = h.stripe()
    const start = Math.floor(Date.parse('2026-03-01T00:00:00Z') / 1000)
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start, name: 'renewals' })
    expect(clock).toMatchObject({ object: 'test_helpers.test_clock', status: 'ready', frozen_time: start })
    const customer = await stripe.customers.create({
      email: 'clocked@example.com',
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    })
    const product = await stripe.products.create({ name: 'Team' })
    const price = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 5000,
      recurring: { interval: 'month' },
    })
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })
    expect(sub).toMatchObject({ start_date: start, test_clock: clock.id })
    const advancing = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 65 * DAY })
    expect(advancing.status).toBe('advancing')
    expect(await stripe.testHelpers.testClocks.retrieve(clock.id)).toMatchObject({
      status: 'ready',
      frozen_time: start + 65 * DAY,
    })
    const invoices = await stripe.invoices.list({ customer: customer.id })
    expect(invoices.data.map((i) => i.period_end)).toEqual([
      Date.parse('2026-05-01T00:00:00Z') / 1000,
      Date.parse('2026-04-01T00:00:00Z') / 1000,
      start,
    ])
    expect(invoices.data.every((i) => i.status === 'paid')).toBe(true)
    expect((await stripe.events.list({ type: 'test_helpers.test_clock.ready' })).data).toHaveLength(1)
    // Objects on a test clock stay out of plain lists.
    expect((await stripe.customers.list()).data).toEqual([])
    expect((await stripe.customers.list({ test_clock: clock.id })).data.map((c) => c.id)).toEqual([
      customer.id,
    ])
    expect((await stripe.subscriptions.list()).data).toEqual([])
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(1)
  })

  test("the mock's clock renews due subscriptions before the next call, but not those on a test clock", async () => {
    const stripe = h.stripe()
    const { customer, price } = await paidCustomer(stripe)
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: Date.parse(START) / 1000 })
    const clocked = await stripe.customers.create({
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    })
    const plain = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })
    const onClock = await stripe.subscriptions.create({ customer: clocked.id, items: [{ price: price.id }] })
    const canceled = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
    })
    await stripe.subscriptions.cancel(canceled.id)
    h.mock.clock.advance(32 * DAY * 1000)

    // A read is an API call like any other: renewals due on the mock's clock run before it.
    const invoices = await stripe.invoices.list({ limit: 100 })
    const reasons = (id: string) =>
      invoices.data
        .filter((i) => i.parent?.subscription_details?.subscription === id)
        .map((i) => i.billing_reason)
    expect(reasons(plain.id)).toEqual(['subscription_cycle', 'subscription_create'])
    expect(reasons(onClock.id)).toEqual(['subscription_create'])
    expect(reasons(canceled.id)).toEqual(['subscription_create'])
    expect((await stripe.subscriptions.retrieve(onClock.id)).items.data[0]!.current_period_end).toBe(
      onClock.items.data[0]!.current_period_end,
    )
    expect(h.mock.events({ type: 'invoice.paid' })).toHaveLength(4)
  })

  test('invoices by hand: draft, invoice items, finalize, pay, void', async () => {
    const stripe = h.stripe()
    const customer = await stripe.customers.create({
      email: 'inv@example.com',
      payment_method: 'pm_card_visa',
    })
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: 'charge_automatically',
    })
    expect(draft).toMatchObject({ status: 'draft', total: 0 })
    await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount: 1234,
      currency: 'usd',
      description: 'Setup fee',
    })
    const finalized = await stripe.invoices.finalizeInvoice(draft.id!)
    expect(finalized).toMatchObject({ status: 'open', total: 1234, amount_due: 1234 })
    const lines = await stripe.invoices.listLineItems(draft.id!)
    expect(lines.data.map((l) => l.description)).toEqual(['Setup fee'])
    const pm = (await stripe.customers.listPaymentMethods(customer.id)).data[0]!
    const paid = await stripe.invoices.pay(draft.id!, { payment_method: pm.id })
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 1234 })
    const other = await stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 30,
    })
    await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: other.id,
      amount: 500,
      currency: 'usd',
    })
    const open = await stripe.invoices.finalizeInvoice(other.id!)
    expect(open).toMatchObject({ status: 'open', due_date: open.created + 30 * DAY })
    // A zero-amount invoice is paid as soon as it is finalized.
    const empty = await stripe.invoices.create({ customer: customer.id })
    expect((await stripe.invoices.finalizeInvoice(empty.id!)).status).toBe('paid')
    const voided = await stripe.invoices.voidInvoice(other.id!)
    expect(voided.status).toBe('void')
  })
})
