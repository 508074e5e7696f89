import { compilePattern } from './route'
import type { LoggedRequest } from './types'

/**
 * What `calls()` accepts: `'POST /v1/customers'` or `'/v1/customers'` (patterns with `:params` work),
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

/** The request log: a bounded array, oldest first. */
export class RequestLog {
  readonly entries: LoggedRequest[] = []
  constructor(private readonly limit: number) {}

  push(entry: LoggedRequest): void {
    this.entries.push(entry)
    // Trim in batches: dropping one entry per request would shift the whole array every time.
    if (this.entries.length > this.limit + Math.max(64, this.limit >> 4)) {
      this.entries.splice(0, this.entries.length - this.limit)
    }
  }

  find(matcher?: RequestMatcher): LoggedRequest[] {
    const predicate = toPredicate(matcher)
    return this.entries.filter(predicate)
  }

  clear(): void {
    this.entries.length = 0
  }
}
