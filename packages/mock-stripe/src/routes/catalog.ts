import { listResponse } from '../pagination'
import { reply } from '../present'
import { createPrice, createProduct, deleteProduct, updatePrice, updateProduct } from '../resources/catalog'
import { find } from '../resources/shared'
import { searchResponse } from '../search'
import { api } from './define'

/** @see https://docs.stripe.com/api/products */
export const productRoutes = [
  api.post('/v1/products', ({ rt, p }) => reply(rt, createProduct(rt, p), p.expand())),
  api.get('/v1/products', ({ rt, p }) => {
    p.allow('active', 'ids', 'shippable', 'url', 'limit', 'starting_after', 'ending_before', 'created')
    const active = p.bool('active')
    const ids = p.strings('ids')
    const shippable = p.bool('shippable')
    const url = p.string('url')
    return Response.json(
      listResponse(rt, p, rt.state.collections.products.values(), {
        path: '/v1/products',
        kind: 'product',
        filter: (o) =>
          (active === undefined || o.active === active) &&
          (!ids || ids.includes(o.id)) &&
          (shippable === undefined || o.shippable === shippable) &&
          (url === undefined || o.url === url),
      }),
    )
  }),
  api.get('/v1/products/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return Response.json(
      searchResponse(rt, p, rt.state.collections.products.values(), {
        resource: 'products',
        fields: ['active', 'created', 'description', 'name', 'shippable', 'url'],
        path: '/v1/products/search',
      }),
    )
  }),
  api.get('/v1/products/:id', ({ rt, p, params }) => {
    return reply(rt, find(rt, 'products', params.id!, 'product'), p.expand())
  }),
  api.post('/v1/products/:id', ({ rt, p, params }) =>
    reply(rt, updateProduct(rt, find(rt, 'products', params.id!, 'product'), p), p.expand()),
  ),
  api.delete('/v1/products/:id', ({ rt, params }) =>
    Response.json(deleteProduct(rt, find(rt, 'products', params.id!, 'product'))),
  ),
]

/** @see https://docs.stripe.com/api/prices */
export const priceRoutes = [
  api.post('/v1/prices', ({ rt, p }) => reply(rt, createPrice(rt, p), p.expand())),
  api.get('/v1/prices', ({ rt, p }) => {
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
    return Response.json(
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
  api.get('/v1/prices/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return Response.json(
      searchResponse(rt, p, rt.state.collections.prices.values(), {
        resource: 'prices',
        fields: ['active', 'currency', 'lookup_key', 'product', 'type'],
        path: '/v1/prices/search',
      }),
    )
  }),
  api.get('/v1/prices/:id', ({ rt, p, params }) =>
    reply(rt, find(rt, 'prices', params.id!, 'price'), p.expand()),
  ),
  api.post('/v1/prices/:id', ({ rt, p, params }) =>
    reply(rt, updatePrice(rt, find(rt, 'prices', params.id!, 'price'), p), p.expand()),
  ),
]
