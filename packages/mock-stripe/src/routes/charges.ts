import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { find } from '../resources/shared'
import { searchResponse } from '../search'
import { clone } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { op } from './define'

/** @see https://docs.stripe.com/api/charges */
export const chargeRoutes = [
  op('GET /v1/charges', ({ rt, p }) => {
    p.allow(
      'customer',
      'payment_intent',
      'limit',
      'starting_after',
      'ending_before',
      'created',
      'transfer_group',
    )
    const customer = p.string('customer')
    const pi = p.string('payment_intent')
    return json(
      listResponse(rt, p, rt.state.collections.charges.values(), {
        path: '/v1/charges',
        kind: 'charge',
        filter: (c) => (!customer || c.customer === customer) && (!pi || c.payment_intent === pi),
      }),
    )
  }),
  op('GET /v1/charges/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return json(
      searchResponse(rt, p, rt.state.collections.charges.values(), {
        resource: 'charges',
        fields: [
          'amount',
          'created',
          'currency',
          'customer',
          'disputed',
          'payment_method_details.card.last4',
          'refunded',
          'status',
        ],
        path: '/v1/charges/search',
      }),
    )
  }),
  op('GET /v1/charges/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'charges', params.id!, 'charge'), p.expand()),
  ),
  op('POST /v1/charges/{id}', ({ rt, p, params }) => {
    p.allow(
      'description',
      'metadata',
      'receipt_email',
      'shipping',
      'fraud_details',
      'transfer_group',
      'customer',
    )
    const charge = find(rt, 'charges', params.id!, 'charge')
    const before = clone(charge)
    for (const field of ['description', 'receipt_email', 'transfer_group']) {
      const value = p.nullable(field)
      if (value !== undefined) charge[field] = value
    }
    const metadata = p.metadata(charge.metadata)
    if (metadata) charge.metadata = metadata
    const previous = previousAttributes(before, charge)
    if (previous) emitEvent(rt, 'charge.updated', charge, previous)
    return reply(rt, charge, p.expand())
  }),
]
