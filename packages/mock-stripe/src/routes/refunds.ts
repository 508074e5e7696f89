import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { createRefund } from '../resources/refunds'
import { find } from '../resources/shared'
import { clone } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { op } from './define'

/** @see https://docs.stripe.com/api/refunds */
export const refundRoutes = [
  op('POST /v1/refunds', ({ rt, p }) => reply(rt, createRefund(rt, p), p.expand())),
  op('GET /v1/refunds', ({ rt, p }) => {
    p.allow('charge', 'payment_intent', 'limit', 'starting_after', 'ending_before', 'created')
    const charge = p.string('charge')
    const pi = p.string('payment_intent')
    return json(
      listResponse(rt, p, rt.state.collections.refunds.values(), {
        path: '/v1/refunds',
        kind: 'refund',
        filter: (r) => (!charge || r.charge === charge) && (!pi || r.payment_intent === pi),
      }),
    )
  }),
  op('GET /v1/refunds/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'refunds', params.id!, 'refund'), p.expand()),
  ),
  op('POST /v1/refunds/{id}', ({ rt, p, params }) => {
    p.allow('metadata')
    const refund = find(rt, 'refunds', params.id!, 'refund')
    const before = clone(refund)
    const metadata = p.metadata(refund.metadata)
    if (metadata) refund.metadata = metadata
    const previous = previousAttributes(before, refund)
    if (previous) emitEvent(rt, 'refund.updated', refund, previous)
    return reply(rt, refund, p.expand())
  }),
  op('GET /v1/charges/{id}/refunds', ({ rt, p, params }) => {
    p.allow('limit', 'starting_after', 'ending_before')
    const charge = find(rt, 'charges', params.id!, 'charge')
    return json(
      listResponse(rt, p, rt.state.collections.refunds.values(), {
        path: `/v1/charges/${charge.id}/refunds`,
        kind: 'refund',
        filter: (r) => r.charge === charge.id,
      }),
    )
  }),
]
