import type Stripe from 'stripe'
import { expect, test } from 'vitest'
import { createStripeMock } from '../src/index'
import { describeTransports, failure, START, typesOf } from './support'

const pay = (stripe: Stripe, payment_method: string, amount = 2000) =>
  stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method,
    confirm: true,
    allowed_payment_method_types: ['card'],
  })

describeTransports('disputes', (h) => {
  test('pm_card_createDispute: the charge succeeds, then is disputed as fraudulent', async () => {
    const stripe = h.stripe()
    const pi = await pay(stripe, 'pm_card_createDispute')
    expect(pi.status).toBe('succeeded')
    const charge = await stripe.charges.retrieve(pi.latest_charge as string)
    expect(charge.disputed).toBe(true)
    const disputes = await stripe.disputes.list({ payment_intent: pi.id })
    expect(disputes.data).toHaveLength(1)
    const dispute = disputes.data[0]!
    expect(dispute).toMatchObject({
      object: 'dispute',
      amount: 2000,
      currency: 'usd',
      charge: charge.id,
      payment_intent: pi.id,
      reason: 'fraudulent',
      status: 'needs_response',
      is_charge_refundable: false,
      evidence_details: { has_evidence: false, submission_count: 0, past_due: false },
      payment_method_details: { type: 'card', card: { brand: 'visa', case_type: 'chargeback' } },
    })
    expect(dispute.id).toMatch(/^dp_/)
    expect(dispute.balance_transactions).toHaveLength(1)
    expect(dispute.balance_transactions[0]).toMatchObject({
      object: 'balance_transaction',
      amount: -2000,
      fee: 1500,
      net: -3500,
      type: 'adjustment',
      reporting_category: 'dispute',
      source: dispute.id,
    })
    expect((await stripe.disputes.list({ charge: charge.id })).data.map((d) => d.id)).toEqual([dispute.id])
    expect((await stripe.disputes.list({ charge: 'ch_other' })).data).toEqual([])
    expect(await stripe.disputes.retrieve(dispute.id, { expand: ['charge'] })).toMatchObject({
      charge: { id: charge.id, object: 'charge', disputed: true },
    })
    expect(typesOf(h.mock, 'charge.dispute.')).toEqual([
      'charge.dispute.created',
      'charge.dispute.funds_withdrawn',
    ])
  })

  test('staged evidence, then submitted winning_evidence: under review, then won and funds reinstated', async () => {
    const stripe = h.stripe()
    const pi = await pay(stripe, 'pm_card_createDispute')
    const [dispute] = (await stripe.disputes.list({ payment_intent: pi.id })).data
    const staged = await stripe.disputes.update(dispute!.id, {
      evidence: { customer_name: 'Ada', product_description: 'A T-shirt' },
      metadata: { ticket: '7' },
      submit: false,
    })
    expect(staged).toMatchObject({
      status: 'needs_response',
      metadata: { ticket: '7' },
      evidence: { customer_name: 'Ada', product_description: 'A T-shirt', receipt: null },
      evidence_details: { has_evidence: true, submission_count: 0 },
    })
    const won = await stripe.disputes.update(dispute!.id, {
      evidence: { uncategorized_text: 'winning_evidence' },
    })
    expect(won).toMatchObject({
      status: 'won',
      evidence: { customer_name: 'Ada', uncategorized_text: 'winning_evidence' },
      evidence_details: { submission_count: 1, submission_method: 'manual' },
    })
    expect(won.balance_transactions.map((t) => t.net)).toEqual([-3500, 3500])
    expect(typesOf(h.mock, 'charge.dispute.')).toEqual([
      'charge.dispute.created',
      'charge.dispute.funds_withdrawn',
      'charge.dispute.updated',
      'charge.dispute.updated',
      'charge.dispute.funds_reinstated',
      'charge.dispute.closed',
    ])
    const [, submitted] = h.mock.events({ type: 'charge.dispute.updated' }).reverse()
    expect(submitted).toBeDefined()
    const closedAgain = await failure(stripe.disputes.close(dispute!.id))
    expect(closedAgain).toMatchObject({ statusCode: 400, message: 'This dispute is already closed.' })
    expect(
      await failure(stripe.disputes.update(dispute!.id, { evidence: { customer_name: 'B' } })),
    ).toMatchObject({
      statusCode: 400,
      param: 'evidence',
    })
  })

  test('close accepts the dispute (lost); an inquiry closes as warning_closed', async () => {
    const stripe = h.stripe()
    const pi = await pay(stripe, 'pm_card_createDispute')
    const [dispute] = (await stripe.disputes.list({ payment_intent: pi.id })).data
    expect(await stripe.disputes.close(dispute!.id)).toMatchObject({ status: 'lost' })
    const inquiryPi = await pay(stripe, 'pm_card_createDisputeInquiry')
    const [inquiry] = (await stripe.disputes.list({ payment_intent: inquiryPi.id })).data
    expect(inquiry).toMatchObject({
      status: 'warning_needs_response',
      is_charge_refundable: true,
      balance_transactions: [],
      payment_method_details: { card: { case_type: 'inquiry' } },
    })
    expect(await stripe.disputes.close(inquiry!.id)).toMatchObject({ status: 'warning_closed' })
    expect(h.mock.events({ type: 'charge.dispute.closed' })).toHaveLength(2)
    expect(h.mock.events({ type: 'charge.dispute.funds_withdrawn' })).toHaveLength(1)
    expect(await failure(stripe.disputes.retrieve('dp_missing'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such dispute: 'dp_missing'",
    })
  })

  test('product_not_received disputes come from 4000000000002685', async () => {
    const stripe = h.stripe()
    const method = await stripe.paymentMethods.create({
      type: 'card',
      card: { number: '4000000000002685', exp_month: 12, exp_year: 2030, cvc: '123' },
    })
    const pi = await pay(stripe, method.id)
    const [dispute] = (await stripe.disputes.list({ payment_intent: pi.id })).data
    expect(dispute).toMatchObject({ reason: 'product_not_received', status: 'needs_response' })
  })
})

describeTransports('balance', (h) => {
  test('balance: charges pending until available_on, net of fees, refunds and disputes', async () => {
    const stripe = h.stripe()
    expect(await stripe.balance.retrieve()).toMatchObject({
      object: 'balance',
      available: [{ amount: 0, currency: 'usd' }],
      pending: [{ amount: 0, currency: 'usd' }],
      livemode: false,
    })
    const paid = await pay(stripe, 'pm_card_visa', 10_000)
    await stripe.refunds.create({ payment_intent: paid.id, amount: 1000 })
    await pay(stripe, 'pm_card_createDispute', 2000)
    // 10000 - 320 fee; -1000 refund; 2000 - 88 fee; -2000 - 1500 dispute (available at once).
    const balance = await stripe.balance.retrieve()
    expect(balance.pending).toEqual([
      { amount: 9680 - 1000 + 1912, currency: 'usd', source_types: { card: 10_592 } },
    ])
    expect(balance.available).toEqual([{ amount: -3500, currency: 'usd', source_types: { card: -3500 } }])
    await h.mock.advanceTime({ days: 3 })
    const later = await stripe.balance.retrieve()
    expect(later.available[0]!.amount).toBe(10_592 - 3500)
    expect(later.pending[0]!.amount).toBe(0)
    const txns = await stripe.balanceTransactions.list({ type: 'charge' })
    expect(txns.data.map((t) => [t.amount, t.fee, t.status])).toEqual([
      [2000, 88, 'available'],
      [10_000, 320, 'available'],
    ])
    const one = await stripe.balanceTransactions.retrieve(txns.data[0]!.id)
    expect(one).toEqual(txns.data[0])
    expect((await stripe.balanceTransactions.list({ limit: 2 })).has_more).toBe(true)
  })
})

test('seed: coupons, disputed payments and balance adjustments', async () => {
  const mock = createStripeMock({
    clock: { now: START },
    seed: {
      coupons: [{ id: 'WELCOME10', percent_off: 10 }],
      disputes: [
        { amount: 5000, currency: 'usd', reason: 'duplicate' },
        { amount: 700, currency: 'eur', inquiry: true },
      ],
      balance: {
        available: [{ amount: 100_000, currency: 'usd' }],
        pending: [{ amount: 2500, currency: 'eur' }],
      },
    },
  })
  const response = await mock.fetch(
    new Request('https://api.stripe.com/v1/disputes', { headers: { authorization: 'Bearer sk_test_123' } }),
  )
  const disputes = (await response.json()) as Stripe.ApiList<Stripe.Dispute>
  expect(disputes.data.map((d) => [d.reason, d.status, d.amount])).toEqual([
    ['fraudulent', 'warning_needs_response', 700],
    ['duplicate', 'needs_response', 5000],
  ])
  expect(mock.events()).toEqual([])
  const balance = (await (
    await mock.fetch(
      new Request('https://api.stripe.com/v1/balance', { headers: { authorization: 'Bearer sk_test_123' } }),
    )
  ).json()) as Stripe.Balance
  const usd = 100_000 - 5000 - 1500
  expect(balance.available).toContainEqual({ amount: usd, currency: 'usd', source_types: { card: usd } })
  expect(balance.pending).toContainEqual({
    amount: 2500 + 700 - 50,
    currency: 'eur',
    source_types: { card: 3150 },
  })
  expect(() =>
    mock.seed({ disputes: [{ amount: 500, currency: 'usd', reason: 'angry' as never }] }),
  ).toThrowError(/disputes\[0\]\.reason/)
  expect(() => mock.seed({ coupons: [{ percent_off: 10, duration: 'repeating' }] })).toThrowError(
    /coupons\[0\].*duration_in_months/,
  )
})
