import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bufferedBody } from '../mock/buffered'

/** A fetch-style handler: the shape every Understudy mock, mount table and replayer has. */
export type FetchHandler = (request: Request) => Promise<Response>

/** Anything that serves requests under a mount prefix: every service mock is one. */
export interface Mountable {
  handle(request: Request, options?: { basePath?: string }): Promise<Response>
}

export interface Mount {
  /** `/github`, `/slack`, `/openai`, `/stripe`, or `''` for the root. */
  prefix: string
  target: Mountable
}

/**
 * Routes requests to the mount with the longest matching prefix; the rest go to `fallback`
 * (a 404 by default).
 *
 * @example
 * const handler = mount([{ prefix: '/github', target: github }, { prefix: '', target: stripe }])
 */
export function mount(mounts: readonly Mount[], fallback?: FetchHandler): FetchHandler {
  const sorted = [...mounts]
    .map((m) => ({ ...m, prefix: m.prefix.replace(/\/+$/, '') }))
    .sort((a, b) => b.prefix.length - a.prefix.length)
  return async (request) => {
    const { pathname } = new URL(request.url)
    for (const { prefix, target } of sorted) {
      if (prefix === '' || pathname === prefix || pathname.startsWith(`${prefix}/`)) {
        return target.handle(request, { basePath: prefix })
      }
    }
    return fallback
      ? fallback(request)
      : Response.json({ error: `No service is mounted at ${pathname}` }, { status: 404 })
  }
}

function toRequest(req: IncomingMessage, body: Buffer | undefined): Request {
  const host = req.headers.host ?? 'localhost'
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!
    // Pseudo-headers and connection management belong to the hop, not the request.
    if (name.startsWith(':') || /^(connection|keep-alive|transfer-encoding|upgrade)$/i.test(name)) continue
    headers.append(name, req.rawHeaders[i + 1]!)
  }
  return new Request(`http://${host}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
  })
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  if (response.type === 'error') {
    // A dropped connection: the client sees a socket hang up, as with a real network failure.
    res.socket?.destroy()
    return
  }
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return
    headers[key] = value
  })
  const cookies = response.headers.getSetCookie?.() ?? []
  if (cookies.length) headers['set-cookie'] = cookies
  // The body is re-sent as it comes; a length computed for another encoding would be wrong.
  delete headers['content-encoding']
  const bytes = bufferedBody(response)
  if (bytes) {
    headers['content-length'] = String(bytes.length)
    res.writeHead(response.status, response.statusText || undefined, headers)
    res.end(bytes)
    return
  }
  res.writeHead(response.status, response.statusText || undefined, headers)
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve))
    }
    res.end()
  } catch {
    res.destroy()
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(undefined)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Adapts a fetch-style handler to a node:http request listener.
 *
 * @example
 * createServer(toNodeListener(mount([{ prefix: '/github', target: github }]))).listen(4010)
 */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readBody(req)
      .then((body) => handler(toRequest(req, body)))
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy()
          return
        }
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            error: `[understudy:core] ${error instanceof Error ? error.message : String(error)}`,
          }),
        )
      })
  }
}

export interface StartedServer {
  readonly server: Server
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/**
 * Serves a fetch-style handler over HTTP. Port 0 picks a free port.
 *
 * @example
 * const { url, close } = await startServer(github.handle, { port: 0 })
 */
export function startServer(
  handler: FetchHandler,
  options: { port?: number; host?: string } = {},
): Promise<StartedServer> {
  const server = createServer(toNodeListener(handler))
  // Keep-alive sockets would hold close() open until they time out.
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      const { port } = server.address() as AddressInfo
      const shownHost = host.includes(':') ? `[${host}]` : host
      resolve({
        server,
        port,
        url: `http://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
