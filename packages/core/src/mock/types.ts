import type { Clock } from './clock'
import type { IdGenerator } from './ids'
import type { Route } from './route'
import type { KnownEndpoint, UnimplementedRequest } from './unimplemented'
import type { WebhookDispatcher } from './webhooks'

/**
 * What a route handler gets: the request, parsed, plus the partition's state, the mock-wide `config`
 * and the mock's tools.
 */
export interface ServiceContext<S, C = unknown> {
  /** The incoming request. Its body has been read: use `body`, `text` or `rawBody`. */
  readonly request: Request
  readonly method: string
  /** The path as it is at the real host (`/repos/octo/hello/issues`), without mount prefix or query. */
  readonly path: string
  readonly params: Record<string, string>
  readonly query: URLSearchParams
  readonly headers: Headers
  /** The body parsed as the service parses it (JSON, form fields), or undefined when empty. */
  readonly body: unknown
  /** Set when the body could not be parsed as its content type says; `body` then holds the text. */
  readonly bodyError?: Error
  readonly text: string
  readonly rawBody: Uint8Array
  /** The partition's state. */
  readonly state: S
  readonly partition: string
  /**
   * The mock-wide config (`ServiceDefinition.config`): the factory's options, validated once, with the
   * service's defaults. The same frozen object for every partition and request.
   */
  readonly config: Readonly<C>
  /** The credential the request carried (token / API key), if any. */
  readonly credential: string | undefined
  /**
   * Where the request came in: `https://api.github.com`, or `http://127.0.0.1:4010/github` behind the
   * standalone server. URLs in responses are built on it so clients that follow them stay on the mock.
   */
  readonly baseUrl: string
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly webhooks: WebhookDispatcher
  /** The matched route's options (`meta` carries service-specific data). */
  readonly routeOptions: Route<S, C>['options']
  /** Emits a state-change event for observers (dashboard, tests). */
  emit(event: string, data?: unknown): void
  /**
   * A value computed from the partition's state once and reused until the state may have changed
   * (a request other than GET, HEAD or OPTIONS, a seed, `mock.state()`, `changed()`): for a
   * route's render of state it only reads. The key must name everything else the value depends
   * on (the caller's access, `baseUrl`, query options).
   *
   * @example
   * const text = ctx.memo(`repo ${repo.id} ${access} ${ctx.baseUrl}`, () => JSON.stringify(render(repo)))
   */
  memo<T>(key: string, compute: () => T): T
  /**
   * Marks the partition's state as changed by a request whose method says it does not change it
   * (a GET that runs due billing): memoized values are computed again.
   */
  changed(): void
  /**
   * This request's own scratch space, shared by the service's hooks and the route (who the caller is,
   * its request id...). Read it typed through `requestLocals<L>()`.
   */
  readonly locals: Record<string, unknown>
}

/** Hooks a service gives to shape errors as the real service does. */
export interface ServiceErrors<S, C = unknown> {
  /** No route matches the path (or the method): the service's own "not found". */
  notFound(ctx: ServiceContext<S, C>): Response
  /** An injected fault with an HTTP status, in the service's error shape. */
  fault(ctx: ServiceContext<S, C>, fault: { status: number; message?: string }): Response
  /** An injected rate limit, with the service's status, body and headers (Retry-After...). */
  rateLimited(ctx: ServiceContext<S, C>, limit: { retryAfter: number } & Record<string, unknown>): Response
  /** The handler threw something that is not a service error: a bug in the mock, shown as a 500. */
  internal(ctx: ServiceContext<S, C>, error: unknown): Response
  /**
   * An endpoint of the real service (one of `endpoints`) that no route implements: a `501` in the
   * service's error shape, naming the endpoint and its docs. The framework adds
   * `x-understudy-unimplemented: 1`. Without this hook the answer is a generic JSON 501.
   */
  unimplemented?(ctx: ServiceContext<S, C>, request: UnimplementedRequest): Response
}

export interface StateFactoryContext<C = unknown> {
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly partition: string
  /** The mock-wide config, as routes see it in `ctx.config`. */
  readonly config: Readonly<C>
}

/**
 * A service's mock-wide settings: what its factory's own options become (strict tokens, rate limits,
 * where the app listens), declared once and read by routes, hooks and state factories as `ctx.config`.
 * The factory checks its options (with its options schema) and passes them as the third argument of
 * `createServiceMock`; settings it leaves undefined keep these defaults.
 */
export interface ServiceConfig<C> {
  /** The value of every setting the factory does not pass. */
  readonly defaults: C
}

