/**
 * The interception adapter: @mswjs/interceptors catches every request the process makes through
 * global `fetch` (undici), `node:http`/`node:https` (stripe-node, axios, got...) and
 * `XMLHttpRequest` (jsdom), and hands it to the innermost active cassette. Kept apart from the
 * engine, like Polly's adapters and persisters.
 *
 * The interceptors are applied when the first cassette starts and disposed when the last stops.
 *
 * @module
 */

import { AsyncLocalStorage } from 'node:async_hooks'
import { syncBuiltinESMExports } from 'node:module'
import { addConnectPolicy, allowNextConnection, dropAllowances, noteRequest } from '../network/guard'
import type { CassetteEngine, Decision } from './engine'
import { fetchArgsToStored } from './http'

type Source = 'fetch' | 'http' | 'xhr'

interface Controller {
  /** 0 while nobody has answered the request. */
  readyState: number
  respondWith(response: Response): void
  errorWith(reason?: unknown): void
}

interface RequestEvent {
  request: Request
  requestId: string
  controller: Controller
}

interface ResponseEvent {
  response: Response
  isMockedResponse: boolean
  request: Request
  requestId: string
}

interface Applied {
  dispose(): void
}

const PENDING = 0
const active: CassetteEngine[] = []
const scope = new AsyncLocalStorage<CassetteEngine>()
const inFlight = new Map<
  string,
  { engine: CassetteEngine; commit: (response: Response, decoded: boolean) => void }
>()
let applied: Promise<Applied> | undefined

/**
 * A decision the fetch fast path took but leaves to the interceptor to carry out (a miss, a
 * recording, a redirect): handed over so the engine decides once per request.
 */
interface Handoff {
  engine: CassetteEngine
  decision: Decision
  method: string
  url: string
  taken: boolean
}
const handoff = new AsyncLocalStorage<Handoff>()

/** Run `fn` with `engine` as the cassette for every request it makes (even while others are active). */
export function runWithEngine<T>(engine: CassetteEngine, fn: () => T): T {
  return scope.run(engine, fn)
}

/** Start routing requests to `engine`. */
export async function activate(engine: CassetteEngine): Promise<void> {
  active.push(engine)
  try {
    applied ??= apply()
    await applied
  } catch (error) {
    await deactivate(engine)
    throw error
  }
}

/** Stop routing requests to `engine`; the last one out disposes the interceptors. */
export async function deactivate(engine: CassetteEngine): Promise<void> {
  const i = active.lastIndexOf(engine)
  if (i >= 0) active.splice(i, 1)
  for (const [id, entry] of inFlight) if (entry.engine === engine) inFlight.delete(id)
  dropAllowances(engine)
  if (active.length === 0 && applied) {
    const current = applied
    applied = undefined
    await current.then(
      (a) => a.dispose(),
      () => {},
    )
  }
}

/** Whether any cassette is active (for tests of the lifecycle). */
export function isIntercepting(): boolean {
  return applied !== undefined
}

function currentEngine(): CassetteEngine | undefined {
  const scoped = scope.getStore()
  if (scoped && active.includes(scoped)) return scoped
  return active[active.length - 1]
}

// The symbols @mswjs/interceptors keeps its running instances under. An msw `setupServer` that
// already runs on the same copy of the library owns them; our instances then only add listeners to
// its instances, and `dispose()` would delete the symbol from under msw (mswjs/interceptors#378
// territory). So we remember what was there and put it back.
const GLOBAL_SYMBOLS = ['client-request-interceptor', 'fetch-interceptor', 'xhr-interceptor'].map((n) =>
  Symbol.for(n),
)

async function apply(): Promise<Applied> {
  const [
    { BatchInterceptor },
    { ClientRequestInterceptor },
    { FetchInterceptor },
    { XMLHttpRequestInterceptor },
  ] = await Promise.all([
    import('@mswjs/interceptors'),
    import('@mswjs/interceptors/ClientRequest'),
    import('@mswjs/interceptors/fetch'),
    import('@mswjs/interceptors/XMLHttpRequest'),
  ])
  const saved = GLOBAL_SYMBOLS.map(
    (symbol) => [symbol, (globalThis as Record<symbol, unknown>)[symbol]] as const,
  )
  const http = new ClientRequestInterceptor()
  const fetch = new FetchInterceptor()
  const xhr = new XMLHttpRequestInterceptor()
  const batch = new BatchInterceptor({ name: 'understudy-cassette', interceptors: [http, fetch, xhr] })
  batch.apply()
  // `import { request } from 'node:http'` binds the export as it was when first imported; without
  // this, named ESM imports keep the unpatched function and reach the network.
  syncBuiltinESMExports()
  // Below interception: a client that captured fetch or http.request before we patched, undici's own
  // dispatcher, http2 or a raw socket opens a connection we never saw. In mode "none" it is refused.
  const removePolicy = addConnectPolicy((target) => currentEngine()?.refuseConnection(target))
  const sources = [
    [http, 'http'],
    [fetch, 'fetch'],
    [xhr, 'xhr'],
  ] as const
  for (const [interceptor, source] of sources) {
    // One listener per interceptor rather than on the batch: the source tells how to read the body.
    interceptor.on('request', (event) => onRequest(event as RequestEvent, source))
    interceptor.on('response', (event) => onResponse(event as ResponseEvent, source))
  }
  // The fast path only when the fetch interceptor is ours alone: an msw on the same copy of the
  // library that was running first answers before us, and must keep doing so.
  const removeFastPath =
    saved[1]![1] === undefined ? installReplayFetch(fetch as unknown as FetchEmitter) : () => {}
  return {
    dispose() {
      removeFastPath()
      removePolicy()
      batch.dispose()
      syncBuiltinESMExports()
      for (const [symbol, value] of saved) {
        const g = globalThis as Record<symbol, unknown>
        if (value !== undefined && g[symbol] === undefined) g[symbol] = value
      }
    },
  }
}

