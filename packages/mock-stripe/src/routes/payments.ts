import { listResponse } from '../pagination'
import { reply } from '../present'
import {
  applyBillingDetails,
  attachPaymentMethod,
  createPaymentMethod,
  detachPaymentMethod,
  resolvePaymentMethod,
} from '../resources/payment-methods'
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  createRefund,
  updatePaymentIntent,
} from '../resources/payments'
import { find } from '../resources/shared'
import { searchResponse } from '../search'
import { clone } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { api } from './define'

/** @see https://docs.stripe.com/api/payment_methods */
export const paymentMethodRoutes = [
  api.post('/v1/payment_methods', ({ rt, p }) => reply(rt, createPaymentMethod(rt, p), p.expand())),
  api.get('/v1/payment_methods', ({ rt, p }) => {
    p.allow('customer', 'type', 'limit', 'starting_after', 'ending_before', 'customer_account')
    const customer = p.string('customer')
    const type = p.string('type')
    if (customer) find(rt, 'customers', customer, 'customer', 'customer')
    return Response.json(
      listResponse(rt, p, rt.state.collections.payment_methods.values(), {
        path: '/v1/payment_methods',
        kind: 'PaymentMethod',
        filter: (m) => (!customer || m.customer === customer) && (!type || m.type === type),
      }),
    )
  }),
  api.get('/v1/payment_methods/:id', ({ rt, p, params }) =>
    reply(rt, resolvePaymentMethod(rt, params.id!, 'id'), p.expand()),
  ),
  api.post('/v1/payment_methods/:id', ({ rt, p, params }) => {
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
  api.post('/v1/payment_methods/:id/attach', ({ rt, p, params }) => {
    p.allow('customer', 'customer_account')
    const method = resolvePaymentMethod(rt, params.id!, 'id')
    return reply(rt, attachPaymentMethod(rt, method, p.string('customer', { required: true })!), p.expand())
  }),
  api.post('/v1/payment_methods/:id/detach', ({ rt, p, params }) =>
    reply(rt, detachPaymentMethod(rt, find(rt, 'payment_methods', params.id!, 'PaymentMethod')), p.expand()),
  ),
]

/** @see https://docs.stripe.com/api/payment_intents */
export const paymentIntentRoutes = [
  api.post('/v1/payment_intents', ({ rt, p }) => reply(rt, createPaymentIntent(rt, p), p.expand())),
  api.get('/v1/payment_intents', ({ rt, p }) => {
    p.allow('customer', 'limit', 'starting_after', 'ending_before', 'created')
    const customer = p.string('customer')
    return Response.json(
      listResponse(rt, p, rt.state.collections.payment_intents.values(), {
        path: '/v1/payment_intents',
        kind: 'payment_intent',
        filter: (pi) => !customer || pi.customer === customer,
      }),
    )
  }),
  api.get('/v1/payment_intents/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return Response.json(
      searchResponse(rt, p, rt.state.collections.payment_intents.values(), {
        resource: 'payment_intents',
        fields: ['amount', 'created', 'currency', 'customer', 'status'],
        path: '/v1/payment_intents/search',
      }),
    )
  }),
  api.get('/v1/payment_intents/:id', ({ rt, p, params }) => {
    p.allow('client_secret')
    return reply(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p.expand())
  }),
  api.post('/v1/payment_intents/:id', ({ rt, p, params }) =>
    reply(
      rt,
      updatePaymentIntent(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p),
      p.expand(),
    ),
  ),
  api.post('/v1/payment_intents/:id/confirm', ({ rt, p, params }) => {
    p.allow(
      'payment_method',
      'off_session',
      'return_url',
      'receipt_email',
      'setup_future_usage',
      'shipping',
      'payment_method_types',
      'allowed_payment_method_types',
      'capture_method',
      'mandate_data',
      'use_stripe_sdk',
      'error_on_requires_action',
      'payment_method_options',
      'payment_method_data',
      'client_secret',
    )
    const pi = find(rt, 'payment_intents', params.id!, 'payment_intent')
    const error = confirmPaymentIntent(rt, pi, {
      paymentMethod: p.string('payment_method'),
      offSession: p.bool('off_session') ?? false,
      returnUrl: p.string('return_url'),
    })
    if (error) throw error
    return reply(rt, pi, p.expand())
  }),
  api.post('/v1/payment_intents/:id/capture', ({ rt, p, params }) =>
    reply(
      rt,
      capturePaymentIntent(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p),
      p.expand(),
    ),
  ),
  api.post('/v1/payment_intents/:id/cancel', ({ rt, p, params }) =>
    reply(
      rt,
      cancelPaymentIntent(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p),
      p.expand(),
    ),
  ),
]

/** @see https://docs.stripe.com/api/charges */
export const chargeRoutes = [
  api.get('/v1/charges', ({ rt, p }) => {
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
    return Response.json(
      listResponse(rt, p, rt.state.collections.charges.values(), {
        path: '/v1/charges',
        kind: 'charge',
        filter: (c) => (!customer || c.customer === customer) && (!pi || c.payment_intent === pi),
      }),
    )
  }),
  api.get('/v1/charges/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return Response.json(
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
  api.get('/v1/charges/:id', ({ rt, p, params }) =>
    reply(rt, find(rt, 'charges', params.id!, 'charge'), p.expand()),
  ),
  api.post('/v1/charges/:id', ({ rt, p, params }) => {
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

/** @see https://docs.stripe.com/api/refunds */
export const refundRoutes = [
  api.post('/v1/refunds', ({ rt, p }) => reply(rt, createRefund(rt, p), p.expand())),
  api.get('/v1/refunds', ({ rt, p }) => {
    p.allow('charge', 'payment_intent', 'limit', 'starting_after', 'ending_before', 'created')
    const charge = p.string('charge')
    const pi = p.string('payment_intent')
    return Response.json(
      listResponse(rt, p, rt.state.collections.refunds.values(), {
        path: '/v1/refunds',
        kind: 'refund',
        filter: (r) => (!charge || r.charge === charge) && (!pi || r.payment_intent === pi),
      }),
    )
  }),
  api.get('/v1/refunds/:id', ({ rt, p, params }) =>
    reply(rt, find(rt, 'refunds', params.id!, 'refund'), p.expand()),
  ),
  api.post('/v1/refunds/:id', ({ rt, p, params }) => {
    p.allow('metadata')
    const refund = find(rt, 'refunds', params.id!, 'refund')
    const before = clone(refund)
    const metadata = p.metadata(refund.metadata)
    if (metadata) refund.metadata = metadata
    const previous = previousAttributes(before, refund)
    if (previous) emitEvent(rt, 'refund.updated', refund, previous)
    return reply(rt, refund, p.expand())
  }),
  api.get('/v1/charges/:id/refunds', ({ rt, p, params }) => {
    p.allow('limit', 'starting_after', 'ending_before')
    const charge = find(rt, 'charges', params.id!, 'charge')
    return Response.json(
      listResponse(rt, p, rt.state.collections.refunds.values(), {
        path: `/v1/charges/${charge.id}/refunds`,
        kind: 'refund',
        filter: (r) => r.charge === charge.id,
      }),
    )
  }),
]
