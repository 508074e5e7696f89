import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type FetchHandler, toNodeListener } from '@understudy/core'
import { createRecorder } from '../cassettes/engine'
import { CliError, PortInUseError } from '../errors'

export interface RecordingProxyOptions {
  /** The live API's base URL: `https://api.github.com`, `https://api.openai.com/v1`. */
  target: string
  /** The cassette name (a file under `dir`). */
  cassette: string
  /** Cassette folder. */
  dir: string
  port?: number
  host?: string
  /** Called after each exchange, recorded or refused. */
  onInteraction?: (event: RecordedInteraction) => void
  /** How the proxy reaches the target. Default: global fetch. */
  fetch?: (request: Request) => Promise<Response>
}

export interface RecordedInteraction {
  method: string
  /** The URL at the target. */
  url: string
  status: number
  /** Whether it was written to the cassette. */
  recorded: boolean
  /** Why it was not: a secret in it, a write failure, or the target unreachable. */
  error?: Error
  durationMs: number
}

export interface RecordingProxy {
  readonly url: string
  readonly port: number
  /** The cassette file. */
  readonly path: string
  readonly stats: { recorded: number; refused: number; failed: number }
  /** Stops accepting requests and waits for recordings in flight to be written. */
  close(): Promise<void>
}

// Headers that belong to one hop, or that fetch sets itself for the upstream connection.
const HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
  'accept-encoding',
])

function normalizeTarget(target: string): URL {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new CliError(`--target must be an absolute URL like https://api.github.com, not "${target}".`, {
      exitCode: 2,
    })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--target must be an http(s) URL, not "${target}".`, { exitCode: 2 })
  return url
}

/**
 * A recording proxy: each request is forwarded to `target` (path and query appended to the
 * target's own path) and the exchange is written to the cassette with the engine's redaction;
 * a write that would hold a secret is refused, and the client still gets its answer.
 *
 * @example
 * const proxy = await startRecordingProxy({ target: 'https://api.github.com', cassette: 'github/triage', dir: '__cassettes__' })
 * // GITHUB_API_URL=${proxy.url} python agent.py
 * await proxy.close()
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const target = normalizeTarget(options.target)
  const basePath = target.pathname.replace(/\/+$/, '')
  const upstreamFetch = options.fetch ?? ((request: Request) => fetch(request))
  const probe = await createRecorder(options.cassette, { dir: options.dir })
  const stats = { recorded: 0, refused: 0, failed: 0 }
  const pending = new Set<Promise<void>>()
  // One write at a time, in arrival order, so the cassette lists interactions as they happened.
  let queue: Promise<void> = Promise.resolve()

  async function persist(upstream: Request, response: Response, started: number): Promise<void> {
    const event: RecordedInteraction = {
      method: upstream.method,
      url: upstream.url,
      status: response.status,
      recorded: false,
      durationMs: 0,
    }
    try {
      // A recorder per exchange: a refused one (a secret in it) leaves the others on disk.
      const recorder = await createRecorder(options.cassette, { dir: options.dir })
      await recorder.record(upstream, response, { decoded: true })
      await recorder.save()
      event.recorded = true
      stats.recorded++
    } catch (error) {
      event.error = error as Error
      if ((error as Error).name === 'SecretLeakError') stats.refused++
      else stats.failed++
    }
    event.durationMs = performance.now() - started
    options.onInteraction?.(event)
  }

  const handler: FetchHandler = async (request) => {
    const started = performance.now()
    const incoming = new URL(request.url)
    const url = `${target.origin}${basePath}${incoming.pathname}${incoming.search}`
    const headers = new Headers()
    request.headers.forEach((value, name) => {
      if (!HOP.has(name)) headers.set(name, value)
    })
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer()
    const init = { method: request.method, headers, redirect: 'manual' as const }
    const upstream = new Request(url, body?.byteLength ? { ...init, body } : init)
    let response: Response
    try {
      response = await upstreamFetch(upstream.clone())
    } catch (error) {
      stats.failed++
      options.onInteraction?.({
        method: request.method,
        url,
        status: 502,
        recorded: false,
        error: error as Error,
        durationMs: performance.now() - started,
      })
      return Response.json(
        {
          error: `[understudy:cli] Failed to reach ${url}: ${(error as Error).cause ?? (error as Error).message}. Nothing was recorded.`,
        },
        { status: 502 },
      )
    }
    const recording = response.clone()
    const job = queue.then(() => persist(upstream, recording, started))
    queue = job
    pending.add(job)
    void job.finally(() => pending.delete(job))
    // fetch decoded the body; the encoding and length it came with no longer describe it.
    const out = new Headers(response.headers)
    out.delete('content-encoding')
    out.delete('content-length')
    out.delete('transfer-encoding')
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: out,
    })
  }

  const server: Server = createServer(toNodeListener(handler))
  const host = options.host ?? '127.0.0.1'
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(options.port ?? 4010, host, error)
          : new CliError(`Failed to listen on ${host}:${options.port}: ${error.message}`, { cause: error }),
      ),
    )
    server.listen({ port: options.port ?? 4010, host }, () => resolve((server.address() as AddressInfo).port))
  })
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host

  return {
    url: `http://${shownHost}:${port}`,
    port,
    path: probe.path,
    stats,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      while (pending.size) await Promise.allSettled([...pending])
    },
  }
}
