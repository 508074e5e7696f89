import type { ServiceContext } from './types'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

export type RouteHandler<S, C = unknown> = (ctx: ServiceContext<S, C>) => Response | Promise<Response>

export interface RouteOptions {
  /** false for endpoints the real service answers without credentials (e.g. GitHub's `GET /zen`). */
  auth?: boolean
  /** A name for logs and fault matching; defaults to `METHOD pattern`. */
  name?: string
  /** Free-form data a service reads in its hooks (scopes a Slack method needs, a rate-limit tier...). */
  meta?: Record<string, unknown>
}

export interface Route<S, C = unknown> {
  readonly method: Method | '*'
  /** `/repos/:owner/:repo/issues/:number` (or `{number}`); a final `:name*` takes the rest of the path. */
  readonly path: string
  readonly handle: RouteHandler<S, C>
  readonly options: RouteOptions
}

const verb =
  (method: Method | '*') =>
  <S, C = unknown>(path: string, handle: RouteHandler<S, C>, options: RouteOptions = {}): Route<S, C> => ({
    method,
    path,
    handle,
    options,
  })

/**
 * Route helpers: routes are plain data, made from a verb table.
 *
 * @example
 * route.post('/repos/:owner/:repo/issues', ({ params, body, state }) => Response.json(state.create(params, body), { status: 201 }))
 */
export const route = {
  get: verb('GET'),
  post: verb('POST'),
  put: verb('PUT'),
  patch: verb('PATCH'),
  delete: verb('DELETE'),
  head: verb('HEAD'),
  all: verb('*'),
}

export interface CompiledPattern {
  readonly source: string
  /** How many `/` a path it matches has (a trailing one aside); -1 when a wildcard takes any number. */
  readonly slashes: number
  match(path: string): Record<string, string> | undefined
}

/** The number of `/` in a path, a trailing one left out (the patterns match with or without it). */
function slashes(path: string): number {
  let count = 0
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) count++
  return path.length > 1 && path.endsWith('/') ? count - 1 : count
}

/** The first segment of a path: `repos` for `/repos/octo/hello`. */
function firstSegment(path: string): string {
  const end = path.indexOf('/', 1)
  return end === -1 ? path.slice(1) : path.slice(1, end)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A path segment percent-decoded, or as it is when it does not decode (a stray `%`). */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * Compiles `/a/:b/:rest*` (and `*` as a bare wildcard) into a matcher. Params come out URI-decoded.
 * A param is `:name` at the start of a segment or `{name}` anywhere in one, so
 * `/v1beta/models/{model}:generateContent` and `/v1beta/models/gemini-2.0-flash:generateContent`
 * match Google's custom-method paths with `:generateContent` as literal text.
 */
export function compilePattern(pattern: string): CompiledPattern {
  const names: string[] = []
  let wildcard = false
  const source = pattern
    .split('/')
    .map((segment) => {
      const rest = /^:(\w+)\*$/.exec(segment)
      if (rest) {
        names.push(rest[1]!)
        wildcard = true
        return '(.+)'
      }
      if (segment === '*') {
        names.push('*')
        wildcard = true
        return '(.*)'
      }
      // `:name` opens a segment; `{name}` (OpenAPI) may sit anywhere in one. Any other `:` is literal
      // text: Google's custom methods put it after the resource (`/models/{model}:generateContent`).
      return segment.replace(
        /^:(\w+)|\{(\w+)\}|([^{]+|\{)/g,
        (_, colon: string | undefined, brace: string | undefined, literal: string | undefined) => {
          const name = colon ?? brace
          if (name) {
            names.push(name)
            return '([^/]+?)'
          }
          return escapeRegExp(literal ?? '')
        },
      )
    })
    .join('/')
  const regex = new RegExp(`^${source}/?$`)
  return {
    source: pattern,
    slashes: wildcard ? -1 : slashes(pattern),
    match(path) {
      const m = regex.exec(path)
      if (!m) return undefined
      const params: Record<string, string> = {}
      for (let i = 0; i < names.length; i++) {
        const raw = m[i + 1] ?? ''
        // Most segments have nothing to decode: decoding copies the string anyway.
        params[names[i]!] = raw.includes('%') ? decodeSegment(raw) : raw
      }
      return params
    },
  }
}

export interface RouteMatch<S, C = unknown> {
  route: Route<S, C>
  params: Record<string, string>
  /** How the request log names the route: its `name`, else `METHOD /path`. Made once per route. */
  name: string
  /** True when the path matched but not with this method (→ the service's 404/405). */
  methodMismatch?: boolean
}

interface TableEntry<S, C> {
  route: Route<S, C>
  pattern: CompiledPattern
  name: string
}

/**
 * A route table. Routes are grouped by their first literal path segment, so a lookup tries only the
 * few routes that can match instead of scanning the whole service; within a group, only patterns
 * with as many segments as the path (or a wildcard) are tried. The first route that matches, in the
 * order given, wins.
 */
export class RouteTable<S, C = unknown> {
  private readonly buckets = new Map<string, TableEntry<S, C>[]>()
  private readonly dynamic: TableEntry<S, C>[] = []

  constructor(routes: readonly Route<S, C>[]) {
    for (const route of routes) {
      const entry = {
        route,
        pattern: compilePattern(route.path),
        name: route.options.name ?? `${route.method} ${route.path}`,
      }
      const first = route.path.split('/')[1] ?? ''
      if (!first || first.startsWith(':') || first === '*') this.dynamic.push(entry)
      else {
        const bucket = this.buckets.get(first) ?? []
        bucket.push(entry)
        this.buckets.set(first, bucket)
      }
    }
  }

  /** The route for a request; a HEAD is served by a HEAD route, else by the GET route (without its body). */
  match(method: string, path: string): RouteMatch<S, C> | undefined {
    const bucket = this.buckets.get(firstSegment(path))
    const count = slashes(path)
    const found =
      this.find(method, bucket, path, count) ??
      (method === 'HEAD' ? this.find('GET', bucket, path, count) : undefined)
    if (found) return found
    // The path's first route, for the service's 405 (or 404): no route takes this method on it.
    const pathMatch = this.find(undefined, bucket, path, count)
    if (pathMatch) pathMatch.methodMismatch = true
    return pathMatch
  }

  /** The first route for `method` (any method when undefined) on `path`: its bucket's, then the dynamic ones. */
  private find(
    method: string | undefined,
    bucket: readonly TableEntry<S, C>[] | undefined,
    path: string,
    count: number,
  ): RouteMatch<S, C> | undefined {
    return (bucket && findIn(bucket, method, path, count)) ?? findIn(this.dynamic, method, path, count)
  }
}

function findIn<S, C>(
  entries: readonly TableEntry<S, C>[],
  method: string | undefined,
  path: string,
  count: number,
): RouteMatch<S, C> | undefined {
  for (const { route, pattern, name } of entries) {
    if (pattern.slashes !== -1 && pattern.slashes !== count) continue
    if (method !== undefined && route.method !== method && route.method !== '*') continue
    const params = pattern.match(path)
    if (params) return { route, params, name }
  }
  return undefined
}
