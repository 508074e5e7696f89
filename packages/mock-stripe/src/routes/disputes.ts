import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { closeDispute, findDispute, updateDispute } from '../resources/disputes'
import { op } from './define'

/** @see https://docs.stripe.com/api/disputes */
export const disputeRoutes = [
  op('GET /v1/disputes', ({ rt, p }) => {
    p.allow('charge', 'payment_intent', 'limit', 'starting_after', 'ending_before', 'created')
    const charge = p.string('charge')
    const pi = p.string('payment_intent')
    return json(
      listResponse(rt, p, rt.state.collections.disputes.values(), {
        path: '/v1/disputes',
        kind: 'dispute',
        filter: (d) => (!charge || d.charge === charge) && (!pi || d.payment_intent === pi),
      }),
    )
  }),
  op('GET /v1/disputes/{id}', ({ rt, p, params }) => reply(rt, findDispute(rt, params.id!), p.expand())),
  op('POST /v1/disputes/{id}', ({ rt, p, params }) =>
    reply(rt, updateDispute(rt, findDispute(rt, params.id!), p), p.expand()),
  ),
  op('POST /v1/disputes/{id}/close', ({ rt, p, params }) => {
    p.allow()
    return reply(rt, closeDispute(rt, findDispute(rt, params.id!)), p.expand())
  }),
]