/** A service, described as data plus a few hooks. `createServiceMock` turns it into a running mock. */
export interface ServiceDefinition<S, Seed = unknown, C = unknown> {
  /** Short name: `github`, `slack`, `stripe`, `openai`. */
  readonly name: string
  /** The real hosts, as origins: `https://api.github.com`. */
  readonly hosts: readonly string[]
  readonly routes: readonly Route<S, C>[]
  /**
   * Every operation of the real service, generated from its official spec: a request that matches one
   * and no route answers `501` (`errors.unimplemented`) instead of the service's 404.
   */
  readonly endpoints?: readonly KnownEndpoint[]
  /**
   * The mock-wide config (`ctx.config`) and its defaults. State is only data: settings every partition
   * shares live here, not copied into each partition's state.
   */
  readonly config?: ServiceConfig<C>
  /** A fresh, empty state for one partition. */
  createState(ctx: StateFactoryContext<C>): S
  /** Adds seed data to a state. Throw `SeedError` with a helpful message for bad shapes. */
  seed?(state: S, data: Seed, ctx: StateFactoryContext<C>): void
  /** A JSON-safe view of a state for the dashboard and the admin API. */
  snapshot?(state: S): unknown
  /** The credential a request carries (default: Authorization `Bearer x`, `token x`, Basic `x:`). */
  credential?(request: Request, body: unknown): string | undefined
  /**
   * The partition a credential's requests go to under `partitionBy: 'credential'` (default: the
   * credential itself). For credentials that change per request but belong together: a GitHub App's
   * JWTs (new at every call) and the installation tokens it was issued. Gets the mock-wide config.
   */
  partition?(request: Request, credential: string, config: Readonly<C>): string | undefined
  /** Parses the request body (default: JSON, form-encoded fields, or text). */
  parseBody?(request: Request, raw: Uint8Array, text: string): unknown
  /** Runs before every route whose `auth` is not false: return a Response to refuse (401...). */
  authenticate?(ctx: ServiceContext<S, C>): Response | undefined | Promise<Response | undefined>
  /**
   * Runs before every matched route, after `authenticate`: work every route needs first (Stripe runs
   * the clock's due billing). Return a Response to answer instead of the route.
   */
  beforeRoute?(ctx: ServiceContext<S, C>): Response | undefined | Promise<Response | undefined>
  /** Decorates every response (request ids, rate-limit headers). */
  finalize?(ctx: ServiceContext<S, C>, response: Response): Response | Promise<Response>
  readonly errors: ServiceErrors<S, C>
}

/** A service definition whose instances carry service-specific members. */
export interface ExtendedServiceDefinition<S, Seed, X extends object, C = unknown>
  extends ServiceDefinition<S, Seed, C> {
  /**
   * Members the service adds to the instance, or puts in place of the base's (`reset` that also clears
   * the service's own registries, a `fail` with the service's own fault kinds). Gets the base instance.
   */
  extend(mock: import('./create-mock').ServiceMock<S, Seed, C>): X
}

/** One request the mock served, as `mock.requests` logs it. */
export interface LoggedRequest {
  readonly id: string
  readonly service: string
  readonly partition: string
  readonly method: string
  /** The path at the real host, without mount prefix, `baseUrl` path or query. */
  readonly path: string
  readonly query: Record<string, string | string[]>
  readonly url: string
  readonly headers: Record<string, string>
  /** Parsed JSON, or form fields as the service parses them, or text; undefined when empty. */
  readonly body: unknown
  readonly status: number
  readonly responseHeaders: Record<string, string>
  /** Parsed JSON or text; `'[stream]'` for streamed bodies, which are not buffered. */
  readonly responseBody: unknown
  /** For a request logged under another name (`HandleOptions.logAs`): the REST request it made. */
  readonly via?: { readonly method: string; readonly path: string }
  /** The route pattern that served it (`POST /repos/:owner/:repo/issues`), if any. */
  readonly route?: string
  /** The fault that answered it or delayed it, if any. */
  readonly fault?: 'status' | 'rateLimit' | 'latency' | 'drop'
  /** Latency injected by `fail({ latency })`, in ms. */
  readonly delayMs?: number
  /** The real service has this endpoint and the mock does not implement it (answered `501`). */
  readonly unimplemented?: true
  readonly startedAt: number
  readonly durationMs: number
}

export type PathMatcher = string | RegExp | ((path: string) => boolean)

export interface FaultOptions {
  /** HTTP method to match; any when omitted. */
  method?: string
  /** Path at the real host: a pattern (`/repos/:owner/:repo/issues`, `*` wildcard), a RegExp or a predicate. */
  path?: PathMatcher
  /** Only for this credential partition. */
  partition?: string
  /** How many matching requests it answers: a number (default 1) or `'always'`. */
  times?: number | 'always'
  /** Answer with this status, in the service's error shape. */
  status?: number
  /** The error message for `status`. */
  message?: string
  /**
   * Answer as the service's rate limit, with Retry-After (seconds, default 1). Other fields of the
   * object form reach the service's `rateLimited` hook (a service's own kinds of limit) and are logged
   * as `fault: 'rateLimit'` all the same.
   */
  rateLimit?: boolean | ({ retryAfter?: number } & Record<string, unknown>)
  /** Delay the real answer by this many ms (combine with nothing else to just slow a call down). */
  latency?: number
  /** Drop the connection: the client sees a network error. */
  drop?: boolean
  /** Answer with exactly this Response (built fresh per request). */
  response?: () => Response
}

export interface FaultHandle {
  /** Matching requests it will still answer (`Infinity` for `'always'`). */
  readonly remaining: number
  cancel(): void
}

export type MockEvent =
  | { type: 'request'; service: string; entry: LoggedRequest }
  | { type: 'state'; service: string; partition: string; event: string; data?: unknown }
  | { type: 'webhook'; service: string; delivery: import('./webhooks').WebhookDelivery }
  | { type: 'reset'; service: string }
