import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { createCheckoutSession, expireCheckoutSession } from '../resources/checkout'
import { find } from '../resources/shared'
import { clone, hiddenOf, type StripeObject } from '../state'
import { op } from './define'

/** @see https://docs.stripe.com/api/checkout/sessions */
export const checkoutRoutes = [
  op('POST /v1/checkout/sessions', ({ rt, p }) => reply(rt, createCheckoutSession(rt, p), p.expand())),
  op('GET /v1/checkout/sessions', ({ rt, p }) => {
    p.allow(
      'customer',
      'payment_intent',
      'subscription',
      'status',
      'payment_link',
      'created',
      'limit',
      'starting_after',
      'ending_before',
      'customer_details',
    )
    const customer = p.string('customer')
    const pi = p.string('payment_intent')
    const sub = p.string('subscription')
    const status = p.enum('status', ['complete', 'expired', 'open'] as const)
    return json(
      listResponse(rt, p, rt.state.collections.checkout_sessions.values(), {
        path: '/v1/checkout/sessions',
        kind: 'checkout.session',
        filter: (s) =>
          (!customer || s.customer === customer) &&
          (!pi || s.payment_intent === pi) &&
          (!sub || s.subscription === sub) &&
          (!status || s.status === status),
      }),
    )
  }),
  op('GET /v1/checkout/sessions/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'checkout_sessions', params.id!, 'checkout.session'), p.expand()),
  ),
  op('POST /v1/checkout/sessions/{id}/expire', ({ rt, p, params }) =>
    reply(
      rt,
      expireCheckoutSession(rt, find(rt, 'checkout_sessions', params.id!, 'checkout.session')),
      p.expand(),
    ),
  ),
  op('GET /v1/checkout/sessions/{id}/line_items', ({ rt, p, params }) => {
    p.allow('limit', 'starting_after', 'ending_before')
    const session = find(rt, 'checkout_sessions', params.id!, 'checkout.session')
    const items = (hiddenOf(rt.state, session.id).line_items ?? []) as StripeObject[]
    return json(
      listResponse(rt, p, [...items].reverse(), {
        path: `/v1/checkout/sessions/${session.id}/line_items`,
        kind: 'line item',
        render: clone,
      }),
    )
  }),
]
