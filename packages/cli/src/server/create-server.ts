import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { assertOptions, type FetchHandler, InvalidOptionError, toNodeListener } from '@understudy/core'
import { CliError, PortInUseError } from '../errors'
import {
  ADMIN_PREFIX,
  createUnderstudyApp,
  type UnderstudyApp,
  type UnderstudyAppOptions,
} from './create-app'
import { type AccessPolicy, checkAccess, isGuardedPath } from './guard'
import { type BodyLimits, DEFAULT_BODY_LIMITS, tooLargeResponse } from './limits'
import { serverOptionsSchema } from './options-schema'
import { createReplayLayer } from './replay-cassettes'
import { readSeedFile, type SeedData } from './seed-file'
import { routeFor, type ServiceName } from './services'
import { EventStreams } from './streams'

export interface UnderstudyServerOptions extends Omit<UnderstudyAppOptions, 'seed' | 'replay'> {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number
  /** Interface to bind. Default 127.0.0.1 (use 0.0.0.0 in a container). */
  host?: string
  /** Seed data, or the path of a JSON/YAML seed file: `{ github?, slack?, stripe?, openai? }`. */
  seed?: SeedData | string
  /** Cassette files whose recorded interactions are served before the mocks. */
  replay?: readonly string[]
  /** How long `close()` waits for requests and webhook deliveries in flight. Default 10 000 ms. */
  shutdownTimeoutMs?: number
  /**
   * Host names the admin API and dashboard answer to besides localhost names, IP addresses and the
   * bound address: `'understudy'` exactly, `'.example.test'` with subdomains, or `true` for any.
   */
  allowedHosts?: readonly string[] | true
  /** Request body limits in bytes, per service (and `admin`); see DEFAULT_BODY_LIMITS. */
  bodyLimits?: BodyLimits
  /** Live-event subscribers (`/_understudy/events`) at most. Default 32. */
  maxEventStreams?: number
}

/** A running standalone server. */
export interface UnderstudyServer {
  /** `http://127.0.0.1:4010`: point SDKs at `${url}/github`, `${url}/slack/api/`, `${url}/openai/v1`. */
  readonly url: string
  readonly port: number
  readonly host: string
  /** The mock instances, one per mounted service: seed them, fail them, read their `requests`. */
  readonly mocks: UnderstudyApp['mocks']
  /** The whole server as a fetch-style handler, for in-process use. */
  readonly handler: FetchHandler
  readonly app: UnderstudyApp
  readonly server: Server
  /** The live feed's subscribers now, and how many were disconnected for not reading. */
  readonly liveStreams: { readonly size: number; readonly dropped: number }
  /** Stops accepting requests, ends live streams, lets webhook deliveries settle, and resolves. */
  close(): Promise<void>
}

