import type { Route } from '@understudy/core'
import type { StripeConfig } from '../config'
import { paramsOf, runtimeOf, type StripeContext } from '../context'
import { type EndpointKey, endpoints } from '../generated/endpoints'
import { idempotent } from '../idempotency'
import type { Params } from '../params'
import type { Runtime } from '../runtime'
import type { StripeState } from '../state'

/** What a Stripe route handler gets: the framework context, the runtime, and the parameters. */
export interface StripeCall {
  ctx: StripeContext
  rt: Runtime
  p: Params
  /** Path parameters, named as the operation's key names them (`{id}` → `params.id`). */
  params: Record<string, string>
}

export type StripeHandler = (call: StripeCall) => Response | Promise<Response>

/**
 * Operations of Stripe's API that the generated list (from stripe-node) lacks: Stripe's OpenAPI
 * description has `GET /v1/charges/{charge}/refunds`, but stripe-node no longer wraps it.
 */
const UNLISTED = ['GET /v1/charges/{id}/refunds'] as const

/** What a Stripe route carries for its hooks (`beforeRoute`, the coverage table). */
export interface OperationMeta extends Record<string, unknown> {
  readonly operation: EndpointKey | (typeof UNLISTED)[number]
}

/**
 * A route for one operation of Stripe's API, named as the generated list names it
 * (`POST /v1/customers/{id}`): the key is type-checked against src/generated/endpoints.ts. Handlers get
 * parsed parameters and a runtime; POSTs honour `Idempotency-Key`. Billing due on the mock's clock
 * runs before every operation, in the service's `beforeRoute` hook.
 *
 * @example
 * op('POST /v1/customers', ({ rt, p }) => reply(rt, createCustomer(rt, p)))
 */
export function op(
  key: EndpointKey | (typeof UNLISTED)[number],
  handler: StripeHandler,
): Route<StripeState, StripeConfig> {
  if (!(key in endpoints) && !(UNLISTED as readonly string[]).includes(key))
    throw new Error(`[understudy:stripe] ${key} is not an operation of Stripe's API.`)
  const [method, path] = key.split(' ') as ['GET' | 'POST' | 'DELETE', string]
  const handle = (ctx: StripeContext) =>
    handler({ ctx, rt: runtimeOf(ctx), p: paramsOf(ctx), params: ctx.params })
  const meta: OperationMeta = { operation: key }
  return {
    method,
    path: path.replace(/\{(\w+)\}/g, ':$1'),
    handle: method === 'POST' ? idempotent(handle) : handle,
    options: { meta },
  }
}
