import Stripe from 'stripe'
import { expect, test } from 'vitest'
import { describeTransports, failure } from './support'

describeTransports('payments', (h) => {
  test('paymentIntents.create({ confirm: true, payment_method: "pm_card_visa" }) succeeds with a charge', async () => {
    const stripe = h.stripe()
    const customer = await stripe.customers.create({ email: 'ada@example.com' })
    const pi = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      expand: ['latest_charge'],
    })
    expect(pi).toMatchObject({
      status: 'succeeded',
      amount_received: 2000,
      capture_method: 'automatic_async',
    })
    expect(pi.id).toMatch(/^pi_/)
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`))
    // The test token becomes a real PaymentMethod.
    expect(pi.payment_method).toMatch(/^pm_(?!card_)/)
    const charge = pi.latest_charge as Stripe.Charge
    expect(charge).toMatchObject({
      object: 'charge',
      amount: 2000,
      captured: true,
      paid: true,
      status: 'succeeded',
      customer: customer.id,
      payment_intent: pi.id,
      outcome: { network_status: 'approved_by_network', type: 'authorized' },
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
    })
    expect(charge.balance_transaction).toMatch(/^txn_/)
    const charges = await stripe.charges.list({ payment_intent: pi.id })
    expect(charges.data.map((c) => c.id)).toEqual([charge.id])
  })

  test('payment_method_types, the parameter before 2026-10-28.endive, is still accepted', async () => {
    const stripe = h.stripe()
    const legacy = { payment_method_types: ['card'] } as unknown as Stripe.PaymentIntentCreateParams
    const pi = await stripe.paymentIntents.create({
      ...legacy,
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    })
    expect(pi).toMatchObject({
      status: 'succeeded',
      payment_method_types: ['card'],
      allowed_payment_method_types: null,
    })
  })

  test('without allowed_payment_method_types, confirming needs a return_url, as automatic payment methods do', async () => {
    const stripe = h.stripe()
    const error = await failure(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      }),
    )
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error.message).toMatch(/you must provide a `return_url`/)
    const ok = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    })
    expect(ok.status).toBe('succeeded')
  })

  test.each([
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline', 'Your card was declined.'],
    [
      'pm_card_chargeDeclinedInsufficientFunds',
      'card_declined',
      'insufficient_funds',
      'Your card has insufficient funds.',
    ],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card', 'Your card has expired.'],
  ])(
    '%s raises StripeCardError (%s / %s) and leaves the intent requires_payment_method',
    async (pm, code, declineCode, message) => {
      const stripe = h.stripe()
      const pi = await stripe.paymentIntents.create({
        amount: 1500,
        currency: 'usd',
        allowed_payment_method_types: ['card'],
      })
      const error = await failure(stripe.paymentIntents.confirm(pi.id, { payment_method: pm }))
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError)
      expect(error).toMatchObject({
        statusCode: 402,
        type: 'StripeCardError',
        code,
        decline_code: declineCode,
        message,
      })
      expect(error.charge).toMatch(/^ch_/)
      expect(error.payment_intent).toMatchObject({ id: pi.id, status: 'requires_payment_method' })
      expect(error.doc_url).toBe(`https://docs.stripe.com/error-codes/${code.replace('_', '-')}`)
      const after = await stripe.paymentIntents.retrieve(pi.id)
      expect(after).toMatchObject({
        status: 'requires_payment_method',
        last_payment_error: { code, decline_code: declineCode, type: 'card_error' },
      })
      const charge = await stripe.charges.retrieve(error.charge!)
      expect(charge).toMatchObject({ status: 'failed', failure_code: code, paid: false })
    },
  )

  test('3-D Secure cards stop at requires_action until the challenge is completed', async () => {
    const stripe = h.stripe()
    const pi = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      allowed_payment_method_types: ['card'],
      confirm: true,
      return_url: 'https://shop.example/return',
    })
    expect(pi.status).toBe('requires_action')
    expect(pi.next_action).toMatchObject({
      type: 'redirect_to_url',
      redirect_to_url: {
        return_url: 'https://shop.example/return',
        url: expect.stringContaining(`/3d_secure_2/hosted/${pi.id}`),
      },
    })
    await h.mock.completeThreeDSecure(pi.id)
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded')

    const failing = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      payment_method: 'pm_card_threeDSecure2Required',
      allowed_payment_method_types: ['card'],
      confirm: true,
    })
    expect(failing.next_action?.type).toBe('use_stripe_sdk')
    await h.mock.completeThreeDSecure(failing.id, { outcome: 'fail' })
    const after = await stripe.paymentIntents.retrieve(failing.id)
    expect(after).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { code: 'payment_intent_authentication_failure' },
    })

    // Off-session, an authentication-required card fails instead of asking.
    const offSession = await failure(
      stripe.paymentIntents.create({
        amount: 3000,
        currency: 'usd',
        payment_method: 'pm_card_authenticationRequired',
        allowed_payment_method_types: ['card'],
        confirm: true,
        off_session: true,
      }),
    )
    expect(offSession).toMatchObject({
      code: 'authentication_required',
      decline_code: 'authentication_required',
    })
  })

  test('the hosted 3-D Secure page completes the challenge and redirects back', async () => {
    const stripe = h.stripe()
    const pi = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      allowed_payment_method_types: ['card'],
      confirm: true,
      return_url: 'https://shop.example/return',
    })
    const url = (pi.next_action as { redirect_to_url: { url: string } }).redirect_to_url.url
    // A browser opens the page and submits the challenge form.
    const page = await fetch(url)
    expect(await page.text()).toContain('<form method="post">')
    const done = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'succeed' }),
      redirect: 'manual',
    })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe(
      `https://shop.example/return?payment_intent=${pi.id}&payment_intent_client_secret=${encodeURIComponent(pi.client_secret!)}&redirect_status=succeeded`,
    )
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded')
  })

  test('manual capture: requires_capture, partial capture, and cancel rules', async () => {
    const stripe = h.stripe()
    const pi = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_card_mastercard',
      allowed_payment_method_types: ['card'],
      capture_method: 'manual',
      confirm: true,
    })
    expect(pi).toMatchObject({ status: 'requires_capture', amount_capturable: 5000, amount_received: 0 })
    const tooMuch = await failure(stripe.paymentIntents.capture(pi.id, { amount_to_capture: 6000 }))
    expect(tooMuch.param).toBe('amount_to_capture')
    const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 })
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 4000, amount_capturable: 0 })
    const charge = await stripe.charges.retrieve(captured.latest_charge as string)
    expect(charge).toMatchObject({ captured: true, amount_captured: 4000, amount_refunded: 1000 })

    const cannot = await failure(stripe.paymentIntents.cancel(pi.id))
    expect(cannot).toMatchObject({ code: 'payment_intent_unexpected_state' })
    expect(cannot.message).toMatch(/status of succeeded/)

    const other = await stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      allowed_payment_method_types: ['card'],
    })
    const canceled = await stripe.paymentIntents.cancel(other.id, { cancellation_reason: 'abandoned' })
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' })
  })

  test('refunds: partial then full, refunded flag, and over-refund errors', async () => {
    const stripe = h.stripe()
    const pi = await stripe.paymentIntents.create({
      amount: 10000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
    })
    const partial = await stripe.refunds.create({
      payment_intent: pi.id,
      amount: 2500,
      reason: 'requested_by_customer',
    })
    expect(partial).toMatchObject({
      object: 'refund',
      amount: 2500,
      status: 'succeeded',
      payment_intent: pi.id,
    })
    expect(await stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({
      amount_refunded: 2500,
      refunded: false,
    })
    const over = await failure(stripe.refunds.create({ charge: pi.latest_charge as string, amount: 9000 }))
    expect(over).toMatchObject({ code: 'amount_too_large', param: 'amount' })
    const rest = await stripe.refunds.create({ charge: pi.latest_charge as string })
    expect(rest.amount).toBe(7500)
    expect(await stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({
      amount_refunded: 10000,
      refunded: true,
    })
    const again = await failure(stripe.refunds.create({ payment_intent: pi.id }))
    expect(again.code).toBe('charge_already_refunded')
    const charged = await stripe.charges.retrieve(pi.latest_charge as string, { expand: ['refunds'] })
    expect(charged.refunds?.data.map((r) => r.amount)).toEqual([7500, 2500])
    const listed = await stripe.refunds.list({ payment_intent: pi.id })
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, partial.id])
  })

  test('paymentMethods.create takes test card numbers; a live card number is declined in test mode', async () => {
    const stripe = h.stripe()
    const pm = await stripe.paymentMethods.create({
      type: 'card',
      card: { number: '4000000000009995', exp_month: 12, exp_year: 2030, cvc: '123' },
    })
    expect(pm.card).toMatchObject({
      brand: 'visa',
      last4: '9995',
      exp_month: 12,
      exp_year: 2030,
      funding: 'credit',
    })
    const customer = await stripe.customers.create({ email: 'x@example.com' })
    await stripe.paymentMethods.attach(pm.id, { customer: customer.id })
    const methods = await stripe.customers.listPaymentMethods(customer.id)
    expect(methods.data.map((m) => m.id)).toEqual([pm.id])
    const declined = await failure(
      stripe.paymentIntents.create({
        amount: 900,
        currency: 'usd',
        customer: customer.id,
        payment_method: pm.id,
        allowed_payment_method_types: ['card'],
        confirm: true,
      }),
    )
    expect(declined.decline_code).toBe('insufficient_funds')

    const live = await failure(
      stripe.paymentMethods.create({
        type: 'card',
        card: { number: '4111111111111112', exp_month: 1, exp_year: 2031 },
      }),
    )
    expect(live).toBeInstanceOf(Stripe.errors.StripeCardError)
    const badNumber = await failure(
      stripe.paymentMethods.create({
        type: 'card',
        card: { number: '4242424242424241', exp_month: 1, exp_year: 2031 },
      }),
    )
    expect(badNumber).toMatchObject({ code: 'incorrect_number' })
    const detached = await stripe.paymentMethods.detach(pm.id)
    expect(detached.customer).toBeNull()
  })

  test('amount and currency are validated as Stripe does', async () => {
    const stripe = h.stripe()
    const small = await failure(stripe.paymentIntents.create({ amount: 20, currency: 'usd' }))
    expect(small).toMatchObject({ code: 'amount_too_small', message: 'Amount must be at least $0.50 usd' })
    const notInt = await failure(
      stripe.paymentIntents.create({ amount: 'ten' as unknown as number, currency: 'usd' }),
    )
    expect(notInt).toMatchObject({ param: 'amount', message: 'Invalid integer: ten' })
    const method = await failure(
      stripe.paymentIntents.create({ amount: 100, currency: 'usd', capture_method: 'later' as 'manual' }),
    )
    expect(method.message).toBe(
      'Invalid capture_method: must be one of automatic, automatic_async, or manual',
    )
  })
})
