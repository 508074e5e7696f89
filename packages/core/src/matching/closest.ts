/**
 * The nearest recorded request to one that matched nothing, and how the two differ, for
 * `CassetteMissError`. Only runs on a miss, so it may scan the whole cassette.
 *
 * @module
 */

import type { StoredRequest } from '../model/format'
import { childPath } from '../model/json-path'
import { comparableBody, isVolatileHeader, type MatchOn, normalize, stableStringify } from './normalize'

export interface RequestDifference {
  /** Which part differs. */
  part: 'method' | 'host' | 'path' | 'query' | 'body' | 'headers' | 'custom'
  /** Where inside it: a query parameter, a JSONPath into the body, a header name. */
  at?: string
  recorded: string
  actual: string
}

export interface ClosestMatch {
  index: number
  request: StoredRequest
  differences: RequestDifference[]
}

const MAX_DIFFERENCES = 6

/**
 * The recorded request nearest to `actual`, comparing only what `matchOn` compares (method and
 * URL parts always count, so the closest one is recognisable).
 *
 * @example
 * const closest = findClosest(request, cassette.interactions.map((i) => i.request), ['method', 'url', 'body'])
 * closest?.differences // [{ part: 'body', at: '$.title', recorded: '"Bug"', actual: '"bug"' }]
 */
export function findClosest(
  actual: StoredRequest,
  recorded: readonly StoredRequest[],
  matchOn: MatchOn,
  ignoreHeaders: ReadonlySet<string> = new Set(),
): ClosestMatch | undefined {
  if (recorded.length === 0) return undefined
  const a = parts(actual)
  // First pass: cheap score on method and URL parts; the body diff only for the best few.
  const scored = recorded.map((request, index) => {
    const r = parts(request)
    let score = 0
    if (r.method !== a.method) score += 8
    if (r.host !== a.host) score += 16
    if (r.path !== a.path) score += 4 + pathDistance(r.path, a.path)
    if (r.query !== a.query) score += 2
    return { index, request, score }
  })
  scored.sort((x, y) => x.score - y.score || x.index - y.index)
  let best: ClosestMatch | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const candidate of scored.slice(0, 25)) {
    const differences = diffRequests(candidate.request, actual, matchOn, ignoreHeaders)
    const score = candidate.score + differences.length
    if (score < bestScore) {
      best = { index: candidate.index, request: candidate.request, differences }
      bestScore = score
    }
  }
  return best
}

/** How `actual` differs from `recorded`, part by part, at most a handful of lines. */
export function diffRequests(
  recorded: StoredRequest,
  actual: StoredRequest,
  matchOn: MatchOn,
  ignoreHeaders: ReadonlySet<string> = new Set(),
): RequestDifference[] {
  const out: RequestDifference[] = []
  const r = parts(recorded)
  const a = parts(actual)
  const wants = new Set(matchOn.filter((m) => typeof m === 'string'))
  const urlParts = wants.has('url')
  if (r.method !== a.method) out.push({ part: 'method', recorded: r.method, actual: a.method })
  if (r.host !== a.host && (urlParts || wants.has('host')))
    out.push({ part: 'host', recorded: r.host, actual: a.host })
  if (r.path !== a.path && (urlParts || wants.has('path')))
    out.push({ part: 'path', recorded: r.path, actual: a.path })
  if (urlParts || wants.has('query')) out.push(...diffQuery(recorded, actual))
  if (wants.has('body'))
    out.push(...diffValues(comparableBody(recorded), comparableBody(actual), '$', 'body'))
  if (wants.has('headers')) {
    const rh = normalize('headers', recorded, ignoreHeaders)
    const ah = normalize('headers', actual, ignoreHeaders)
    if (rh !== ah) out.push(...diffHeaders(rh, ah))
  }
  matchOn.forEach((m, i) => {
    if (typeof m !== 'function') return
    const rv = m(recorded)
    const av = m(actual)
    if (rv !== av) out.push({ part: 'custom', at: `matchOn[${i}]`, recorded: rv, actual: av })
  })
  return out.slice(0, MAX_DIFFERENCES)
}

function parts(request: StoredRequest) {
  const url = new URL(request.url)
  return { method: request.method.toUpperCase(), host: url.host, path: url.pathname, query: url.search }
}

function pathDistance(a: string, b: string): number {
  const x = a.split('/')
  const y = b.split('/')
  let d = Math.abs(x.length - y.length)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) d++
  return d
}

function diffQuery(recorded: StoredRequest, actual: StoredRequest): RequestDifference[] {
  const r = new URL(recorded.url).searchParams
  const a = new URL(actual.url).searchParams
  const names = [...new Set([...r.keys(), ...a.keys()])].sort()
  const out: RequestDifference[] = []
  for (const name of names) {
    const rv = r.getAll(name)
    const av = a.getAll(name)
    if (rv.join('\u0000') === av.join('\u0000')) continue
    out.push({
      part: 'query',
      at: name,
      recorded: rv.length ? rv.map((v) => JSON.stringify(v)).join(', ') : '(absent)',
      actual: av.length ? av.map((v) => JSON.stringify(v)).join(', ') : '(absent)',
    })
  }
  return out
}

function diffHeaders(recorded: string, actual: string): RequestDifference[] {
  const toMap = (text: string) =>
    new Map(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)] as const),
    )
  const r = toMap(recorded)
  const a = toMap(actual)
  const out: RequestDifference[] = []
  for (const name of [...new Set([...r.keys(), ...a.keys()])].sort()) {
    if (isVolatileHeader(name) || r.get(name) === a.get(name)) continue
    out.push({
      part: 'headers',
      at: name,
      recorded: r.has(name) ? JSON.stringify(r.get(name)) : '(absent)',
      actual: a.has(name) ? JSON.stringify(a.get(name)) : '(absent)',
    })
  }
  return out
}

/** Leaf-level differences between two JSON-like values, as JSONPaths. */
export function diffValues(
  recorded: unknown,
  actual: unknown,
  path = '$',
  part: RequestDifference['part'] = 'body',
): RequestDifference[] {
  const out: RequestDifference[] = []
  // An explicit stack (children pushed in reverse to keep document order): any depth is safe.
  const stack: Array<[unknown, unknown, string]> = [[recorded, actual, path]]
  while (stack.length && out.length < MAX_DIFFERENCES) {
    const [r, a, at] = stack.pop()!
    if (isObject(r) && isObject(a) && Array.isArray(r) === Array.isArray(a)) {
      const keys = Array.isArray(r)
        ? [...Array(Math.max(r.length, (a as unknown[]).length)).keys()]
        : [...new Set([...Object.keys(r), ...Object.keys(a)])]
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!
        stack.push([
          (r as Record<string, unknown>)[key],
          (a as Record<string, unknown>)[key],
          childPath(at, key),
        ])
      }
      continue
    }
    if (r === a || (r !== undefined && a !== undefined && stableStringify(r) === stableStringify(a))) continue
    out.push({ part, at, recorded: show(r), actual: show(a) })
  }
  return out
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)'
  const text =
    typeof value === 'string' && value.length > 80
      ? JSON.stringify(`${value.slice(0, 80)}…`)
      : JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 120)}…` : text
}

/** "body $.title: recorded "Bug", got "bug"" — one line per difference. */
export function formatDifferences(differences: readonly RequestDifference[]): string[] {
  return differences.map((d) => {
    const where = d.part === 'query' ? `query ?${d.at}` : d.at ? `${d.part} ${d.at}` : d.part
    return `${where}: recorded ${d.recorded}, got ${d.actual}`
  })
}
