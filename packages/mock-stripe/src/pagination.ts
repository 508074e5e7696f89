import { invalidRequest, resourceMissing } from './errors'
import { expandList } from './expand'
import type { Params } from './params'
import { present } from './present'
import type { Runtime } from './runtime'
import type { StripeObject } from './state'

export interface ListOptions {
  /** The path this list answers at (`/v1/customers`), for its `url` field. */
  path: string
  /** The noun in "No such customer" when a cursor names nothing. */
  kind: string
  /** Keeps only matching objects (filters such as `email`, `status`). */
  filter?: (object: StripeObject) => boolean
  /** Turns a stored object into what the API shows (defaults to a copy). */
  render?: (object: StripeObject) => StripeObject
}

/** `limit` as Stripe validates it: 1 to 100, default 10. */
export function readLimit(params: Params): number {
  const limit = params.int('limit') ?? 10
  if (limit < 1) throw invalidRequest('This value must be greater than or equal to 1.', { param: 'limit' })
  if (limit > 100) throw invalidRequest('This value must be less than or equal to 100.', { param: 'limit' })
  return limit
}

/**
 * A Stripe list: newest first, `limit`, `starting_after` / `ending_before` cursors, `has_more`, `url`,
 * and `expand[]=data.x`. Cursors are positions in creation order, so a page still turns when the
 * cursor object no longer matches the filter.
 *
 * @see https://docs.stripe.com/api/pagination
 */
export function listResponse(
  rt: Runtime,
  params: Params,
  stored: Iterable<StripeObject>,
  options: ListOptions,
): StripeObject {
  const limit = readLimit(params)
  const all = [...stored].reverse()
  const position = new Map(all.map((o, i) => [o.id as string, i]))
  const created = params.range('created')
  let items = all.filter((o) => (!options.filter || options.filter(o)) && (!created || created(o.created)))
  const after = params.string('starting_after')
  const before = params.string('ending_before')
  let hasMore: boolean
  if (after) {
    const at = position.get(after)
    if (at === undefined) throw resourceMissing(options.kind, after, 'starting_after', 400)
    items = items.filter((o) => position.get(o.id)! > at)
    hasMore = items.length > limit
    items = items.slice(0, limit)
  } else if (before) {
    const at = position.get(before)
    if (at === undefined) throw resourceMissing(options.kind, before, 'ending_before', 400)
    items = items.filter((o) => position.get(o.id)! < at)
    hasMore = items.length > limit
    items = items.slice(Math.max(0, items.length - limit))
  } else {
    hasMore = items.length > limit
    items = items.slice(0, limit)
  }
  const render = options.render ?? ((o: StripeObject) => present(rt, o))
  const list: StripeObject = {
    object: 'list',
    data: items.map(render),
    has_more: hasMore,
    url: rt.basePath + options.path,
  }
  return expandList(rt, list, params.expand())
}

/**
 * A list embedded in a stored object (`subscription.items`, `invoice.lines`). Its `url` is kept as the
 * real host's path; `present` adds the mount prefix when answering.
 */
export function embeddedList(data: StripeObject[], path: string): StripeObject {
  return { object: 'list', data, has_more: false, total_count: data.length, url: path }
}