/**
 * Replays through global `fetch` without the interceptor: a request the cassette replays is
 * answered with a `Response` built from the recording, skipping the `Request`, the interceptor's
 * event machinery and the response clone it makes for its listeners (most of a replay's cost).
 * Everything else (misses, recordings, passthrough, redirects, requests this cannot read without a
 * `Request`) goes on to the interceptor with the decision already taken. Returns the uninstaller.
 */
function installReplayFetch(interceptor: FetchEmitter): () => void {
  const g = globalThis as { fetch: typeof fetch }
  const inner = g.fetch
  let enabled = true
  const replayFetch = function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // Another listener proxied onto our interceptor (an msw started after us on the same copy)
    // would see every request: leave them all to the interceptor.
    const engine = enabled && interceptor.emitter.listenerCount('request') === 1 ? currentEngine() : undefined
    const raw = engine && fetchArgsToStored(input, init)
    if (!engine || !raw) return inner(input, init)
    let decision: Decision
    try {
      decision = engine.decideStored(raw)
    } catch (error) {
      // As the interceptor does: the client gets our failure, never the network.
      engine.errors.push(error as Error)
      return Promise.reject(error)
    }
    if (decision.action === 'replay' && isFinal(decision.response)) {
      // What the interceptor's mocked response carries: the request's URL.
      Object.defineProperty(decision.response, 'url', {
        value: raw.url,
        enumerable: true,
        configurable: true,
        writable: false,
      })
      return Promise.resolve(decision.response)
    }
    return handoff.run({ engine, decision, method: raw.method, url: raw.url, taken: false }, () =>
      inner(input, init),
    )
  }
  Object.defineProperty(g, 'fetch', {
    value: replayFetch,
    enumerable: true,
    configurable: true,
    writable: true,
  })
  return () => {
    enabled = false
    if (g.fetch === replayFetch)
      Object.defineProperty(g, 'fetch', {
        value: inner,
        enumerable: true,
        configurable: true,
        writable: true,
      })
  }
}

/** The part of the fetch interceptor the fast path looks at (its emitter is not in its types). */
interface FetchEmitter {
  emitter: { listenerCount(event: string): number }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** A response the interceptor would hand over as is: not a redirect to follow, nothing to decompress. */
function isFinal(response: Response): boolean {
  return !REDIRECTS.has(response.status) && !response.headers.has('content-encoding')
}

async function onRequest({ request, requestId, controller }: RequestEvent, _source: Source): Promise<void> {
  const handed = handoff.getStore()
  const mine =
    handed && !handed.taken && handed.method === request.method.toUpperCase() && handed.url === request.url
  const engine = mine ? handed.engine : currentEngine()
  // Another listener on the same interceptor (an msw server on the same copy of the library) has
  // already answered: that request is not ours.
  if (!engine || controller.readyState !== PENDING) return
  noteRequest(request.method, request.url)
  let decision: Awaited<ReturnType<CassetteEngine['decide']>>
  try {
    if (mine) handed.taken = true
    decision = mine ? handed.decision : await engine.decide(request)
  } catch (error) {
    // Never fall through to the network on our own failure: in "none" mode that would be a leak.
    engine.errors.push(error as Error)
    controller.errorWith(error)
    return
  }
  if (controller.readyState !== PENDING) {
    if (decision.action === 'fail') engine.errors.splice(engine.errors.indexOf(decision.error), 1)
    return
  }
  switch (decision.action) {
    case 'replay':
      controller.respondWith(decision.response)
      return
    case 'fail':
      controller.errorWith(decision.error)
      return
    case 'record':
      allowNextConnection(request.url, engine)
      // Not handling the request lets it through; its response comes back in onResponse.
      inFlight.set(requestId, {
        engine,
        commit: (response, decoded) =>
          void decision.commit(response, { decoded }).catch((error: Error) => {
            // The client gave up on the body (aborted stream) or the connection dropped.
            engine.warn(
              `[understudy:core] Failed to record ${request.method} ${request.url} into cassette "${engine.name}": ` +
                `${error.message}. The interaction was not recorded; run the test again to record it.`,
            )
          }),
      })
      return
    case 'passthrough':
      allowNextConnection(request.url, engine)
      return
  }
}

function onResponse({ response, isMockedResponse, requestId }: ResponseEvent, source: Source): void {
  const entry = inFlight.get(requestId)
  if (!entry) return
  inFlight.delete(requestId)
  if (isMockedResponse) return
  // fetch and XMLHttpRequest hand over bodies already decompressed, with Content-Encoding left in
  // place; node:http gives the bytes as they came off the wire. Don't await the body here: fetch
  // waits for this listener before giving the response to the caller, and a stream may never end.
  entry.commit(response, source !== 'http')
}
