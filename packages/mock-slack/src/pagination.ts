import { fail } from './errors'

/**
 * Cursor pagination as Slack does it: `limit` + `cursor` in, `response_metadata.next_cursor` out
 * (`""` on the last page). Cursors are opaque base64 strings naming the next item, like Slack's
 * (`dXNlcjpVMDYxTkZUVDI=` is `user:U061NFTT2`), so they survive items added before them.
 *
 * @see https://docs.slack.dev/apis/web-api/pagination
 */
export interface Page<T> {
  items: T[]
  nextCursor: string
}

export function encodeCursor(kind: string, key: string): string {
  return btoa(`${kind}:${key}`)
}

function decodeCursor(kind: string, cursor: string): string {
  let text: string
  try {
    text = atob(cursor)
  } catch {
    return fail('invalid_cursor')
  }
  if (!text.startsWith(`${kind}:`)) fail('invalid_cursor')
  return text.slice(kind.length + 1)
}

/**
 * One page of `items` (already in response order), starting at the item the cursor names.
 * `limit` falls back to `defaultLimit` and is capped at `maxLimit`, as each method documents.
 */
export function paginate<T>(
  items: readonly T[],
  options: {
    kind: string
    key: (item: T) => string
    cursor: string | undefined
    limit: number | undefined
    defaultLimit: number
    maxLimit: number
  },
): Page<T> {
  const { kind, key, cursor } = options
  let start = 0
  if (cursor) {
    const wanted = decodeCursor(kind, cursor)
    start = items.findIndex((item) => key(item) === wanted)
    if (start < 0) fail('invalid_cursor')
  }
  let limit = options.limit ?? options.defaultLimit
  if (limit <= 0) limit = options.defaultLimit
  limit = Math.min(limit, options.maxLimit)
  const pageItems = items.slice(start, start + limit)
  const next = items[start + limit]
  return { items: pageItems, nextCursor: next === undefined ? '' : encodeCursor(kind, key(next)) }
}
