import { registerIncludable } from '../expand'
import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { createPaymentLink, paymentLinkItems, updatePaymentLink } from '../resources/payment-links'
import { find } from '../resources/shared'
import { clone } from '../state'
import { op } from './define'

registerIncludable('payment_link', 'line_items', (rt, link) => ({
  object: 'list',
  data: clone(paymentLinkItems(rt, link)),
  has_more: false,
  url: `${rt.basePath}/v1/payment_links/${link.id}/line_items`,
}))

/** @see https://docs.stripe.com/api/payment_links */
export const paymentLinkRoutes = [
  op('POST /v1/payment_links', ({ rt, p }) => reply(rt, createPaymentLink(rt, p), p.expand())),
  op('GET /v1/payment_links', ({ rt, p }) => {
    p.allow('active', 'limit', 'starting_after', 'ending_before')
    const active = p.bool('active')
    return json(
      listResponse(rt, p, rt.state.collections.payment_links.values(), {
        path: '/v1/payment_links',
        kind: 'payment link',
        filter: (l) => active === undefined || l.active === active,
      }),
    )
  }),
  op('GET /v1/payment_links/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'payment_links', params.id!, 'payment link'), p.expand()),
  ),
  op('POST /v1/payment_links/{id}', ({ rt, p, params }) =>
    reply(rt, updatePaymentLink(rt, find(rt, 'payment_links', params.id!, 'payment link'), p), p.expand()),
  ),
  op('GET /v1/payment_links/{id}/line_items', ({ rt, p, params }) => {
    p.allow('limit', 'starting_after', 'ending_before')
    const link = find(rt, 'payment_links', params.id!, 'payment link')
    return json(
      listResponse(rt, p, [...paymentLinkItems(rt, link)].reverse(), {
        path: `/v1/payment_links/${link.id}/line_items`,
        kind: 'line item',
      }),
    )
  }),
]
