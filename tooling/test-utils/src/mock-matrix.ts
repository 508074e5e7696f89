/**
 * One way to test a service mock: the same suite over every transport a user has (in-process through
 * msw, through `mock.fetch`, over HTTP behind core's node adapter as `understudy serve` mounts it),
 * and the contract every mock keeps (`serviceMockContract`).
 *
 * The runtime (msw's `setupServer`, core's `startServer` and `mount`) is passed in, because core's own
 * tests use this package: importing core here would make the workspace graph cyclic.
 *
 * @module
 */

import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'

export type TransportName = 'msw' | 'fetch' | 'http'

/** What the matrix needs of a mock. */
export interface MatrixMock {
  readonly handlers: readonly unknown[]
  handle(request: Request, options?: { basePath?: string }): Promise<Response>
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>
  reset(): void
}

/** msw and core, as the matrix uses them. */
export interface MatrixRuntime {
  // biome-ignore lint/suspicious/noExplicitAny: msw 2 and 3 type their handlers differently
  setupServer(...handlers: any[]): {
    listen(options?: Record<string, unknown>): void
    close(): void
    // biome-ignore lint/suspicious/noExplicitAny: as above
    resetHandlers(...handlers: any[]): void
  }
  startServer(
    handler: (request: Request) => Promise<Response>,
  ): Promise<{ url: string; close(): Promise<void> }>
  mount(
    mounts: readonly { prefix: string; target: Pick<MatrixMock, 'handle'> }[],
  ): (request: Request) => Promise<Response>
}

/** One transport of the matrix, as a suite sees it. */
export interface Served<M> {
  readonly transport: TransportName
  readonly mock: M
  /** Where the SDK is pointed: the real host (`https://api.github.com`) or the server's mount. */
  readonly baseUrl: string
  /** A `fetch` that reaches the mock on this transport. */
  readonly fetch: typeof fetch
  /** The partition a credential's requests land in on this transport (`'default'` unless partitioned). */
  partition(credential: string): string
  /**
   * Serves `next` instead, from now on (for suites that make a mock per test, with options of its own).
   * Over `fetch`, use `next.fetch` directly.
   */
  use(next: M): void
}

export interface MatrixOptions<M> {
  /** Makes the mock for a transport (`http` usually partitions by credential, as the server does). */
  create(transport: TransportName): M
  /** The real host's base, e.g. `https://api.github.com` or `https://slack.com` (no trailing slash). */
  realBase: string
  /** Where the server mounts it, e.g. `/github`. */
  prefix: string
  /** Default all three. */
  transports?: readonly TransportName[]
  /** Whether `create('http')` partitions by credential. Default true. */
  partitionedOverHttp?: boolean
}

/** `mock.fetch` as a client sees a fetch: a dropped connection rejects, as real fetch does. */
function viaMock(current: () => MatrixMock): typeof fetch {
  return async (input, init) => {
    const response = await current().fetch(input as string | URL | Request, init)
    if (response.type === 'error') throw new TypeError('fetch failed')
    return response
  }
}

/**
 * Runs `suite` once per transport, each in its own `describe`, with a mock made for it and reset
 * before every test.
 *
 * @example
 * describeTransports(runtime, 'issues', { create: () => createGitHubMock(), realBase: 'https://api.github.com', prefix: '/github' }, (t) => {
 *   test('creates', async () => { const octokit = new Octokit({ baseUrl: t.baseUrl }) ... })
 * })
 */
