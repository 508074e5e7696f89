import { listResponse } from '../pagination'
import { json, present, reply } from '../present'
import { computeBalance, settle } from '../resources/balance'
import { find } from '../resources/shared'
import { op } from './define'

/** @see https://docs.stripe.com/api/balance */
export const balanceRoutes = [
  op('GET /v1/balance', ({ rt, p }) => {
    p.allow()
    return json(computeBalance(rt))
  }),
  op('GET /v1/balance_transactions', ({ rt, p }) => {
    p.allow('limit', 'starting_after', 'ending_before', 'created', 'currency', 'source', 'type', 'payout')
    const currency = p.string('currency')?.toLowerCase()
    const source = p.string('source')
    const type = p.string('type')
    // No payouts exist, so nothing was paid out in one.
    const payout = p.string('payout')
    return json(
      listResponse(rt, p, rt.state.collections.balance_transactions.values(), {
        path: '/v1/balance_transactions',
        kind: 'balance transaction',
        filter: (t) =>
          !payout &&
          (!currency || t.currency === currency) &&
          (!source || t.source === source) &&
          (!type || t.type === type),
        render: (t) => present(rt, settle(rt, t)),
      }),
    )
  }),
  op('GET /v1/balance_transactions/{id}', ({ rt, p, params }) =>
    reply(rt, settle(rt, find(rt, 'balance_transactions', params.id!, 'balance transaction')), p.expand()),
  ),
]
