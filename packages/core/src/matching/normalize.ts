/**
 * Request matching: one normalizer per `matchOn` key; a request's match key is their values joined,
 * so a cassette is an index (Map) from key to recorded interactions, and a lookup is O(1).
 *
 * @module
 */

import { InvalidOptionError } from '../errors'
import { bodyValue, type StoredRequest, storedHeader } from '../model/format'

/** What two requests must share to match. */
export type MatchKey = 'method' | 'url' | 'host' | 'path' | 'query' | 'body' | 'headers'

/** A custom matcher: requests match when it returns the same string for both. */
export type MatchFunction = (request: StoredRequest) => string

export type MatchOn = ReadonlyArray<MatchKey | MatchFunction>

/** vcrpy's default minus the parts of `url` it lists separately: method, full URL, body. */
export const DEFAULT_MATCH_ON: readonly MatchKey[] = ['method', 'url', 'body']

export const MATCH_KEYS: readonly MatchKey[] = ['method', 'url', 'host', 'path', 'query', 'body', 'headers']

/**
 * Headers `headers` matching leaves out: they change between runs or clients without changing what
 * is asked (SDK telemetry such as OpenAI's `x-stainless-*`, transport headers, the date).
 */
export function isVolatileHeader(name: string): boolean {
  return (
    VOLATILE_HEADERS.has(name) ||
    name.startsWith('x-stainless-') ||
    name.startsWith('sec-') ||
    name === 'x-stripe-client-user-agent'
  )
}

const VOLATILE_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'accept-encoding',
  'user-agent',
  'date',
  'x-interceptors-internal-request-id',
])

export interface Matcher {
  readonly matchOn: MatchOn
  /** The request's match key: equal keys match. */
  key(request: StoredRequest): string
}

/**
 * @example
 * const matcher = createMatcher(['method', 'path'])
 * matcher.key({ method: 'get', url: 'https://x.test/a?b=1', headers: {} }) // 'GET\u0000/a'
 */
export function createMatcher(
  matchOn: MatchOn = DEFAULT_MATCH_ON,
  ignoreHeaders: ReadonlySet<string> = new Set(),
): Matcher {
  if (!Array.isArray(matchOn) || matchOn.length === 0) {
    throw new InvalidOptionError(
      'matchOn',
      `expected a non-empty array of ${MATCH_KEYS.join(', ')} (or functions), e.g. ['method', 'url', 'body'].`,
    )
  }
  for (const entry of matchOn) {
    if (typeof entry !== 'function' && !MATCH_KEYS.includes(entry)) {
      throw new InvalidOptionError(
        'matchOn',
        `"${String(entry)}" is not one of ${MATCH_KEYS.join(', ')}. For example: ['method', 'url', 'body'].`,
      )
    }
  }
  const parts = matchOn.map((entry) =>
    typeof entry === 'function'
      ? entry
      : (request: StoredRequest) => normalize(entry, request, ignoreHeaders),
  )
  return {
    matchOn,
    key: (request) => {
      if (parts.length === 1) return parts[0]!(request)
      let out = ''
      for (let i = 0; i < parts.length; i++) out += (i ? '\u0000' : '') + parts[i]!(request)
      return out
    },
  }
}

/** The normalized value of one part of a request. */
export function normalize(
  part: MatchKey,
  request: StoredRequest,
  ignoreHeaders: ReadonlySet<string> = new Set(),
): string {
  switch (part) {
    case 'method':
      return request.method.toUpperCase()
    case 'url': {
      const url = new URL(request.url)
      return `${url.origin}${url.pathname}${canonicalQuery(url.searchParams)}`
    }
    case 'host':
      return new URL(request.url).host
    case 'path':
      return new URL(request.url).pathname
    case 'query':
      return canonicalQuery(new URL(request.url).searchParams)
    case 'body':
      return canonicalBody(request)
    case 'headers': {
      const lines: string[] = []
      for (const name of Object.keys(request.headers)) {
        const lower = name.toLowerCase()
        if (ignoreHeaders.has(lower) || isVolatileHeader(lower)) continue
        const value = request.headers[name]!
        lines.push(`${lower}:${Array.isArray(value) ? value.join(', ') : value}`)
      }
      return lines.sort().join('\n')
    }
  }
}

function canonicalQuery(params: URLSearchParams): string {
  const entries = [...params]
  if (entries.length === 0) return ''
  entries.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
  return `?${new URLSearchParams(entries).toString()}`
}

/** JSON with sorted keys, form fields sorted, text as is, binary as its base64. */
export function canonicalBody(request: StoredRequest): string {
  const body = request.body
  if (!body) return ''
  if ('json' in body) return stableStringify(body.json)
  if ('base64' in body) return `base64:${body.base64}`
  const type = storedHeader(request.headers, 'content-type')
  if (type && /x-www-form-urlencoded/i.test(type)) return canonicalQuery(new URLSearchParams(body.text))
  return body.text
}

/** `JSON.stringify` with object keys sorted at every level. Iterative: any depth is safe. */
export function stableStringify(value: unknown): string {
  const out: string[] = []
  // Tasks: a string is written as is; a box is a value still to serialize. Pushed in reverse.
  const stack: Array<string | { value: unknown }> = [{ value }]
  while (stack.length) {
    const task = stack.pop()!
    if (typeof task === 'string') {
      out.push(task)
      continue
    }
    const v = task.value
    if (typeof v !== 'object' || v === null) {
      out.push(JSON.stringify(v) ?? 'null')
      continue
    }
    const parts: Array<string | { value: unknown }> = []
    if (Array.isArray(v)) {
      parts.push('[')
      v.forEach((item, i) => {
        if (i > 0) parts.push(',')
        parts.push({ value: item })
      })
      parts.push(']')
    } else {
      parts.push('{')
      let first = true
      for (const key of Object.keys(v).sort()) {
        const item = (v as Record<string, unknown>)[key]
        if (item === undefined) continue
        parts.push(`${first ? '' : ','}${JSON.stringify(key)}:`, { value: item })
        first = false
      }
      parts.push('}')
    }
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!)
  }
  return out.join('')
}

/** The body as a value to diff: JSON, form fields as an object, or text. */
export function comparableBody(request: StoredRequest): unknown {
  const body = request.body
  if (!body) return undefined
  if ('text' in body) {
    const type = storedHeader(request.headers, 'content-type')
    if (type && /x-www-form-urlencoded/i.test(type)) return Object.fromEntries(new URLSearchParams(body.text))
  }
  return (
    bodyValue(body) ??
    ('base64' in body ? `<${Math.ceil((body.base64.length * 3) / 4)} bytes of binary>` : undefined)
  )
}