export function describeTransports<M extends MatrixMock>(
  runtime: MatrixRuntime,
  name: string,
  options: MatrixOptions<M>,
  suite: (served: Served<M>) => void,
): void {
  for (const transport of options.transports ?? (['msw', 'fetch', 'http'] as const)) {
    describe(`${name} [${transport}]`, () => {
      let mock = options.create(transport)
      const partitioned = transport === 'http' && options.partitionedOverHttp !== false
      const served = {
        transport,
        get mock() {
          return mock
        },
        use(next: M) {
          mock = next
          msw?.resetHandlers(...next.handlers)
        },
        baseUrl: options.realBase,
        // Looked up per call: msw replaces globalThis.fetch when it starts listening.
        fetch: (transport === 'fetch'
          ? viaMock(() => mock)
          : (input, init) => globalThis.fetch(input, init)) as typeof fetch,
        partition: (credential: string) => (partitioned ? credential : 'default'),
      }
      const msw = transport === 'msw' ? runtime.setupServer(...mock.handlers) : undefined
      let server: { url: string; close(): Promise<void> } | undefined
      beforeAll(async () => {
        // msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame.
        msw?.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' })
        if (transport === 'http') {
          const target = { handle: (request: Request, o?: { basePath?: string }) => mock.handle(request, o) }
          server = await runtime.startServer(runtime.mount([{ prefix: options.prefix, target }]))
          served.baseUrl = `${server.url}${options.prefix}`
        }
      })
      afterAll(async () => {
        msw?.close()
        await server?.close()
      })
      beforeEach(() => mock.reset())
      suite(served)
    })
  }
}

/** A request the contract makes, relative to the transport's base URL. */
export interface ContractCall {
  method: string
  /** Path after the base URL, query included: `/repos/octo/hello/issues?state=all`. */
  path: string
  /** The path the log records (at the real host, no query): `/repos/octo/hello/issues`. */
  loggedPath: string
  headers?: Record<string, string>
  body?: string
}

/** What a mock needs to show for the contract. */
export interface ContractMock extends MatrixMock {
  readonly requests: readonly {
    method: string
    path: string
    query: unknown
    url: string
    headers: Record<string, string>
    body: unknown
    status: number
    partition: string
    fault?: string
    delayMs?: number
  }[]
  seed(data: never, options?: { partition?: string }): void
  fail(fault: Record<string, unknown>): { cancel(): void }
  partitions(): string[]
  snapshot(partition?: string): unknown
  readonly webhooks: { settled(): Promise<void>; readonly deliveries: readonly unknown[] }
}

export interface ContractOptions<M extends ContractMock> extends Omit<MatrixOptions<M>, 'create'> {
  /** Makes the mock; `sleep` (and `baseUrl` when given) must be passed on. */
  create(transport: TransportName, options: { sleep(ms: number): Promise<void>; baseUrl?: string }): M
  /** A call that succeeds (2xx) against a freshly reset mock with `seed` applied. */
  call: ContractCall
  /** Seed data the call needs (or that shows in the snapshot), or undefined for services without seed. */
  seed?: unknown
  /** Two credentials, each in the service's own shape (`ghp_a`, `xoxb-a`...), and how a call carries one. */
  credentials: readonly [string, string]
  withCredential(call: ContractCall, credential: string): ContractCall
  /**
   * An endpoint the real service has and the mock does not implement: answered 501 with
   * `x-understudy-unimplemented: 1` and logged `unimplemented: true`. Hook for the spec work; the case
   * runs once it is given.
   */
  unimplemented?: ContractCall
}

function send(served: Served<ContractMock>, call: ContractCall): Promise<Response> {
  return served.fetch(`${served.baseUrl}${call.path}`, {
    method: call.method,
    ...(call.headers ? { headers: call.headers } : {}),
    ...(call.body !== undefined ? { body: call.body } : {}),
  })
}

/**
 * The behaviour every Understudy mock shares (DESIGN.md, "Service mocks"), over every transport:
 * the request log's shape, reset, seed, injected faults (status, rate limit, latency, dropped
 * connection), partitions, answering on a base URL, and webhooks settling.
 *
 * @example
 * serviceMockContract(runtime, 'github', { create: (t, { sleep }) => createGitHubMock({ sleep, partitionBy: t === 'http' ? 'credential' : 'none' }), ... })
 */
