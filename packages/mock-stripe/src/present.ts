import { expandObject } from './expand'
import type { Runtime } from './runtime'
import { clone, type StripeObject } from './state'

function prefixListUrls(rt: Runtime, object: StripeObject): void {
  for (const value of Object.values(object)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue
    if (value.object === 'list' && typeof value.url === 'string' && rt.basePath)
      value.url = rt.basePath + value.url
  }
}

/**
 * What the API answers for a stored object: a copy, embedded list URLs on the base the request came
 * in on, and `expand[]` applied.
 */
export function present(rt: Runtime, object: StripeObject, expand: readonly string[] = []): StripeObject {
  const copy = clone(object)
  prefixListUrls(rt, copy)
  return expandObject(rt, copy, expand)
}

/** `present` as a JSON response. */
export function reply(rt: Runtime, object: StripeObject, expand: readonly string[] = []): Response {
  return Response.json(present(rt, object, expand))
}
