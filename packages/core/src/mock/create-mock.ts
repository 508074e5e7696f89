import { InvalidOptionError, PREFIX } from '../errors'
import { assertOptions } from '../schema/assert'
import { serviceMockOptionsSchema } from '../schema/mock-options'
import { credentialFromAuthorization, parseBody as defaultParseBody } from './body'
import { bufferResponse, contentLength, heldBody } from './buffered'
import { type Clock, type ClockOptions, createClock } from './clock'
import { extendMock } from './extend'
import { FaultList } from './faults'
import { createIds, type IdGenerator } from './ids'
import { logEntry } from './log-entry'
import { SAFE_METHODS, StateMemo } from './memo'
import { createMswHandlers, type MswHandler } from './msw'
import { DEFAULT_MAX_PARTITIONS, PartitionMap } from './partitions'
import { LOG_BODY_LIMIT, RequestLog, type RequestMatcher, truncatedBody } from './request-log'
import { RouteTable } from './route'
import { type SplitUrl, splitUrl } from './split-url'
import type {
  ExtendedServiceDefinition,
  FaultHandle,
  FaultOptions,
  LoggedRequest,
  MockEvent,
  ServiceContext,
  ServiceDefinition,
  StateFactoryContext,
} from './types'
import {
  checkOnUnimplemented,
  decideUnimplemented,
  defaultUnimplemented,
  EndpointIndex,
  markUnimplemented,
  type OnUnimplemented,
  type UnimplementedRequest,
} from './unimplemented'
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookOptions } from './webhooks'

export interface ServiceMockOptions<Seed> {
  /** Fixture state every partition starts from; `reset()` returns to it. */
  seed?: Seed
  /** Extra base URLs to answer on (`http://localhost:4010/github`), besides the real hosts. */
  baseUrl?: string | readonly string[]
  /**
   * `'none'` (default in-process): one shared state. `'credential'`: one state per credential, each
   * starting from the seed, so parallel workers sharing a server do not see each other's data.
   */
  partitionBy?: 'none' | 'credential'
  /** A clock to share, or options for this mock's own clock. */
  clock?: Clock | ClockOptions
  webhooks?: WebhookOptions
  /** How injected latency waits; tests can observe or skip it. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>
  /** Keep about this many requests in `requests`; the oldest are dropped in small batches. Default 10 000. */
  logLimit?: number
  /**
   * A request for an endpoint the real service has and the mock does not implement: `'respond'`
   * (default) answers `501`; `'warn'` also prints a warning; `'error'` prints an error and fails the
   * call with a network error; a function decides per request, as msw's `onUnhandledRequest`.
   */
  onUnimplemented?: OnUnimplemented
  /**
   * Partitions kept at most (`partitionBy: 'credential'`); beyond it the least recently used idle
   * one is dropped and starts again from the seed if its credential returns. Default 1000.
   */
  maxPartitions?: number
}

export interface HandleOptions {
  /** The mount prefix the request came in under (`/github`), stripped to get the real-host path. */
  basePath?: string
  /**
   * Log the request under another name: a request made on behalf of another protocol (an MCP tool call)
   * is logged as that call (`path: 'mcp:tools/call create_issue'`), with the REST request it made in
   * `via`. Faults still match the REST method and path.
   */
  logAs?: { method?: string; path: string }
}

/** A running service mock. */
export interface ServiceMock<S, Seed, C = unknown> {
  readonly name: string
  /** The mock-wide config its routes read as `ctx.config` (frozen). */
  readonly config: Readonly<C>
  /** msw request handlers for the real hosts and every `baseUrl`. */
  readonly handlers: MswHandler[]
  /** The requests served, oldest first. */
  readonly requests: readonly LoggedRequest[]
  readonly clock: Clock
  readonly webhooks: WebhookDispatcher
  /** Serves a request as the real host would: the mock as a `fetch`-style function. */
  handle(request: Request, options?: HandleOptions): Promise<Response>
  /** Like `fetch`, against the real host's URLs (or a `baseUrl`). */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>
  /** Adds fixture state (to the default partition, which new partitions start from, or to one partition). */
  seed(data: Seed, options?: { partition?: string }): void
  /** Back to the factory's `seed`, with an empty log, no faults, no partitions, no deliveries. */
  reset(): void
  /** Injects a fault for matching requests. */
  fail(fault: FaultOptions): FaultHandle
  /** The live state of a partition (default: `'default'`). */
  state(partition?: string): S
  /** A JSON-safe view of a partition's state. */
  snapshot(partition?: string): unknown
  /** Partitions that exist so far. */
  partitions(): string[]
  /** Logged requests that match (`'POST /v1/customers'`, a partial entry, or a predicate). */
  calls(matcher?: RequestMatcher): LoggedRequest[]
  called(matcher?: RequestMatcher): boolean
  /** Subscribes to requests, state changes and webhook deliveries; returns the unsubscribe function. */
  on(listener: (event: MockEvent) => void): () => void
}

