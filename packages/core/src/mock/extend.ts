/**
 * The one extension model: per-request locals for what a service learns while serving a request, and
 * `extend` for members a service adds to (or overrides on) the instance.
 *
 * @module
 */

import type { ServiceContext } from './types'

/**
 * A typed accessor for `ctx.locals`: data one request carries between the service's hooks and routes
 * (who the caller is, its request id, its rate-limit status), gone with the request.
 *
 * @example
 * const locals = requestLocals<{ requestId?: string }>()
 * export const requestId = (ctx: ServiceContext<State>) => (locals(ctx).requestId ??= ctx.ids.next('req_', 14))
 */
export function requestLocals<L extends object>(): (
  ctx: Pick<ServiceContext<unknown>, 'locals'>,
) => Partial<L> {
  return (ctx) => ctx.locals as Partial<L>
}

/**
 * The instance with the extension's members added or put in place of the base's. Getters stay live
 * (a spread would freeze `handlers`, `requests` and `webhooks` at their first value); the extension
 * calls the base for the base's behaviour.
 *
 * @example
 * const mock = extendMock(base, { reset() { extra.clear(); base.reset() }, advanceTime })
 */
export function extendMock<B extends object, X extends object>(base: B, extension: X): Omit<B, keyof X> & X {
  return Object.defineProperties(
    {},
    { ...Object.getOwnPropertyDescriptors(base), ...Object.getOwnPropertyDescriptors(extension) },
  ) as Omit<B, keyof X> & X
}