const HEALTH_PATH = `${ADMIN_PREFIX}/health`
const EVENTS_PATH = `${ADMIN_PREFIX}/events`
const HEALTH_BODY = JSON.stringify({ ok: true })
const HEALTH_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'content-length': String(Buffer.byteLength(HEALTH_BODY)),
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(port, host, error))
      else if (error.code === 'EACCES')
        reject(
          new CliError(
            `Failed to listen on ${host}:${port}: permission denied. Ports below 1024 need privileges; pass --port 4010 or --port 0.`,
            { cause: error },
          ),
        )
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(
          new CliError(
            `Failed to listen on ${host}:${port}: ${host} is not an address of this machine. Pass --host 127.0.0.1 or --host 0.0.0.0.`,
            { cause: error },
          ),
        )
      else reject(new CliError(`Failed to listen on ${host}:${port}: ${error.message}`, { cause: error }))
    }
    server.once('error', onError)
    // A deep accept queue, so a burst of a thousand connections waits instead of being refused.
    server.listen({ port, host, backlog: 4096 }, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/**
 * Starts the standalone server: every mock on one port under its prefix, state partitioned by
 * credential, the admin API under `/_understudy/`, the dashboard at `/`.
 *
 * @example
 * const understudy = await createUnderstudyServer({ port: 0, seed: { github: { repos: [{ full_name: 'octo/hello' }] } } })
 * const octokit = new Octokit({ auth: 'ghp_test', baseUrl: `${understudy.url}/github` })
 * await octokit.rest.issues.create({ owner: 'octo', repo: 'hello', title: 'Bug' })
 * await understudy.close()
 */
export async function createUnderstudyServer(
  options: UnderstudyServerOptions = {},
): Promise<UnderstudyServer> {
  assertOptions(serverOptionsSchema, options, { prefix: '[understudy:cli]' })
  const { port = 4010, host = '127.0.0.1', shutdownTimeoutMs = 10_000 } = options
  const seed =
    typeof options.seed === 'string'
      ? await readSeedFile(options.seed, { own: Object.keys(options.mocks ?? {}) as ServiceName[] })
      : options.seed
  const replay = options.replay?.length ? await createReplayLayer(options.replay) : undefined
  // The app takes what is not about listening.
  const {
    seed: _seed,
    replay: _replay,
    port: _port,
    host: _host,
    shutdownTimeoutMs: _shutdown,
    allowedHosts: _allowedHosts,
    bodyLimits: _bodyLimits,
    maxEventStreams: _maxEventStreams,
    ...appOptions
  } = options
  const app = createUnderstudyApp({
    ...appOptions,
    ...(seed ? { seed } : {}),
    ...(replay ? { replay } : {}),
  })

  const limits = { ...DEFAULT_BODY_LIMITS, ...options.bodyLimits }
  for (const [name, value] of Object.entries(limits))
    if (!Number.isInteger(value) || value < 0)
      throw new InvalidOptionError(
        `bodyLimits.${name}`,
        `expected a whole number of bytes, got ${String(value)}. For example: { bodyLimits: { github: 1048576 } }.`,
      )
  const mounted = new Set(app.services)
  let origin = 'http://127.0.0.1'
  const fetchListener = toNodeListener(app.handler, {
    origin: () => origin,
    // The handler chain (admin API, dashboard, MCP, replay, mocks) never forwards a request as is.
    lightRequests: true,
    bodyLimit: (req) => {
      const path = req.url ?? '/'
      const service = path.startsWith(ADMIN_PREFIX)
        ? 'admin'
        : routeFor(path.split('?')[0]!, mounted)?.service
      const bytes = limits[service ?? 'admin']
      return { bytes, response: () => tooLargeResponse(service, bytes) }
    },
  })
  const policy: AccessPolicy = {
    boundHost: host,
    ...(options.allowedHosts !== undefined ? { allowedHosts: options.allowedHosts } : {}),
  }
  const streams = new EventStreams(app.events, { maxStreams: options.maxEventStreams ?? 32 })
  let inFlight = 0
  let idle: (() => void) | undefined
  // One listener for every response: a closure per request was garbage under load.
  const requestClosed = () => {
    if (--inFlight === 0) idle?.()
  }

  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    if (req.method === 'GET' && path === HEALTH_PATH) {
      // Health probes (CI service checks, load balancers) come often: answered without building a
      // fetch Request, the same JSON the admin API gives.
      res.writeHead(200, HEALTH_HEADERS).end(HEALTH_BODY)
      return
    }
    if (isGuardedPath(path)) {
      const refused = checkAccess(req.headers as Record<string, string | undefined>, policy)
      if (refused) {
        const body = JSON.stringify({ error: `[understudy:cli] ${refused.reason}` })
        res.writeHead(refused.status, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          'content-length': String(Buffer.byteLength(body)),
        })
        res.end(body)
        return
      }
    }
    if (req.method === 'GET' && (path === EVENTS_PATH || path.startsWith(`${EVENTS_PATH}?`))) {
      streams.serve(req, res)
      return
    }
    if (closing) res.setHeader('connection', 'close')
    inFlight++
    res.on('close', requestClosed)
    fetchListener(req, res)
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  let actualPort: number
  try {
    actualPort = await listen(server, port, host)
  } catch (error) {
    app.dispose()
    throw error
  }
  origin = `http://${displayHost(host)}:${actualPort}`

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      // Stop accepting; requests already running finish, idle keep-alive sockets close now and
      // busy ones close after their answer (node sends `connection: close` once closing).
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      streams.closeAll()
      server.closeIdleConnections()
      let timer: ReturnType<typeof setTimeout> | undefined
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, shutdownTimeoutMs)
        timer.unref()
      })
      const drained = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve))
      await Promise.race([drained.then(() => app.settled()), deadline])
      clearTimeout(timer)
      // Whatever is left after the deadline (and keep-alive sockets) would hold close() open.
      for (const socket of sockets) socket.destroy()
      await stopped
      app.dispose()
    })()
    return closing
  }

  return {
    url: `http://${displayHost(host)}:${actualPort}`,
    port: actualPort,
    host,
    mocks: app.mocks,
    handler: app.handler,
    app,
    server,
    liveStreams: streams,
    close,
  }
}
