import { InvalidOptionError } from '../errors'
import { type CompiledPattern, compilePattern } from './route'

/**
 * One operation of the real service, as its official API description lists it. Mocks generate these
 * from the spec (`src/generated/`), so a request the real service would serve but the mock does not
 * can be told apart from a path that does not exist.
 */
export interface KnownEndpoint {
  /** `GET`, `POST`...; `*` for an operation every method reaches (Slack's Web API methods). */
  readonly method: string
  /** The path at the real host, with `{param}` (OpenAPI) or `:param` segments: `/orgs/{org}/teams`. */
  readonly path: string
  /** The operation's reference page. */
  readonly docs?: string
  /** The group it belongs to in the reference (`issues`, `chat`, `Billing`...), for coverage tables. */
  readonly area?: string
}

/** What `onUnimplemented` hears about: a request the real service has an endpoint for and the mock lacks. */
export interface UnimplementedRequest {
  readonly service: string
  readonly method: string
  readonly url: string
  /** The path at the real host. */
  readonly path: string
  /** The spec's operation it matched. */
  readonly endpoint: KnownEndpoint
}

/**
 * What a mock does with a request for an endpoint it does not implement, like msw's
 * `onUnhandledRequest`: it always answers `501` in the service's error shape (or, for `'error'`,
 * drops the connection); `'warn'` also prints a console warning; `'error'` prints an error and fails
 * the call with a network error, so a test cannot pass over it. A function decides per request: call
 * `print.warning()` or `print.error()` for those behaviours, or nothing for a quiet 501.
 */
export type OnUnimplemented =
  | 'respond'
  | 'warn'
  | 'error'
  | ((request: UnimplementedRequest, print: { warning(): void; error(): void }) => void)

const STRATEGIES = ['respond', 'warn', 'error']

/** Throws `InvalidOptionError` unless `value` is a strategy name or a function. */
export function checkOnUnimplemented(value: unknown): asserts value is OnUnimplemented | undefined {
  if (value === undefined || typeof value === 'function' || STRATEGIES.includes(value as string)) return
  throw new InvalidOptionError(
    'onUnimplemented',
    `${JSON.stringify(value)} is not a strategy. Use 'respond', 'warn', 'error' or a function. For example: { onUnimplemented: 'error' }.`,
  )
}

function describe(request: UnimplementedRequest): string {
  const { endpoint } = request
  const docs = endpoint.docs ? ` (${endpoint.docs})` : ''
  return `[understudy:${request.service}] ${request.method} ${request.url} is ${endpoint.method === '*' ? '' : `${endpoint.method} `}${endpoint.path}${docs}, an endpoint of the real API that the mock does not implement.`
}

/**
 * Applies the strategy: prints what it says and tells whether the call must fail (`'error'`).
 *
 * @example
 * if (decideUnimplemented('warn', info)) return Response.error()
 */
export function decideUnimplemented(
  strategy: OnUnimplemented | undefined,
  request: UnimplementedRequest,
): 'respond' | 'error' {
  let outcome: 'respond' | 'error' = 'respond'
  const print = {
    warning: () => console.warn(`${describe(request)} It answered 501.`),
    error: () => {
      outcome = 'error'
      console.error(
        `${describe(request)} onUnimplemented: 'error' failed the call with a network error; implement the endpoint, stub it with fail({ response }), or set onUnimplemented to 'respond'.`,
      )
    },
  }
  if (typeof strategy === 'function') strategy(request, print)
  else if (strategy === 'warn') print.warning()
  else if (strategy === 'error') print.error()
  return outcome
}

/**
 * The operations of a service's spec, matched by method and path. Groups by first literal segment as
 * the route table does, since generated lists run to a thousand entries.
 */
export class EndpointIndex {
  private readonly buckets = new Map<string, Array<{ endpoint: KnownEndpoint; pattern: CompiledPattern }>>()

  constructor(endpoints: readonly KnownEndpoint[]) {
    for (const endpoint of endpoints) {
      const path = endpoint.path.replace(/\{(\w+)\}/g, ':$1')
      const first = path.split('/')[1] ?? ''
      const key = first.startsWith(':') ? '' : first
      const bucket = this.buckets.get(key) ?? []
      bucket.push({ endpoint, pattern: compilePattern(path) })
      this.buckets.set(key, bucket)
    }
  }

  /** The spec's operation for this method and path, if the real service has one. HEAD finds GET. */
  match(method: string, path: string): KnownEndpoint | undefined {
    const first = path.split('/')[1] ?? ''
    const candidates = [...(this.buckets.get(first) ?? []), ...(this.buckets.get('') ?? [])]
    const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method]
    for (const { endpoint, pattern } of candidates) {
      if (endpoint.method !== '*' && !wanted.includes(endpoint.method)) continue
      if (pattern.match(path)) return endpoint
    }
    return undefined
  }
}

/** Marks a response as the mock's "not implemented" answer (header `x-understudy-unimplemented: 1`). */
export function markUnimplemented(response: Response): Response {
  if (response.type === 'error') return response
  try {
    response.headers.set('x-understudy-unimplemented', '1')
    return response
  } catch {
    // Headers of a fetched Response are immutable: copy it.
    const headers = new Headers(response.headers)
    headers.set('x-understudy-unimplemented', '1')
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }
}

/** A generic 501 for services that give no `errors.unimplemented` hook. */
export function defaultUnimplemented(request: UnimplementedRequest): Response {
  return Response.json(
    {
      error: {
        message: `${request.method} ${request.path} is not implemented by the understudy ${request.service} mock.`,
        ...(request.endpoint.docs ? { documentation_url: request.endpoint.docs } : {}),
      },
    },
    { status: 501 },
  )
}
