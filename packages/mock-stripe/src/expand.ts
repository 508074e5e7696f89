import { invalidRequest } from './errors'
import type { Runtime } from './runtime'
import { clone, collectionOf, lookup, type StripeObject } from './state'

type Includable = (rt: Runtime, object: StripeObject) => unknown

/**
 * Fields that exist only when expanded (`customer.subscriptions`, `checkout.session.line_items`), by
 * object type. Filled in by the resource modules that know how to build them.
 */
const includables = new Map<string, Map<string, Includable>>()

/** @example registerIncludable('checkout.session', 'line_items', (rt, session) => listOf(...)) */
export function registerIncludable(objectType: string, field: string, build: Includable): void {
  const fields = includables.get(objectType) ?? new Map<string, Includable>()
  fields.set(field, build)
  includables.set(objectType, fields)
}

// Stripe refuses deeper paths: "You cannot expand more than 4 levels of a property."
const MAX_DEPTH = 4

function resolve(rt: Runtime, id: string): StripeObject | undefined {
  const found = lookup(rt.state, id)
  if (found) return clone(found)
  const deleted = rt.state.deleted.get(id)
  return deleted ? { id, object: deleted, deleted: true } : undefined
}

function isIdOfObject(value: unknown): value is string {
  return typeof value === 'string' && collectionOf(value) !== undefined
}

function cannotExpand(path: string, hint?: string): never {
  throw invalidRequest(`This property cannot be expanded (${path}).${hint ? ` ${hint}` : ''}`)
}

/** Expands `segments` inside `holder[key]`, replacing ids with (copies of) their objects. */
function expandAt(rt: Runtime, holder: StripeObject, segments: string[], full: string): void {
  const [key, ...rest] = segments
  if (key === undefined) return
  let included = false
  if (!(key in holder)) {
    const build = includables.get(String(holder.object))?.get(key)
    if (!build) cannotExpand(full)
    holder[key] = build(rt, holder)
    included = true
  }
  const value = holder[key]
  if (value === null || value === undefined) return
  if (Array.isArray(value)) {
    // `discounts` and other arrays of ids expand element by element.
    value.forEach((element, i) => {
      const slot: StripeObject = { [key]: element }
      expandAt(rt, slot, [key, ...rest], full)
      value[i] = slot[key]
    })
    return
  }
  if (typeof value === 'string') {
    if (!isIdOfObject(value)) cannotExpand(full)
    const object = resolve(rt, value)
    if (!object) return
    holder[key] = object
  } else if (typeof value !== 'object') {
    cannotExpand(full)
  } else if (rest.length === 0 && !included && !('object' in value)) {
    // A plain hash (metadata, address) is always included; it is not an expandable object.
    cannotExpand(full)
  }
  if (rest.length) expandAt(rt, holder[key] as StripeObject, rest, full)
}

/**
 * Applies `expand[]` to one object (already a copy: it is changed in place and returned).
 *
 * @see https://docs.stripe.com/expand
 */
export function expandObject(rt: Runtime, object: StripeObject, paths: readonly string[]): StripeObject {
  for (const path of paths) {
    const segments = path.split('.')
    if (segments.length > MAX_DEPTH)
      throw invalidRequest('You cannot expand more than 4 levels of a property.')
    expandAt(rt, object, segments, path)
  }
  return object
}

/** Applies `expand[]` to a list or search result: paths name `data.<field>` (and `total_count` on search). */
export function expandList(rt: Runtime, list: StripeObject, paths: readonly string[]): StripeObject {
  for (const path of paths) {
    const [first, ...rest] = path.split('.')
    if (first === 'total_count' && list.object === 'search_result') continue
    if (first !== 'data' || rest.length === 0) {
      cannotExpand(path, `You may want to try expanding 'data.${path}' instead.`)
    }
    if (path.split('.').length > MAX_DEPTH)
      throw invalidRequest('You cannot expand more than 4 levels of a property.')
    for (const item of list.data as StripeObject[]) expandAt(rt, item, rest, path)
  }
  return list
}
