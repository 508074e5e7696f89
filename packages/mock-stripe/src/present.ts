import { bytesResponse } from '@understudy/core'
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

const encoder = new TextEncoder()
// Copied into each Response's own Headers, so finalize's additions never reach it.
const JSON_HEADERS = { 'content-type': 'application/json' } as const

/**
 * `Response.json`, over bytes the mock keeps: `finalize` (for `Content-Length`) and idempotency (for the
 * saved answer) take them back without reading the Response's stream.
 */
export function json(data: unknown, init: ResponseInit = {}): Response {
  const bytes = encoder.encode(JSON.stringify(data))
  if (init.headers === undefined) return bytesResponse(bytes, { ...init, headers: JSON_HEADERS })
  const headers = new Headers(init.headers)
  if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  return bytesResponse(bytes, { ...init, headers })
}

/** `present` as a JSON response. */
export function reply(rt: Runtime, object: StripeObject, expand: readonly string[] = []): Response {
  // With nothing to change, serializing the stored object itself gives the same bytes as a copy would.
  if (expand.length === 0 && !rt.basePath) return json(object)
  return json(present(rt, object, expand))
}
