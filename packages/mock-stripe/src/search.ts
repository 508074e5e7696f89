import { invalidRequest } from './errors'
import { expandList } from './expand'
import type { Params } from './params'
import { present } from './present'
import type { Runtime } from './runtime'
import type { StripeObject } from './state'

/**
 * Stripe's search query language, the part agents use: `field:'value'` (exact, case-insensitive),
 * `field~'sub'` (substring, 3+ characters), `-field:…` (negation), `metadata['key']:'value'`,
 * `field:null`, numeric `>`, `<`, `>=`, `<=`, and clauses joined by `AND` or by `OR` (not both).
 *
 * @see https://docs.stripe.com/search#search-query-language
 */
interface Clause {
  negate: boolean
  field: string
  metadataKey?: string
  op: ':' | '~' | '>' | '<' | '>=' | '<='
  value: string | number | null
}

const CLAUSE =
  /^\s*(-)?([a-z_.]+)(?:\[\s*(?:'([^']*)'|"([^"]*)")\s*\])?\s*(>=|<=|:|~|>|<)\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|(null))\s*/i

function queryError(query: string, detail: string): never {
  throw invalidRequest(`Invalid search query: ${detail} (query: ${query})`, { param: 'query' })
}

export function parseQuery(query: string): { clauses: Clause[]; join: 'AND' | 'OR' } {
  const clauses: Clause[] = []
  const joins = new Set<'AND' | 'OR'>()
  let rest = query
  for (;;) {
    const m = CLAUSE.exec(rest)
    if (!m) queryError(query, `could not parse near "${rest.trim().slice(0, 30)}"`)
    const [, neg, field, mk1, mk2, op, s1, s2, num, nul] = m
    const str = s1 ?? s2
    clauses.push({
      negate: neg === '-',
      field: field!.toLowerCase(),
      ...(mk1 !== undefined || mk2 !== undefined ? { metadataKey: (mk1 ?? mk2)! } : {}),
      op: op as Clause['op'],
      value:
        str !== undefined ? str.replace(/\\(.)/g, '$1') : num !== undefined ? Number(num) : nul ? null : '',
    })
    rest = rest.slice(m[0].length)
    if (!rest.trim()) break
    const join = /^(AND|OR)\s+/.exec(rest)
    if (!join) queryError(query, `expected AND or OR near "${rest.trim().slice(0, 30)}"`)
    joins.add(join[1] as 'AND' | 'OR')
    rest = rest.slice(join[0].length)
  }
  if (joins.size > 1) queryError(query, 'AND and OR cannot be combined in one query')
  return { clauses, join: joins.has('OR') ? 'OR' : 'AND' }
}

function valueAt(object: StripeObject, path: string): unknown {
  let value: unknown = object
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as StripeObject)[part]
  }
  return value
}

function test(object: StripeObject, clause: Clause): boolean {
  const actual =
    clause.field === 'metadata'
      ? (object.metadata?.[clause.metadataKey ?? ''] ?? null)
      : valueAt(object, clause.field)
  const { op, value } = clause
  let ok: boolean
  if (value === null) ok = actual === null || actual === undefined
  else if (op === ':') ok = actual !== null && String(actual).toLowerCase() === String(value).toLowerCase()
  else if (op === '~')
    ok = typeof actual === 'string' && actual.toLowerCase().includes(String(value).toLowerCase())
  else {
    const a = Number(actual)
    const b = Number(value)
    ok = op === '>' ? a > b : op === '<' ? a < b : op === '>=' ? a >= b : a <= b
  }
  return clause.negate ? !ok : ok
}

export interface SearchOptions {
  /** `customers`, `payment_intents`… as in the docs' "query fields for X". */
  resource: string
  /** Fields Stripe lets this resource be searched by (`metadata` is implied). */
  fields: readonly string[]
  path: string
}

/**
 * A `search_result`: `data`, `has_more`, `next_page` (an opaque page token for `page`), `url`, and
 * `total_count` when expanded.
 */
export function searchResponse(
  rt: Runtime,
  params: Params,
  stored: Iterable<StripeObject>,
  options: SearchOptions,
): StripeObject {
  const query = params.string('query', { required: true })!
  const { clauses, join } = parseQuery(query)
  for (const clause of clauses) {
    if (
      clause.field === 'metadata' ? clause.metadataKey === undefined : !options.fields.includes(clause.field)
    ) {
      throw invalidRequest(
        `Field \`${clause.field}\` is an unsupported search field for resource \`${options.resource}\`. See https://docs.stripe.com/search#query-fields-for-${options.resource.replace(/_/g, '-')} for a list of supported fields.`,
        { param: 'query' },
      )
    }
    if (clause.op === '~' && String(clause.value).length < 3) {
      queryError(query, 'substring matches (~) need at least 3 characters')
    }
  }
  const limit = params.int('limit') ?? 10
  if (limit < 1 || limit > 100) {
    throw invalidRequest('This value must be between 1 and 100.', { param: 'limit' })
  }
  const page = params.string('page')
  let offset = 0
  if (page) {
    const decoded = /^page_(\d+)$/.exec(Buffer.from(page, 'base64url').toString('utf8'))
    if (!decoded)
      throw invalidRequest('Invalid page: the page token is not one this search returned.', { param: 'page' })
    offset = Number(decoded[1])
  }
  const matches = [...stored]
    .reverse()
    .filter((o) => (join === 'AND' ? clauses.every((c) => test(o, c)) : clauses.some((c) => test(o, c))))
  const data = matches.slice(offset, offset + limit)
  const hasMore = offset + limit < matches.length
  const expand = params.expand()
  const result: StripeObject = {
    object: 'search_result',
    data: data.map((o) => present(rt, o)),
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(`page_${offset + limit}`).toString('base64url') : null,
    url: rt.basePath + options.path,
    ...(expand.includes('total_count') ? { total_count: matches.length } : {}),
  }
  return expandList(rt, result, expand)
}
