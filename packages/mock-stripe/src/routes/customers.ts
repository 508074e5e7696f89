import { resourceMissing } from '../errors'
import { listResponse } from '../pagination'
import { json, present, reply } from '../present'
import { createCustomer, deleteCustomer, updateCustomer } from '../resources/customers'
import { find } from '../resources/shared'
import { searchResponse } from '../search'
import { op } from './define'

/** @see https://docs.stripe.com/api/customers */
export const customerRoutes = [
  op('POST /v1/customers', ({ rt, p }) => reply(rt, createCustomer(rt, p), p.expand())),
  op('GET /v1/customers', ({ rt, p }) => {
    p.allow('email', 'limit', 'starting_after', 'ending_before', 'created', 'test_clock')
    const email = p.string('email')
    const clock = p.string('test_clock')
    return json(
      listResponse(rt, p, rt.state.collections.customers.values(), {
        path: '/v1/customers',
        kind: 'customer',
        // The email filter is exact and case-sensitive, unlike search. Customers on a test clock are
        // listed only when that clock is asked for.
        filter: (c) =>
          (email === undefined || c.email === email) &&
          (clock === undefined ? !c.test_clock : c.test_clock === clock),
      }),
    )
  }),
  op('GET /v1/customers/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return json(
      searchResponse(rt, p, rt.state.collections.customers.values(), {
        resource: 'customers',
        fields: ['created', 'email', 'name', 'phone'],
        path: '/v1/customers/search',
      }),
    )
  }),
  op('GET /v1/customers/{id}', ({ rt, p, params }) => {
    const id = params.id!
    if (rt.state.deleted.get(id) === 'customer') return json({ id, object: 'customer', deleted: true })
    return reply(rt, find(rt, 'customers', id, 'customer'), p.expand())
  }),
  op('POST /v1/customers/{id}', ({ rt, p, params }) =>
    reply(rt, updateCustomer(rt, find(rt, 'customers', params.id!, 'customer'), p), p.expand()),
  ),
  op('DELETE /v1/customers/{id}', ({ rt, params }) =>
    json(deleteCustomer(rt, find(rt, 'customers', params.id!, 'customer'))),
  ),
  op('GET /v1/customers/{id}/payment_methods', ({ rt, p, params }) => {
    p.allow('type', 'limit', 'starting_after', 'ending_before', 'allow_redisplay')
    const customer = find(rt, 'customers', params.id!, 'customer')
    const type = p.string('type')
    return json(
      listResponse(rt, p, rt.state.collections.payment_methods.values(), {
        path: `/v1/customers/${customer.id}/payment_methods`,
        kind: 'PaymentMethod',
        filter: (m) => m.customer === customer.id && (!type || m.type === type),
      }),
    )
  }),
  op('GET /v1/customers/{customerId}/payment_methods/{id}', ({ rt, p, params }) => {
    const customer = find(rt, 'customers', params.customerId!, 'customer')
    const method = rt.state.collections.payment_methods.get(params.id!)
    if (!method || method.customer !== customer.id) {
      throw resourceMissing('PaymentMethod', params.id!)
    }
    return json(present(rt, method, p.expand()))
  }),
]
