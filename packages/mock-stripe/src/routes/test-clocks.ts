import { invalidRequest, resourceMissing } from '../errors'
import { testClockDefaults } from '../fixtures/misc'
import { listResponse } from '../pagination'
import { json, present, reply } from '../present'
import { find } from '../resources/shared'
import { advanceSubscription } from '../resources/subscriptions'
import { now, type Runtime } from '../runtime'
import type { StripeObject } from '../state'
import { emitEvent } from '../webhooks/events'
import { op } from './define'

/**
 * Moves a test clock to `frozenTime`: every subscription of its customers renews, ends its trial or
 * is canceled as it would have in that time, with the invoices and events.
 */
export function advanceTestClock(rt: Runtime, clock: StripeObject, frozenTime: number): StripeObject {
  if (frozenTime <= clock.frozen_time) {
    throw invalidRequest("The frozen_time must be after the test clock's current frozen_time.", {
      param: 'frozen_time',
    })
  }
  clock.status = 'advancing'
  clock.status_details = { advancing: { target_frozen_time: frozenTime } }
  emitEvent(rt, 'test_helpers.test_clock.advancing', clock)
  const answer = present(rt, clock)
  clock.frozen_time = frozenTime
  for (const sub of [...rt.state.collections.subscriptions.values()]) {
    const customer = rt.state.collections.customers.get(sub.customer)
    if (customer?.test_clock === clock.id) advanceSubscription(rt, sub, frozenTime)
  }
  clock.status = 'ready'
  clock.status_details = {}
  emitEvent(rt, 'test_helpers.test_clock.ready', clock)
  return answer
}

/** @see https://docs.stripe.com/api/test_clocks */
export const testClockRoutes = [
  op('POST /v1/test_helpers/test_clocks', ({ rt, p }) => {
    p.allow('frozen_time', 'name')
    const clock = testClockDefaults(
      rt.state.ids.next('clock_', 24),
      now(rt),
      p.int('frozen_time', { required: true })!,
    )
    clock.name = p.string('name') ?? null
    rt.state.collections.test_clocks.set(clock.id, clock)
    emitEvent(rt, 'test_helpers.test_clock.created', clock)
    return reply(rt, clock, p.expand())
  }),
  op('GET /v1/test_helpers/test_clocks', ({ rt, p }) => {
    p.allow('limit', 'starting_after', 'ending_before')
    return json(
      listResponse(rt, p, rt.state.collections.test_clocks.values(), {
        path: '/v1/test_helpers/test_clocks',
        kind: 'test_helpers.test_clock',
      }),
    )
  }),
  op('GET /v1/test_helpers/test_clocks/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'test_clocks', params.id!, 'test_helpers.test_clock'), p.expand()),
  ),
  op('DELETE /v1/test_helpers/test_clocks/{id}', ({ rt, params }) => {
    const clock = find(rt, 'test_clocks', params.id!, 'test_helpers.test_clock')
    const { collections } = rt.state
    // Deleting a clock deletes everything attached to it, as in Stripe.
    for (const customer of [...collections.customers.values()]) {
      if (customer.test_clock !== clock.id) continue
      for (const sub of [...collections.subscriptions.values()])
        if (sub.customer === customer.id) collections.subscriptions.delete(sub.id)
      collections.customers.delete(customer.id)
      rt.state.deleted.set(customer.id, 'customer')
    }
    collections.test_clocks.delete(clock.id)
    rt.state.deleted.set(clock.id, 'test_helpers.test_clock')
    emitEvent(rt, 'test_helpers.test_clock.deleted', clock)
    return json({ id: clock.id, object: 'test_helpers.test_clock', deleted: true })
  }),
  op('POST /v1/test_helpers/test_clocks/{id}/advance', ({ rt, p, params }) => {
    p.allow('frozen_time')
    const clock = rt.state.collections.test_clocks.get(params.id!)
    if (!clock) throw resourceMissing('test_helpers.test_clock', params.id!)
    return json(advanceTestClock(rt, clock, p.int('frozen_time', { required: true })!))
  }),
]
