import { listResponse } from '../pagination'
import { json, present, reply } from '../present'
import { createCoupon, deleteCoupon, findCoupon, refreshCoupon, updateCoupon } from '../resources/coupons'
import { op } from './define'

/** @see https://docs.stripe.com/api/coupons */
export const couponRoutes = [
  op('POST /v1/coupons', ({ rt, p }) => reply(rt, createCoupon(rt, p), p.expand())),
  op('GET /v1/coupons', ({ rt, p }) => {
    p.allow('limit', 'starting_after', 'ending_before', 'created')
    return json(
      listResponse(rt, p, rt.state.collections.coupons.values(), {
        path: '/v1/coupons',
        kind: 'coupon',
        render: (c) => present(rt, refreshCoupon(rt, c)),
      }),
    )
  }),
  op('GET /v1/coupons/{id}', ({ rt, p, params }) => reply(rt, findCoupon(rt, params.id!), p.expand())),
  op('POST /v1/coupons/{id}', ({ rt, p, params }) =>
    reply(rt, updateCoupon(rt, findCoupon(rt, params.id!), p), p.expand()),
  ),
  op('DELETE /v1/coupons/{id}', ({ rt, params }) => json(deleteCoupon(rt, findCoupon(rt, params.id!)))),
]
