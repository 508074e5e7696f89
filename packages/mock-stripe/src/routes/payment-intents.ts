import { listResponse } from '../pagination'
import { json, reply } from '../present'
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  updatePaymentIntent,
} from '../resources/payment-intents'
import { find } from '../resources/shared'
import { searchResponse } from '../search'
import { op } from './define'

/** @see https://docs.stripe.com/api/payment_intents */
export const paymentIntentRoutes = [
  op('POST /v1/payment_intents', ({ rt, p }) => reply(rt, createPaymentIntent(rt, p), p.expand())),
  op('GET /v1/payment_intents', ({ rt, p }) => {
    p.allow('customer', 'limit', 'starting_after', 'ending_before', 'created')
    const customer = p.string('customer')
    return json(
      listResponse(rt, p, rt.state.collections.payment_intents.values(), {
        path: '/v1/payment_intents',
        kind: 'payment_intent',
        filter: (pi) => !customer || pi.customer === customer,
      }),
    )
  }),
  op('GET /v1/payment_intents/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return json(
      searchResponse(rt, p, rt.state.collections.payment_intents.values(), {
        resource: 'payment_intents',
        fields: ['amount', 'created', 'currency', 'customer', 'status'],
        path: '/v1/payment_intents/search',
      }),
    )
  }),
  op('GET /v1/payment_intents/{id}', ({ rt, p, params }) => {
    p.allow('client_secret')
    return reply(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p.expand())
  }),
  op('POST /v1/payment_intents/{id}', ({ rt, p, params }) =>
    reply(
      rt,
      updatePaymentIntent(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p),
      p.expand(),
    ),
  ),
  op('POST /v1/payment_intents/{id}/confirm', ({ rt, p, params }) => {
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
  op('POST /v1/payment_intents/{id}/capture', ({ rt, p, params }) =>
    reply(
      rt,
      capturePaymentIntent(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p),
      p.expand(),
    ),
  ),
  op('POST /v1/payment_intents/{id}/cancel', ({ rt, p, params }) =>
    reply(
      rt,
      cancelPaymentIntent(rt, find(rt, 'payment_intents', params.id!, 'payment_intent'), p),
      p.expand(),
    ),
  ),
]
