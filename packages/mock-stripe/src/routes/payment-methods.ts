import { listResponse } from '../pagination'
import { json, reply } from '../present'
import {
  applyBillingDetails,
  attachPaymentMethod,
  createPaymentMethod,
  detachPaymentMethod,
  resolvePaymentMethod,
} from '../resources/payment-methods'
import { find } from '../resources/shared'
import { clone } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { op } from './define'

/** @see https://docs.stripe.com/api/payment_methods */
export const paymentMethodRoutes = [
  op('POST /v1/payment_methods', ({ rt, p }) => reply(rt, createPaymentMethod(rt, p), p.expand())),
  op('GET /v1/payment_methods', ({ rt, p }) => {
    p.allow('customer', 'type', 'limit', 'starting_after', 'ending_before', 'customer_account')
    const customer = p.string('customer')
    const type = p.string('type')
    if (customer) find(rt, 'customers', customer, 'customer', 'customer')
    return json(
      listResponse(rt, p, rt.state.collections.payment_methods.values(), {
        path: '/v1/payment_methods',
        kind: 'PaymentMethod',
        filter: (m) => (!customer || m.customer === customer) && (!type || m.type === type),
      }),
    )
  }),
  op('GET /v1/payment_methods/{id}', ({ rt, p, params }) =>
    reply(rt, resolvePaymentMethod(rt, params.id!, 'id'), p.expand()),
  ),
  op('POST /v1/payment_methods/{id}', ({ rt, p, params }) => {
    p.allow('billing_details', 'metadata', 'card', 'allow_redisplay')
    const method = find(rt, 'payment_methods', params.id!, 'PaymentMethod')
    const before = clone(method)
    applyBillingDetails(method, p)
    const metadata = p.metadata(method.metadata)
    if (metadata) method.metadata = metadata
    const card = p.object('card')
    if (card) {
      card.allow('exp_month', 'exp_year', 'networks')
      method.card.exp_month = card.int('exp_month') ?? method.card.exp_month
      method.card.exp_year = card.int('exp_year') ?? method.card.exp_year
    }
    const previous = previousAttributes(before, method)
    if (previous) emitEvent(rt, 'payment_method.updated', method, previous)
    return reply(rt, method, p.expand())
  }),
  op('POST /v1/payment_methods/{id}/attach', ({ rt, p, params }) => {
    p.allow('customer', 'customer_account')
    const method = resolvePaymentMethod(rt, params.id!, 'id')
    return reply(rt, attachPaymentMethod(rt, method, p.string('customer', { required: true })!), p.expand())
  }),
  op('POST /v1/payment_methods/{id}/detach', ({ rt, p, params }) =>
    reply(rt, detachPaymentMethod(rt, find(rt, 'payment_methods', params.id!, 'PaymentMethod')), p.expand()),
  ),
]
