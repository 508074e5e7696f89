import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { find } from '../resources/shared'
import { op } from './define'

/** @see https://docs.stripe.com/api/events */
export const eventRoutes = [
  op('GET /v1/events', ({ rt, p }) => {
    p.allow('type', 'types', 'created', 'delivery_success', 'limit', 'starting_after', 'ending_before')
    const type = p.string('type')
    const types = p.strings('types')
    // `type` takes a `*` wildcard: `customer.*`, `invoice.payment_*`.
    const pattern = type
      ? new RegExp(`^${type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
      : undefined
    return json(
      listResponse(rt, p, rt.state.collections.events.values(), {
        path: '/v1/events',
        kind: 'event',
        filter: (e) => (!pattern || pattern.test(e.type)) && (!types || types.includes(e.type)),
      }),
    )
  }),
  op('GET /v1/events/{id}', ({ rt, params }) => reply(rt, find(rt, 'events', params.id!, 'event'))),
]