/** Where a request is in a mock: its path under the mock's base, and that base as a URL. */
interface Where {
  readonly path: string
  readonly baseUrl: string
}

interface Partition<S> {
  /**
   * The key as first seen. A request's own copy of it (a credential cut from its header) is a new
   * string each time; the log keeps this one instead.
   */
  key: string
  state: S
  ids: IdGenerator
  memo: StateMemo
  /** The context's functions for this partition: made once, not per request. */
  hooks: Pick<ServiceContext<S>, 'emit' | 'memo' | 'changed'>
}

const DEFAULT_PARTITION = 'default'
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function isClock(value: unknown): value is Clock {
  return typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function'
}

function normalizeBase(base: string): { origin: string; basePath: string } {
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new InvalidOptionError(
      'baseUrl',
      `"${base}" is not an absolute URL. For example: "http://localhost:4010/github".`,
    )
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') }
}

/** The service's config defaults with the factory's (checked) settings over them, frozen. */
function resolveConfig<C>(
  definition: Pick<ServiceDefinition<unknown, unknown, C>, 'config'>,
  overrides: Partial<C>,
): Readonly<C> {
  const defined = Object.fromEntries(
    Object.entries(overrides as object).filter(([, value]) => value !== undefined),
  )
  return Object.freeze({ ...(definition.config?.defaults as C), ...defined }) as Readonly<C>
}

/** A promise, or any thenable (another realm's, a library's): what `await` would wait for. */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}

/** The body of every request that has none (it has no bytes to change). */
const EMPTY_BODY = new Uint8Array(0)
const NO_OPTIONS: HandleOptions = {}

/**
 * `ctx.query`, parsed from the request's URL on first read and then kept as a plain field. One
 * descriptor for every context: a getter in the context's object literal made each context a
 * dictionary-mode object of ~2 KB instead of ~0.3 KB.
 */
const LAZY_QUERY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { request: Request }) {
    const query = new URLSearchParams(splitUrl(this.request.url).search)
    Object.defineProperty(this, 'query', { value: query, enumerable: true, configurable: true })
    return query
  },
}

function hasToResponse(error: unknown): error is { toResponse(): Response } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { toResponse?: unknown }).toResponse === 'function'
  )
}

/**
 * Turns a service definition into a running mock with its own state, log, faults and webhooks.
 *
 * @example
 * const mock = createServiceMock(githubService, { seed: { repos: [{ full_name: 'octo/hello' }] } })
 * const server = setupServer(...mock.handlers)
 */
