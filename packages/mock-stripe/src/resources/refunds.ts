import { invalidRequest } from '../errors'
import { registerIncludable } from '../expand'
import { refundDefaults } from '../fixtures/refund'
import type { Params } from '../params'
import { type Runtime, timeFor } from '../runtime'
import { clone, type StripeObject } from '../state'
import { emitEvent } from '../webhooks/events'
import { balanceTransaction } from './balance'
import { find } from './shared'

// A charge's refunds are shown only when expanded (`expand: ['refunds']`), as since API 2022-11-15.
registerIncludable('charge', 'refunds', (rt, charge) => {
  const refunds = [...rt.state.collections.refunds.values()].filter((r) => r.charge === charge.id).reverse()
  return {
    object: 'list',
    data: clone(refunds),
    has_more: false,
    total_count: refunds.length,
    url: `${rt.basePath}/v1/charges/${charge.id}/refunds`,
  }
})

/** `POST /v1/refunds`: full or partial, by `charge` or `payment_intent`. Card refunds succeed at once. */
export function createRefund(rt: Runtime, p: Params): StripeObject {
  p.allow(
    'charge',
    'payment_intent',
    'amount',
    'reason',
    'metadata',
    'refund_application_fee',
    'reverse_transfer',
    'instructions_email',
    'origin',
  )
  const chargeId = p.string('charge')
  const piId = p.string('payment_intent')
  if (!chargeId && !piId) {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
      {
        code: 'parameter_missing',
      },
    )
  }
  let charge: StripeObject
  if (chargeId) charge = find(rt, 'charges', chargeId, 'charge', 'charge')
  else {
    const pi = find(rt, 'payment_intents', piId!, 'payment_intent', 'payment_intent')
    const latest = pi.latest_charge ? rt.state.collections.charges.get(pi.latest_charge) : undefined
    if (!latest || pi.status !== 'succeeded') {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, {
        code: 'charge_not_refundable',
        param: 'payment_intent',
      })
    }
    charge = latest
  }
  if (!charge.captured || charge.status !== 'succeeded') {
    throw invalidRequest(
      `Charge ${charge.id} has not been captured or did not succeed; there is nothing to refund.`,
      {
        code: 'charge_not_refundable',
      },
    )
  }
  const remaining = charge.amount_captured - charge.amount_refunded
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    })
  }
  const amount = p.int('amount', { min: 1 }) ?? remaining
  if (amount > remaining) {
    const money = (n: number) => `$${(n / 100).toFixed(2)}`
    throw invalidRequest(
      `Refund amount (${money(amount)}) is greater than unrefunded amount on charge (${money(remaining)})`,
      { param: 'amount', code: 'amount_too_large' },
    )
  }
  const refund = refundDefaults(rt.state.ids.next('re_', 24), timeFor(rt, charge.customer))
  Object.assign(refund, {
    amount,
    charge: charge.id,
    currency: charge.currency,
    customer: charge.customer,
    metadata: p.metadata() ?? {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: p.enum('reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null,
    balance_transaction: balanceTransaction(rt, refund.id, -amount, charge.currency, 'refund'),
  })
  rt.state.collections.refunds.set(refund.id, refund)
  charge.amount_refunded += amount
  charge.refunded = charge.amount_refunded >= charge.amount_captured
  emitEvent(rt, 'refund.created', refund)
  emitEvent(rt, 'charge.refunded', charge, {
    amount_refunded: charge.amount_refunded - amount,
    refunded: false,
  })
  return refund
}
