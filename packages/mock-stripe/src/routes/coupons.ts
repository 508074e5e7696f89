import { listResponse } from '../pagination'
import { present, reply } from '../present'
import { createCoupon, deleteCoupon, findCoupon, refreshCoupon, updateCoupon } from '../resources/coupons'
import { api } from './define'

/** @see https://docs.stripe.com/api/coupons */
export const couponRoutes = [
  api.post('/v1/coupons', ({ rt, p }) => reply(rt, createCoupon(rt, p), p.expand())),
  api.get('/v1/coupons', ({ rt, p }) => {
    p.allow('limit', 'starting_after', 'ending_before', 'created')
    return Response.json(
      listResponse(rt, p, rt.state.collections.coupons.values(), {
        path: '/v1/coupons',
        kind: 'coupon',
        render: (c) => present(rt, refreshCoupon(rt, c)),
      }),
    )
  }),
  api.get('/v1/coupons/:id', ({ rt, p, params }) => reply(rt, findCoupon(rt, params.id!), p.expand())),
  api.post('/v1/coupons/:id', ({ rt, p, params }) =>
    reply(rt, updateCoupon(rt, findCoupon(rt, params.id!), p), p.expand()),
  ),
  api.delete('/v1/coupons/:id', ({ rt, params }) =>
    Response.json(deleteCoupon(rt, findCoupon(rt, params.id!))),
  ),
]