export function createServiceMock<S, Seed, X extends object, C = unknown>(
  definition: ExtendedServiceDefinition<S, Seed, X, C>,
  options?: ServiceMockOptions<Seed>,
  config?: Partial<C>,
): Omit<ServiceMock<S, Seed, C>, keyof X> & X
export function createServiceMock<S, Seed, C = unknown>(
  definition: ServiceDefinition<S, Seed, C>,
  options?: ServiceMockOptions<Seed>,
  config?: Partial<C>,
): ServiceMock<S, Seed, C>
export function createServiceMock<S, Seed, C>(
  definition: ServiceDefinition<S, Seed, C> & { extend?: (mock: ServiceMock<S, Seed, C>) => object },
  options: ServiceMockOptions<Seed> = {},
  overrides: Partial<C> = {},
): ServiceMock<S, Seed, C> {
  assertOptions(serviceMockOptionsSchema, options, { prefix: PREFIX })
  const config = resolveConfig(definition, overrides)
  const clock = isClock(options.clock) ? options.clock : createClock(options.clock)
  const sleep = options.sleep ?? defaultSleep
  const bases = (typeof options.baseUrl === 'string' ? [options.baseUrl] : (options.baseUrl ?? [])).map(
    normalizeBase,
  )
  const hosts = definition.hosts.map(normalizeBase)
  const allBases = [...bases, ...hosts]
  const table = new RouteTable(definition.routes)
  checkOnUnimplemented(options.onUnimplemented)
  // Compiled on the first request no route matches: a generated list runs to a thousand patterns.
  let known: EndpointIndex | undefined
  const faults = new FaultList()
  const log = new RequestLog(options.logLimit ?? 10_000)
  const listeners = new Set<(event: MockEvent) => void>()
  const emit = (event: MockEvent) => {
    for (const listener of listeners) listener(event)
  }
  const dispatcherIds = createIds(`${definition.name}:webhooks`)
  let webhooks = makeDispatcher()
  const maxPartitions = options.maxPartitions ?? DEFAULT_MAX_PARTITIONS
  if (!Number.isInteger(maxPartitions) || maxPartitions < 1)
    throw new InvalidOptionError(
      'maxPartitions',
      `expected a whole number >= 1, got ${String(maxPartitions)}. For example: { maxPartitions: 1000 }.`,
    )
  let partitions = new PartitionMap<Partition<S>>(maxPartitions)
  const sharedSeeds: Seed[] = []
  let handlers: MswHandler[] | undefined

  function makeDispatcher() {
    return createWebhookDispatcher({
      service: definition.name,
      clock,
      ids: dispatcherIds,
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
      onDelivery: (delivery) => emit({ type: 'webhook', service: definition.name, delivery }),
    })
  }

  function factoryContext(partition: string, ids: IdGenerator): StateFactoryContext<C> {
    return { clock, ids, partition, config }
  }

  function partitionFor(key: string): Partition<S> {
    let partition = partitions.get(key)
    if (partition) return partition
    const ids = createIds(`${definition.name}:${key}`)
    const context = factoryContext(key, ids)
    const memo = new StateMemo()
    partition = {
      key,
      state: definition.createState(context),
      ids,
      memo,
      hooks: {
        emit: (event, data) => emit({ type: 'state', service: definition.name, partition: key, event, data }),
        memo: (memoKey, compute) => memo.get(memoKey, compute),
        changed: () => memo.changed(),
      },
    }
    partitions.set(key, partition)
    if (options.seed !== undefined) definition.seed?.(partition.state, options.seed, context)
    for (const data of sharedSeeds) definition.seed?.(partition.state, data, context)
    return partition
  }

  // The last request's place, kept for the next request to the same URL (see splitUrl).
  let located: { url: SplitUrl; basePath: string | undefined; where: Where | undefined } | undefined

  function locate(url: SplitUrl, basePath: string | undefined): Where | undefined {
    if (located?.url === url && located.basePath === basePath) return located.where
    const where = place(url, basePath)
    located = { url, basePath, where }
    return where
  }

  function place(url: SplitUrl, basePath: string | undefined): Where | undefined {
    if (basePath !== undefined) {
      const prefix = basePath.endsWith('/') ? basePath.replace(/\/+$/, '') : basePath
      if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined
      return { path: url.pathname.slice(prefix.length) || '/', baseUrl: url.origin + prefix }
    }
    for (const base of allBases) {
      if (base.origin !== url.origin) continue
      if (base.basePath && url.pathname !== base.basePath && !url.pathname.startsWith(`${base.basePath}/`))
        continue
      return { path: url.pathname.slice(base.basePath.length) || '/', baseUrl: url.origin + base.basePath }
    }
    return undefined
  }

  async function handle(request: Request, handleOptions: HandleOptions = NO_OPTIONS): Promise<Response> {
    const startedAt = clock.now()
    const started = performance.now()
    const url = splitUrl(request.url)
    const where = locate(url, handleOptions.basePath) ?? { path: url.pathname, baseUrl: url.origin }
    // A request without a body (every GET) has nothing to read: no need to go through the stream.
    const raw = request.body === null ? EMPTY_BODY : new Uint8Array(await request.arrayBuffer())
    const text = raw.length ? new TextDecoder().decode(raw) : ''
    const parsed = definition.parseBody
      ? { body: definition.parseBody(request, raw, text) }
      : defaultParseBody(request.headers.get('content-type'), text)
    const credential = definition.credential
      ? definition.credential(request, parsed.body)
      : credentialFromAuthorization(request.headers.get('authorization'))
    const partition = partitionFor(
      options.partitionBy === 'credential' && credential
        ? (definition.partition?.(request, credential, config) ?? credential)
        : DEFAULT_PARTITION,
    )
    const partitionKey = partition.key
    // A partition serving a request is never the one dropped to stay within maxPartitions. The map
    // is kept: a reset during the request replaces it.
    const held = partitions
    held.hold(partitionKey)
    try {
      const method = request.method.toUpperCase()
      const match = table.match(method, where.path)

      const ctx = {
        request,
        method,
        path: where.path,
        params: match?.params ?? {},
        headers: request.headers,
        body: parsed.body,
        text,
        rawBody: raw,
        state: partition.state,
        partition: partitionKey,
        config,
        credential,
        baseUrl: where.baseUrl,
        clock,
        ids: partition.ids,
        webhooks,
        routeOptions: match?.route.options ?? {},
        emit: partition.hooks.emit,
        memo: partition.hooks.memo,
        changed: partition.hooks.changed,
        locals: {},
      } as Omit<ServiceContext<S, C>, 'query'> as ServiceContext<S, C>
      // Made on first read: most routes never look at the query.
      Object.defineProperty(ctx, 'query', LAZY_QUERY)
      if ('error' in parsed && parsed.error) (ctx as { bodyError?: Error }).bodyError = parsed.error
      // Before and after: a read running beside this request must not keep what it saw halfway.
      const changing = !SAFE_METHODS.has(method)
      if (changing) partition.memo.changed()

      let response: Response
      let faultKind: LoggedRequest['fault']
      let delayMs: number | undefined
      let unimplemented: UnimplementedRequest | undefined
      const fault = faults.take(method, where.path, partitionKey)
      try {
        if (fault?.latency !== undefined) {
          delayMs = fault.latency
          faultKind = 'latency'
          await sleep(fault.latency)
        }
        if (fault?.drop) {
          faultKind = 'drop'
          response = Response.error()
        } else if (fault?.response) {
          faultKind = 'status'
          response = fault.response()
        } else if (fault?.rateLimit) {
          faultKind = 'rateLimit'
          // The object form's other fields are the service's own kinds of limit (GitHub's primary/secondary).
          const limit = typeof fault.rateLimit === 'object' ? fault.rateLimit : {}
          response = definition.errors.rateLimited(ctx, { ...limit, retryAfter: limit.retryAfter ?? 1 })
        } else if (fault?.status !== undefined) {
          faultKind = 'status'
          response = definition.errors.fault(ctx, {
            status: fault.status,
            ...(fault.message !== undefined ? { message: fault.message } : {}),
          })
        } else if (!match || match.methodMismatch) {
          if (definition.endpoints) known ??= new EndpointIndex(definition.endpoints)
          const endpoint = known?.match(method, where.path)
          if (endpoint) {
            unimplemented = { service: definition.name, method, url: request.url, path: where.path, endpoint }
            response =
              decideUnimplemented(options.onUnimplemented, unimplemented) === 'error'
                ? Response.error()
                : (definition.errors.unimplemented?.(ctx, unimplemented) ??
                  defaultUnimplemented(unimplemented))
          } else response = definition.errors.notFound(ctx)
        } else {
          // What hooks and routes answer synchronously is not awaited: each await is a promise and a
          // turn of the microtask queue per request.
          let refused = match.route.options.auth === false ? undefined : definition.authenticate?.(ctx)
          if (isThenable(refused)) refused = await refused
          if (!refused) {
            refused = definition.beforeRoute?.(ctx)
            if (isThenable(refused)) refused = await refused
          }
          if (refused) response = refused
          else {
            const answered = match.route.handle(ctx)
            response = isThenable(answered) ? await answered : answered
          }
        }
      } catch (error) {
        response = hasToResponse(error) ? error.toResponse() : definition.errors.internal(ctx, error)
      }
      if (changing) partition.memo.changed()
      if (response.type !== 'error' && definition.finalize) {
        const finalized = definition.finalize(ctx, response)
        response = isThenable(finalized) ? await finalized : finalized
      }
      if (unimplemented) response = markUnimplemented(response)
      // A held body needs no await: most answers are buffered already.
      const buffered = heldBody(response) ?? (await bufferResponse(response))
      response = buffered.response
      // A length lets an HTTP client through msw end the body and keep its connection: without one a
      // keep-alive agent (stripe-node's, axios') opened a new (TLS) connection for every call.
      if (buffered.content !== undefined && !response.headers.has('content-length'))
        response.headers.set('content-length', String(contentLength(buffered.content)))
      const finished = response

      const { entry, bytes: responseBytes } = logEntry({
        id: partition.ids.uuid(),
        service: definition.name,
        partition: partitionKey,
        method: handleOptions.logAs?.method ?? method,
        path: handleOptions.logAs?.path ?? where.path,
        via: handleOptions.logAs ? { method, path: where.path } : undefined,
        search: url.search,
        url: request.url,
        requestHeaders: request.headers,
        // A big body is logged by its size: the log must not hold what the client sent in full.
        body: raw.length > LOG_BODY_LIMIT ? truncatedBody(raw.length, text) : parsed.body,
        response: finished,
        content: buffered.content,
        route: match && !match.methodMismatch ? match.name : undefined,
        fault: faultKind,
        delayMs,
        unimplemented: unimplemented ? true : undefined,
        startedAt,
        durationMs: performance.now() - started,
      })
      log.push(entry, (raw.length > LOG_BODY_LIMIT ? 0 : raw.length * 2) + responseBytes)
      emit({ type: 'request', service: definition.name, entry })
      return response
    } finally {
      held.release(partitionKey)
    }
  }

  // A request in flight can still fire webhooks: `webhooks.settled()` waits for it.
  const tracked = (request: Request, handleOptions?: HandleOptions) =>
    webhooks.track(handle(request, handleOptions))

  const mock: ServiceMock<S, Seed, C> = {
    name: definition.name,
    config,
    get handlers() {
      handlers ??= createMswHandlers(
        [...hosts.map((h) => h.origin + h.basePath), ...bases.map((b) => b.origin + b.basePath)],
        (request) => tracked(request),
      )
      return handlers
    },
    get requests() {
      return log.entries
    },
    clock,
    get webhooks() {
      return webhooks
    },
    handle: tracked,
    fetch: (input, init) => tracked(new Request(input, init)),
    seed(data, seedOptions = {}) {
      const key = seedOptions.partition ?? DEFAULT_PARTITION
      const partition = partitionFor(key)
      definition.seed?.(partition.state, data, factoryContext(key, partition.ids))
      partition.memo.changed()
      // What goes into the default partition is what every later partition starts from.
      if (key === DEFAULT_PARTITION) sharedSeeds.push(data)
    },
    reset() {
      partitions = new PartitionMap(maxPartitions)
      sharedSeeds.length = 0
      faults.clear()
      log.clear()
      webhooks.clear()
      webhooks = makeDispatcher()
      emit({ type: 'reset', service: definition.name })
    },
    fail: (fault) => faults.add(fault),
    state(key = DEFAULT_PARTITION) {
      // The caller may change what it gets: nothing computed from it before holds.
      const partition = partitionFor(key)
      partition.memo.changed()
      return partition.state
    },
    snapshot(partition = DEFAULT_PARTITION) {
      const state = partitionFor(partition).state
      return definition.snapshot ? definition.snapshot(state) : state
    },
    partitions: () => [...partitions.keys()],
    calls: (matcher) => log.find(matcher),
    called: (matcher) => log.find(matcher).length > 0,
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return definition.extend ? (extendMock(mock, definition.extend(mock)) as ServiceMock<S, Seed, C>) : mock
}
