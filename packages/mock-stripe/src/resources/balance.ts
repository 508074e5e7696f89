import { balanceTransactionDefaults } from '../fixtures/misc'
import type { Runtime } from '../runtime'

// Stripe's standard card pricing in the US: 2.9% + 30¢.
function fee(amount: number): number {
  return Math.round(amount * 0.029) + 30
}

/** Records what a captured charge adds to, or a refund takes from, the balance; returns its `txn_` id. */
export function balanceTransaction(
  rt: Runtime,
  source: string,
  amount: number,
  currency: string,
  type: 'charge' | 'refund',
) {
  const t = rt.state.clock.nowSeconds()
  const txn = balanceTransactionDefaults(rt.state.ids.next('txn_', 24), t)
  const charged = type === 'charge' ? fee(amount) : 0
  Object.assign(txn, {
    amount,
    currency,
    fee: charged,
    fee_details: charged
      ? [
          {
            amount: charged,
            application: null,
            currency,
            description: 'Stripe processing fees',
            type: 'stripe_fee',
          },
        ]
      : [],
    net: amount - charged,
    reporting_category: type,
    source,
    type,
    description: type === 'refund' ? 'REFUND FOR CHARGE' : null,
  })
  rt.state.collections.balance_transactions.set(txn.id, txn)
  return txn.id as string
}
