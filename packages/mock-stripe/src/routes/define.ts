import { type Route, route } from '@understudy/core'
import { idempotent } from '../idempotency'
import type { Params } from '../params'
import { paramsOf, runtimeOf, type StripeContext } from '../request'
import { catchUp } from '../resources/subscriptions'
import type { Runtime } from '../runtime'
import type { StripeState } from '../state'

/** What a Stripe route handler gets: the framework context, the runtime, and the parameters. */
export interface StripeCall {
  ctx: StripeContext
  rt: Runtime
  p: Params
  /** Path parameters (`:id` …). */
  params: Record<string, string>
}

export type StripeHandler = (call: StripeCall) => Response | Promise<Response>

const adapt = (handler: StripeHandler) => (ctx: StripeContext) => {
  const rt = runtimeOf(ctx)
  // Renewals due on the mock's clock happen before the request sees the state (test clocks move on their own).
  catchUp({ ...rt, request: { id: null, idempotency_key: null } }, (customer) => !customer?.test_clock)
  return handler({ ctx, rt, p: paramsOf(ctx), params: ctx.params })
}

/**
 * Route helpers for Stripe: handlers get parsed parameters and a runtime; POSTs honour
 * `Idempotency-Key`.
 *
 * @example
 * api.post('/v1/customers', ({ rt, p }) => reply(rt, createCustomer(rt, p)))
 */
export const api = {
  get: (path: string, handler: StripeHandler): Route<StripeState> => route.get(path, adapt(handler)),
  post: (path: string, handler: StripeHandler): Route<StripeState> =>
    route.post(path, idempotent(adapt(handler))),
  delete: (path: string, handler: StripeHandler): Route<StripeState> => route.delete(path, adapt(handler)),
}
