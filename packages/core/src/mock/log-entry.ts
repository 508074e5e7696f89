import { headersToObject, queryToObject } from './body'
import { type BodyContent, describeBytes } from './buffered'
import { LOG_BODY_LIMIT, truncatedBody } from './request-log'
import type { LoggedRequest } from './types'

/** The fields of an entry computed on first read: most entries are never read. */
type LazyKey = 'query' | 'headers' | 'responseHeaders' | 'responseBody'

/** A lazy field's value before its first read or write. */
const UNSET: unique symbol = Symbol('unset')

/**
 * What an entry's lazy fields are computed from, and their values once computed or assigned: one
 * object per entry (a record of values beside it was a second one, and the log keeps thousands).
 */
class Sources {
  query: unknown = UNSET
  headers: unknown = UNSET
  responseHeaders: unknown = UNSET
  responseBody: unknown = UNSET
  constructor(
    /** `?a=1` or `''`. */
    readonly search: string,
    readonly requestHeaderMap: Headers,
    readonly responseHeaderMap: Headers,
    readonly content: BodyContent | undefined,
  ) {}
}

// A non-enumerable symbol: nothing extra shows in the entry's keys, JSON or spread copies. (A
// WeakMap beside the entries did the same, but its ephemeron table cost every scavenge.)
const SOURCES = Symbol('understudy.logSources')
const sourcesOf = (entry: object) => (entry as { [SOURCES]: Sources })[SOURCES]

const COMPUTE: Record<LazyKey, (sources: Sources) => unknown> = {
  query: (s) => queryToObject(new URLSearchParams(s.search)),
  headers: (s) => headersToObject(s.requestHeaderMap),
  responseHeaders: (s) => headersToObject(s.responseHeaderMap),
  // Read with the body, not at logging: most entries are never read.
  responseBody: (s) => describeBytes(s.responseHeaderMap.get('content-type'), s.content),
}

/**
 * An enumerable accessor computed on first read and assignable like a plain field. One descriptor
 * (and one pair of functions) per field for all entries: a closure per field per request was a good
 * part of what logging a request allocated.
 */
function lazy(key: LazyKey): PropertyDescriptor {
  const compute = COMPUTE[key]
  return {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const sources = sourcesOf(this)
      if (sources[key] === UNSET) sources[key] = compute(sources)
      return sources[key]
    },
    set(this: object, value: unknown) {
      sourcesOf(this)[key] = value
    },
  }
}
const QUERY = lazy('query')
const HEADERS = lazy('headers')
const RESPONSE_HEADERS = lazy('responseHeaders')
const RESPONSE_BODY = lazy('responseBody')
const SOURCES_SLOT: PropertyDescriptor = { value: undefined }

export interface EntryInput {
  id: string
  service: string
  partition: string
  method: string
  path: string
  via?: LoggedRequest['via'] | undefined
  search: string
  url: string
  requestHeaders: Headers
  body: unknown
  response: Response
  /** The response body as held, when it was buffered; undefined for streams and no body. */
  content: BodyContent | undefined
  route?: string | undefined
  fault?: LoggedRequest['fault'] | undefined
  delayMs?: number | undefined
  unimplemented?: true | undefined
  startedAt: number
  durationMs: number
}

/**
 * A log entry, its fields in the order they are shown, with `query`, `headers`, `responseHeaders`
 * and `responseBody` turned into objects on first read. A response body over the log's limit is
 * kept as its size and first KiB. Returns the body bytes the entry keeps alive.
 */
export function logEntry(input: EntryInput): { entry: LoggedRequest; bytes: number } {
  const { response, content } = input
  const entry: Record<string, unknown> = {
    id: input.id,
    service: input.service,
    partition: input.partition,
    method: input.method,
    path: input.path,
  }
  if (input.via) entry.via = input.via
  Object.defineProperty(entry, 'query', QUERY)
  entry.url = input.url
  Object.defineProperty(entry, 'headers', HEADERS)
  entry.body = input.body
  entry.status = response.status
  Object.defineProperty(entry, 'responseHeaders', RESPONSE_HEADERS)
  // A string's length stands for its size: what the log holds of it, without encoding it to count.
  let bytes = content?.length ?? 0
  if (bytes > LOG_BODY_LIMIT) {
    const head = content!.slice(0, 4096)
    entry.responseBody = truncatedBody(
      bytes,
      typeof head === 'string' ? head : new TextDecoder().decode(head),
    )
    bytes = 0
  } else if (content !== undefined || (response.type !== 'error' && response.body)) {
    // Held content means a body; without it, asking a buffered response for `body` would make a stream.
    Object.defineProperty(entry, 'responseBody', RESPONSE_BODY)
  } else entry.responseBody = undefined
  if (input.route !== undefined) entry.route = input.route
  if (input.fault) entry.fault = input.fault
  if (input.delayMs !== undefined) entry.delayMs = input.delayMs
  if (input.unimplemented) entry.unimplemented = true
  entry.startedAt = input.startedAt
  entry.durationMs = input.durationMs
  // One descriptor for every entry (emptied after use, so it keeps nothing alive).
  SOURCES_SLOT.value = new Sources(input.search, input.requestHeaders, response.headers, content)
  Object.defineProperty(entry, SOURCES, SOURCES_SLOT)
  SOURCES_SLOT.value = undefined
  return { entry: entry as unknown as LoggedRequest, bytes }
}
