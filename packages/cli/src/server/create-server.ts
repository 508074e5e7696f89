import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { assertOptions, type FetchHandler, toNodeListener } from '@understudy/core'
import { CliError, PortInUseError } from '../errors'
import {
  ADMIN_PREFIX,
  createUnderstudyApp,
  type UnderstudyApp,
  type UnderstudyAppOptions,
} from './create-app'
import { formatSse } from './events'
import { serverOptionsSchema } from './options-schema'
import { createReplayLayer } from './replay-cassettes'
import { readSeedFile, type SeedData } from './seed-file'
import type { ServiceName } from './services'

export interface UnderstudyServerOptions extends Omit<UnderstudyAppOptions, 'seed' | 'replay'> {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number
  /** Interface to bind. Default 127.0.0.1 (use 0.0.0.0 in a container). */
  host?: string
  /** Seed data, or the path of a JSON/YAML seed file: `{ github?, slack?, stripe?, openai? }`. */
  seed?: SeedData | string
  /** Cassette files whose recorded interactions are served before the mocks. */
  replay?: readonly string[]
  /** How long `close()` waits for webhook deliveries in flight. Default 10 000 ms. */
  shutdownTimeoutMs?: number
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
    ...appOptions
  } = options
  const app = createUnderstudyApp({
    ...appOptions,
    ...(seed ? { seed } : {}),
    ...(replay ? { replay } : {}),
  })

  const fetchListener = toNodeListener(app.handler)
  const streams = new Set<ServerResponse>()

  // The live feed is served here rather than through the fetch handler: node tells us when the
  // browser goes away, so its subscription ends with it.
  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    streams.add(res)
    const off = app.events.subscribe((event) => res.write(formatSse(event)))
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000)
    keepAlive.unref()
    req.on('close', () => {
      off()
      clearInterval(keepAlive)
      streams.delete(res)
    })
  }

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === HEALTH_PATH) {
      // Health probes (CI service checks, load balancers) come often: answered without building a
      // fetch Request, the same JSON the admin API gives.
      res.writeHead(200, HEALTH_HEADERS).end(HEALTH_BODY)
    } else if (req.method === 'GET' && (req.url === EVENTS_PATH || req.url?.startsWith(`${EVENTS_PATH}?`)))
      serveEvents(req, res)
    else fetchListener(req, res)
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

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const res of streams) res.end()
      server.closeIdleConnections()
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([
        app.settled(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, shutdownTimeoutMs)
          timer.unref()
        }),
      ])
      clearTimeout(timer)
      // Keep-alive sockets would hold close() open until they time out.
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
    close,
  }
}
