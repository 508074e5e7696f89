import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { find } from '../resources/shared'
import { cancelSubscription, createSubscription, updateSubscription } from '../resources/subscriptions'
import { searchResponse } from '../search'
import type { StripeObject } from '../state'
import { op } from './define'

/** @see https://docs.stripe.com/api/subscriptions */
export const subscriptionRoutes = [
  op('POST /v1/subscriptions', ({ rt, p }) => reply(rt, createSubscription(rt, p), p.expand())),
  op('GET /v1/subscriptions', ({ rt, p }) => {
    p.allow(
      'customer',
      'price',
      'status',
      'collection_method',
      'test_clock',
      'created',
      'limit',
      'starting_after',
      'ending_before',
      'current_period_end',
      'current_period_start',
      'automatic_tax',
      'plan',
    )
    const customer = p.string('customer')
    const price = p.string('price') ?? p.string('plan')
    const status = p.enum('status', [
      'active',
      'all',
      'canceled',
      'ended',
      'incomplete',
      'incomplete_expired',
      'past_due',
      'paused',
      'trialing',
      'unpaid',
    ] as const)
    const collection = p.string('collection_method')
    const clock = p.string('test_clock')
    return json(
      listResponse(rt, p, rt.state.collections.subscriptions.values(), {
        path: '/v1/subscriptions',
        kind: 'subscription',
        filter: (s) =>
          (!customer || s.customer === customer) &&
          (!price || (s.items.data as StripeObject[]).some((i) => i.price.id === price)) &&
          // Without a status filter Stripe leaves canceled subscriptions out.
          (status === 'all' ||
            (status === undefined && s.status !== 'canceled') ||
            (status === 'ended' && ['canceled', 'incomplete_expired'].includes(s.status)) ||
            s.status === status) &&
          (!collection || s.collection_method === collection) &&
          // Test-clock subscriptions show only for their clock or their customer.
          (clock ? s.test_clock === clock : !s.test_clock || Boolean(customer)),
      }),
    )
  }),
  op('GET /v1/subscriptions/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return json(
      searchResponse(rt, p, rt.state.collections.subscriptions.values(), {
        resource: 'subscriptions',
        fields: ['created', 'status'],
        path: '/v1/subscriptions/search',
      }),
    )
  }),
  op('GET /v1/subscriptions/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'subscriptions', params.id!, 'subscription'), p.expand()),
  ),
  op('POST /v1/subscriptions/{id}', ({ rt, p, params }) =>
    reply(rt, updateSubscription(rt, find(rt, 'subscriptions', params.id!, 'subscription'), p), p.expand()),
  ),
  op('DELETE /v1/subscriptions/{id}', ({ rt, p, params }) =>
    reply(rt, cancelSubscription(rt, find(rt, 'subscriptions', params.id!, 'subscription'), p), p.expand()),
  ),
  op('GET /v1/subscription_items', ({ rt, p }) => {
    p.allow('subscription', 'limit', 'starting_after', 'ending_before')
    const sub = find(
      rt,
      'subscriptions',
      p.string('subscription', { required: true })!,
      'subscription',
      'subscription',
    )
    return json(
      listResponse(rt, p, rt.state.collections.subscription_items.values(), {
        path: '/v1/subscription_items',
        kind: 'subscription item',
        filter: (si) => si.subscription === sub.id,
      }),
    )
  }),
  op('GET /v1/subscription_items/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'subscription_items', params.id!, 'subscription item'), p.expand()),
  ),
]
