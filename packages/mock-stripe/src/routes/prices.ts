import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { createPrice, updatePrice } from '../resources/catalog'
import { find } from '../resources/shared'
import { searchResponse } from '../search'
import { op } from './define'

/** @see https://docs.stripe.com/api/prices */
export const priceRoutes = [
  op('POST /v1/prices', ({ rt, p }) => reply(rt, createPrice(rt, p), p.expand())),
  op('GET /v1/prices', ({ rt, p }) => {
    p.allow(
      'active',
      'currency',
      'product',
      'type',
      'recurring',
      'lookup_keys',
      'limit',
      'starting_after',
      'ending_before',
      'created',
    )
    const active = p.bool('active')
    const currency = p.string('currency')?.toLowerCase()
    const product = p.string('product')
    const type = p.enum('type', ['one_time', 'recurring'] as const)
    const lookupKeys = p.strings('lookup_keys')
    const interval = p.object('recurring')?.string('interval')
    return json(
      listResponse(rt, p, rt.state.collections.prices.values(), {
        path: '/v1/prices',
        kind: 'price',
        filter: (o) =>
          (active === undefined || o.active === active) &&
          (!currency || o.currency === currency) &&
          (!product || o.product === product) &&
          (!type || o.type === type) &&
          (!lookupKeys || lookupKeys.includes(o.lookup_key)) &&
          (!interval || o.recurring?.interval === interval),
      }),
    )
  }),
  op('GET /v1/prices/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return json(
      searchResponse(rt, p, rt.state.collections.prices.values(), {
        resource: 'prices',
        fields: ['active', 'currency', 'lookup_key', 'product', 'type'],
        path: '/v1/prices/search',
      }),
    )
  }),
  op('GET /v1/prices/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'prices', params.id!, 'price'), p.expand()),
  ),
  op('POST /v1/prices/{id}', ({ rt, p, params }) =>
    reply(rt, updatePrice(rt, find(rt, 'prices', params.id!, 'price'), p), p.expand()),
  ),
]
