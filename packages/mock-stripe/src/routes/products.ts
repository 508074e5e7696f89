import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { createProduct, deleteProduct, updateProduct } from '../resources/catalog'
import { find } from '../resources/shared'
import { searchResponse } from '../search'
import { op } from './define'

/** @see https://docs.stripe.com/api/products */
export const productRoutes = [
  op('POST /v1/products', ({ rt, p }) => reply(rt, createProduct(rt, p), p.expand())),
  op('GET /v1/products', ({ rt, p }) => {
    p.allow('active', 'ids', 'shippable', 'url', 'limit', 'starting_after', 'ending_before', 'created')
    const active = p.bool('active')
    const ids = p.strings('ids')
    const shippable = p.bool('shippable')
    const url = p.string('url')
    return json(
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
  op('GET /v1/products/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return json(
      searchResponse(rt, p, rt.state.collections.products.values(), {
        resource: 'products',
        fields: ['active', 'created', 'description', 'name', 'shippable', 'url'],
        path: '/v1/products/search',
      }),
    )
  }),
  op('GET /v1/products/{id}', ({ rt, p, params }) => {
    return reply(rt, find(rt, 'products', params.id!, 'product'), p.expand())
  }),
  op('POST /v1/products/{id}', ({ rt, p, params }) =>
    reply(rt, updateProduct(rt, find(rt, 'products', params.id!, 'product'), p), p.expand()),
  ),
  op('DELETE /v1/products/{id}', ({ rt, params }) =>
    json(deleteProduct(rt, find(rt, 'products', params.id!, 'product'))),
  ),
]
