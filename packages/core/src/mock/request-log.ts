import { compilePattern } from './route'
import type { LoggedRequest } from './types'

/**
 * What `calls()` accepts: `'POST /v1/customers'` or `'/v1/customers'` (patterns with `:params` opening a
 * segment or `{params}` anywhere in one work; any other `:` is literal, as in `/models/{model}:generateContent`),
 * a partial entry (`{ method: 'POST', path: /issues$/ }`), or a predicate.
 */
export type RequestMatcher =
  | string
  | { method?: string; path?: string | RegExp; status?: number; partition?: string }
  | ((entry: LoggedRequest) => boolean)

function toPredicate(matcher: RequestMatcher | undefined): (entry: LoggedRequest) => boolean {
  if (matcher === undefined) return () => true
  if (typeof matcher === 'function') return matcher
  if (typeof matcher === 'string') {
    const [first, second] = matcher.trim().split(/\s+/)
    const method = second ? first!.toUpperCase() : undefined
    const pattern = compilePattern(second ?? first!)
    return (entry) => (!method || entry.method === method) && pattern.match(entry.path) !== undefined
  }
  const { method, path, status, partition } = matcher
  const pattern = typeof path === 'string' ? compilePattern(path) : undefined
  return (entry) =>
    (!method || entry.method === method.toUpperCase()) &&
    (status === undefined || entry.status === status) &&
    (partition === undefined || entry.partition === partition) &&
    (path === undefined ||
      (path instanceof RegExp ? path.test(entry.path) : pattern!.match(entry.path) !== undefined))
}

/** Bodies larger than this are logged as a {@link TruncatedBody}: their size and first KiB. */
export const LOG_BODY_LIMIT = 256 * 1024
/** What the log keeps of bodies in all, by default: the oldest entries go first beyond it. */
export const LOG_BYTES_LIMIT = 64 * 1024 * 1024

/** What the log shows instead of a body larger than {@link LOG_BODY_LIMIT}. */
export interface TruncatedBody {
  readonly truncated: true
  /** The body's full size in bytes. */
  readonly bytes: number
  /** Its first KiB, as text. */
  readonly preview: string
}

/** A truncated-body marker for `bytes` bytes of `text`. */
export function truncatedBody(bytes: number, text: string): TruncatedBody {
  return { truncated: true, bytes, preview: text.slice(0, 1024) }
}

/**
 * The request log: a bounded array, oldest first, bounded by entries and by the body bytes it
 * holds, so big bodies can never grow it without end.
 */
export class RequestLog {
  readonly entries: LoggedRequest[] = []
  private readonly sizes: number[] = []
  private bytes = 0
  constructor(
    private readonly limit: number,
    private readonly maxBytes: number = LOG_BYTES_LIMIT,
  ) {}

  /** Adds an entry that keeps `bytes` of bodies alive. */
  push(entry: LoggedRequest, bytes = 0): void {
    this.entries.push(entry)
    this.sizes.push(bytes)
    this.bytes += bytes
    let drop = 0
    // Trim in batches: dropping one entry per request would shift the whole array every time.
    if (this.entries.length > this.limit + Math.max(64, this.limit >> 4))
      drop = this.entries.length - this.limit
    let freed = 0
    for (let i = 0; i < drop; i++) freed += this.sizes[i]!
    while (this.bytes - freed > this.maxBytes && drop < this.entries.length - 1) freed += this.sizes[drop++]!
    if (drop > 0) {
      this.entries.splice(0, drop)
      this.sizes.splice(0, drop)
      this.bytes -= freed
    }
  }

  /** Body bytes the log holds now. */
  get heldBytes(): number {
    return this.bytes
  }

  find(matcher?: RequestMatcher): LoggedRequest[] {
    const predicate = toPredicate(matcher)
    return this.entries.filter(predicate)
  }

  clear(): void {
    this.entries.length = 0
    this.sizes.length = 0
    this.bytes = 0
  }
}
