/**
 * A real HTTP server on 127.0.0.1:0 for recording: plain JSON, compressed bodies, chunked and SSE
 * streams, echo, a counter that answers differently each time. Nothing leaves the machine.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'

export interface TestServer {
  url: string
  /** Requests the server has seen, oldest first. */
  hits: Array<{ method: string; path: string; body: string; headers: IncomingMessage['headers'] }>
  close(): Promise<void>
}

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

// Paces stream writes so pieces usually arrive apart; no assertion depends on how they arrive.
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

export const SSE_EVENTS = ['data: {"n":1}\n\n', 'data: {"n":2}\n\n', 'data: [DONE]\n\n']
export const CHUNKS = ['first line\n', 'second line\n', 'third line\n']

export async function startTestServer(extra: Record<string, Route> = {}): Promise<TestServer> {
  let counter = 0
  const hits: TestServer['hits'] = []
  const json = { message: 'hello', items: [1, 2, 3], nested: { ok: true } }
  const routes: Record<string, Route> = {
    '/json': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' })
      res.end(JSON.stringify(json))
    },
    '/gzip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify({ ...json, encoding: 'gzip' })))
    },
    '/deflate': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'deflate' })
      res.end(deflateSync(JSON.stringify({ ...json, encoding: 'deflate' })))
    },
    '/br': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' })
      res.end(brotliCompressSync(JSON.stringify({ ...json, encoding: 'br' })))
    },
    '/text': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('plain text ✓')
    },
    '/binary': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(Buffer.from([0, 1, 2, 254, 255, 0, 10]))
    },
    '/chunked': async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      for (const chunk of CHUNKS) {
        res.write(chunk)
        await tick()
      }
      res.end()
    },
    '/sse': async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      for (const event of SSE_EVENTS) {
        res.write(event)
        await tick()
      }
      res.end()
    },
    '/counter': (_req, res) => {
      counter++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ count: counter }))
    },
    '/echo': (req, res, body) => {
      res.writeHead(201, {
        'content-type': 'application/json',
        'set-cookie': ['session=abc; HttpOnly', 'theme=dark'],
      })
      res.end(JSON.stringify({ method: req.method, url: req.url, body: body ? JSON.parse(body) : null }))
    },
    '/empty': (_req, res) => {
      res.writeHead(204)
      res.end()
    },
    ...extra,
  }
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const path = new URL(req.url!, 'http://x').pathname
    hits.push({ method: req.method!, path, body, headers: req.headers })
    const route = routes[path]
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'not found' }))
      return
    }
    await route(req, res, body)
  })
  // Clients keep connections alive; under a loaded machine a 5 s idle close (the default) races a
  // client reusing the socket and resets its request. Keep idle sockets until close().
  server.keepAliveTimeout = 120_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