export function serviceMockContract<M extends ContractMock>(
  runtime: MatrixRuntime,
  name: string,
  options: ContractOptions<M>,
): void {
  const slept: number[] = []
  const sleep = async (ms: number) => {
    slept.push(ms)
  }
  describeTransports(
    runtime,
    `${name} keeps the service-mock contract`,
    { ...options, create: (transport) => options.create(transport, { sleep }) },
    (served) => {
      const seeded = () => {
        if (options.seed !== undefined) served.mock.seed(options.seed as never)
      }

      test('the request log records method, real-host path, query, url, headers, body and status', async () => {
        seeded()
        const response = await send(served, options.call)
        expect(response.status).toBeLessThan(300)
        const entry = served.mock.requests.at(-1)!
        expect(entry).toMatchObject({
          method: options.call.method.toUpperCase(),
          path: options.call.loggedPath,
        })
        expect(entry.status).toBe(response.status)
        expect(typeof entry.url).toBe('string')
        expect(typeof entry.headers).toBe('object')
        expect(entry).toHaveProperty('query')
        expect(entry).toHaveProperty('body')
      })

      test('reset() empties the log and the partitions', async () => {
        seeded()
        await send(served, options.call)
        served.mock.reset()
        expect(served.mock.requests).toHaveLength(0)
        expect(served.mock.partitions()).toEqual([])
      })

      test('fail({ status }) answers once in the service shape, logged as a status fault', async () => {
        seeded()
        served.mock.fail({ path: options.call.loggedPath, status: 503 })
        expect((await send(served, options.call)).status).toBe(503)
        expect(served.mock.requests.at(-1)!.fault).toBe('status')
        expect((await send(served, options.call)).status).toBeLessThan(300)
      })

      test('fail({ rateLimit }) answers as the service limits, logged as a rate-limit fault', async () => {
        seeded()
        served.mock.fail({ path: options.call.loggedPath, rateLimit: { retryAfter: 2 } })
        const response = await send(served, options.call)
        expect([403, 429]).toContain(response.status)
        expect(served.mock.requests.at(-1)!.fault).toBe('rateLimit')
      })

      test('fail({ latency }) delays through the injected sleep and logs it', async () => {
        seeded()
        slept.length = 0
        served.mock.fail({ path: options.call.loggedPath, latency: 25 })
        expect((await send(served, options.call)).status).toBeLessThan(300)
        expect(slept).toEqual([25])
        expect(served.mock.requests.at(-1)).toMatchObject({ fault: 'latency', delayMs: 25 })
      })

      test('fail({ drop }) is a network error for the client', async () => {
        seeded()
        served.mock.fail({ path: options.call.loggedPath, drop: true })
        await expect(send(served, options.call)).rejects.toThrow()
      })

      test('credentials name partitions where the mock is partitioned', async () => {
        const [a, b] = options.credentials
        if (options.seed !== undefined) served.mock.seed(options.seed as never)
        await send(served, options.withCredential(options.call, a))
        await send(served, options.withCredential(options.call, b))
        const partitions = served.mock.requests.slice(-2).map((r) => r.partition)
        expect(partitions).toEqual([served.partition(a), served.partition(b)])
      })

      test('webhooks.settled() resolves, and deliveries are listed', async () => {
        seeded()
        await send(served, options.call)
        await served.mock.webhooks.settled()
        expect(Array.isArray(served.mock.webhooks.deliveries)).toBe(true)
      })

      if (options.unimplemented) {
        const call = options.unimplemented
        test('an endpoint the service has and the mock does not implement answers 501, flagged', async () => {
          const response = await send(served, call)
          expect(response.status).toBe(501)
          expect(response.headers.get('x-understudy-unimplemented')).toBe('1')
          expect(served.mock.requests.at(-1)).toMatchObject({ unimplemented: true })
        })
      }
    },
  )

  describe(`${name} answers on a baseUrl`, () => {
    test('a request to the baseUrl is served and logged with the real-host path', async () => {
      const baseUrl = `http://localhost:4010${options.prefix}`
      const mock = options.create('fetch', { sleep, baseUrl })
      if (options.seed !== undefined) mock.seed(options.seed as never)
      const response = await mock.fetch(`${baseUrl}${options.call.path}`, {
        method: options.call.method,
        ...(options.call.headers ? { headers: options.call.headers } : {}),
        ...(options.call.body !== undefined ? { body: options.call.body } : {}),
      })
      expect(response.status).toBeLessThan(300)
      expect(mock.requests.at(-1)!.path).toBe(options.call.loggedPath)
    })
  })
}
