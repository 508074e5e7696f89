import { balanceTransactionDefaults } from '../fixtures/misc'
import { now, type Runtime } from '../runtime'
import type { StripeObject } from '../state'

// Stripe's standard card pricing in the US: 2.9% + 30¢.
function fee(amount: number): number {
  return Math.round(amount * 0.029) + 30
}

/** Stripe's dispute fee ($15.00 in the US), charged when a dispute opens. */
export const DISPUTE_FEE = 1500

const feeDetails = (amount: number, currency: string, description: string) =>
  amount ? [{ amount, application: null, currency, description, type: 'stripe_fee' }] : ([] as StripeObject[])

/** Records what a captured charge adds to, or a refund takes from, the balance; returns its `txn_` id. */
export function balanceTransaction(
  rt: Runtime,
  source: string,
  amount: number,
  currency: string,
  type: 'charge' | 'refund',
) {
  const charged = type === 'charge' ? fee(amount) : 0
  return recordTransaction(rt, {
    source,
    amount,
    currency,
    fee: charged,
    feeDescription: 'Stripe processing fees',
    type,
    reportingCategory: type,
    description: type === 'refund' ? 'REFUND FOR CHARGE' : null,
  }).id as string
}

export interface TransactionInput {
  source: string | null
  amount: number
  currency: string
  fee?: number
  feeDescription?: string
  type: string
  reportingCategory: string
  description: string | null
  /** When the funds become available; two days after creation unless given. */
  availableOn?: number
}

/** Stores one balance transaction (`txn_…`) and returns it. */
export function recordTransaction(rt: Runtime, input: TransactionInput): StripeObject {
  const t = rt.state.clock.nowSeconds()
  const txn = balanceTransactionDefaults(rt.state.ids.next('txn_', 24), t)
  const charged = input.fee ?? 0
  Object.assign(txn, {
    amount: input.amount,
    currency: input.currency,
    fee: charged,
    fee_details: feeDetails(charged, input.currency, input.feeDescription ?? 'Stripe processing fees'),
    net: input.amount - charged,
    reporting_category: input.reportingCategory,
    source: input.source,
    type: input.type,
    description: input.description,
    ...(input.availableOn !== undefined ? { available_on: input.availableOn } : {}),
  })
  settle(rt, txn)
  rt.state.collections.balance_transactions.set(txn.id, txn)
  return txn
}

/** A transaction's status follows the clock: `available` from `available_on` on. */
export function settle(rt: Runtime, txn: StripeObject): StripeObject {
  txn.status = txn.available_on <= now(rt) ? 'available' : 'pending'
  return txn
}

type Amounts = Array<{ amount: number; currency: string; source_types: { card: number } }>

/**
 * `GET /v1/balance`: the net of every balance transaction, per currency, split by whether its funds
 * are available yet on the mock's clock. USD always appears, as on a US account.
 *
 * @see https://docs.stripe.com/api/balance/balance_object
 */
export function computeBalance(rt: Runtime): StripeObject {
  const sums = {
    available: new Map<string, number>([['usd', 0]]),
    pending: new Map<string, number>([['usd', 0]]),
  }
  for (const txn of rt.state.collections.balance_transactions.values()) {
    settle(rt, txn)
    const bucket = txn.status === 'available' ? sums.available : sums.pending
    bucket.set(txn.currency, (bucket.get(txn.currency) ?? 0) + txn.net)
    const other = bucket === sums.available ? sums.pending : sums.available
    if (!other.has(txn.currency)) other.set(txn.currency, 0)
  }
  const list = (m: Map<string, number>): Amounts =>
    [...m].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }))
  return { object: 'balance', available: list(sums.available), livemode: false, pending: list(sums.pending) }
}
