import Stripe from 'stripe'
import { expect, test } from 'vitest'
import { describeTransports } from './support'

describeTransports('checkout', (h) => {
  async function price(stripe: Stripe, recurring = false) {
    const product = await stripe.products.create({ name: recurring ? 'Membership' : 'Poster' })
    return stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 2500,
      ...(recurring ? { recurring: { interval: 'month' as const } } : {}),
    })
  }

  test('a payment session has a url; completing it pays and sends checkout.session.completed', async () => {
    const stripe = h.stripe()
    const poster = await price(stripe)
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: poster.id, quantity: 2 }],
      success_url: 'https://shop.example/thanks?session={CHECKOUT_SESSION_ID}',
      customer_email: 'buyer@example.com',
      metadata: { order: '42' },
    })
    expect(session.id).toMatch(/^cs_test_a1/)
    expect(session).toMatchObject({
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 5000,
      payment_intent: null,
    })
    expect(session.url).toEqual(
      h.transport === 'msw'
        ? `https://checkout.stripe.com/c/pay/${session.id}`
        : expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/c/pay/${session.id}$`)),
    )
    const done = await h.mock.completeCheckoutSession(session.id)
    expect(done).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      customer_details: { email: 'buyer@example.com' },
    })
    const retrieved = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent', 'line_items'],
    })
    expect(retrieved.payment_intent).toMatchObject({ status: 'succeeded', amount: 5000 })
    expect(retrieved.line_items?.data.map((i) => [i.quantity, i.amount_total, i.description])).toEqual([
      [2, 5000, 'Poster'],
    ])
    const completed = h.mock.events({ type: 'checkout.session.completed' })
    expect(completed.map((e) => e.data.object.id)).toEqual([session.id])
    expect(completed[0]!.data.object.metadata).toEqual({ order: '42' })
  })

  test('a subscription session creates the customer and an active subscription', async () => {
    const stripe = h.stripe()
    const membership = await price(stripe, true)
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: membership.id, quantity: 1 }],
      success_url: 'https://club.example/welcome',
    })
    await h.mock.completeCheckoutSession(session.id, { email: 'member@example.com' })
    const after = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] })
    const sub = after.subscription as Stripe.Subscription
    expect(sub).toMatchObject({ status: 'active', customer: after.customer })
    expect((await stripe.customers.retrieve(after.customer as string)) as Stripe.Customer).toMatchObject({
      email: 'member@example.com',
    })
  })

  test('a declined card leaves the session open; expire closes it', async () => {
    const stripe = h.stripe()
    const poster = await price(stripe)
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: poster.id, quantity: 1 }],
      success_url: 'https://shop.example/thanks',
    })
    await expect(
      h.mock.completeCheckoutSession(session.id, { paymentMethod: 'pm_card_chargeDeclined' }),
    ).rejects.toThrow('Your card was declined.')
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open')
    const expired = await stripe.checkout.sessions.expire(session.id)
    expect(expired).toMatchObject({ status: 'expired', url: null })
    expect(h.mock.events({ type: 'checkout.session.expired' })).toHaveLength(1)
  })

  test('the hosted page takes a card and redirects to success_url', async () => {
    const stripe = h.stripe()
    const poster = await price(stripe)
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: poster.id, quantity: 1 }],
      success_url: 'https://shop.example/thanks?session={CHECKOUT_SESSION_ID}',
    })
    // What a browser does: open the page, submit its form.
    const page = await fetch(session.url!)
    expect(page.headers.get('content-type')).toContain('text/html')
    const paid = await fetch(session.url!, {
      method: 'POST',
      body: new URLSearchParams({ email: 'browser@example.com', card: 'pm_card_visa' }),
      redirect: 'manual',
    })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(`https://shop.example/thanks?session=${session.id}`)
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
    })
  })

  test('recurring prices need subscription mode', async () => {
    const stripe = h.stripe()
    const membership = await price(stripe, true)
    const error = await stripe.checkout.sessions
      .create({
        mode: 'payment',
        line_items: [{ price: membership.id, quantity: 1 }],
        success_url: 'https://x.example',
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
  })
})
