import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BufferedResponse, contentLength } from '../mock/buffered'
import { HeaderMap } from '../mock/header-map'
import { splitUrl } from '../mock/split-url'
import { lightRequest } from './light-request'

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
    const { pathname } = splitUrl(request.url)
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

/** A Host header that is only a host name or IP literal and an optional port: nothing that moves the path. */
const PLAIN_HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

/**
 * The path and query the client asked for. Origin-form (`/x?y`) is used as sent; absolute-form
 * (`http://h/x`, what proxies send) keeps only its path; anything else (`*`) is `/`.
 */
function requestTarget(url: string | undefined): string {
  if (!url) return '/'
  if (url.startsWith('/')) return url
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return '/'
  }
}

/**
 * The origin a request's URL is built on. The path always comes from the request line, so a Host
 * header can never change which route serves a request; a Host that is a plain `name[:port]` still
 * names the origin, so URLs in responses (Link headers, `url` fields) point where the client connected.
 */
export function requestOrigin(host: string | undefined, fallback: string): string {
  return hostOrigin(host) ?? fallback
}

/** `http://host` for a Host that is a plain `name[:port]`, else undefined. */
function hostOrigin(host: string | null | undefined): string | undefined {
  return host && PLAIN_HOST.test(host) ? `http://${host}` : undefined
}

const HOP_HEADER = /^(connection|keep-alive|transfer-encoding|upgrade)$/i

/** Only names of a hop header's length and first letter go to the regex: most headers are not. */
function isHopHeader(name: string): boolean {
  const first = name.charCodeAt(0) | 0x20
  if (name.charCodeAt(0) === 0x3a /* : */) return true
  const n = name.length
  return (
    ((first === 0x63 /* c */ && n === 10) ||
      (first === 0x6b /* k */ && n === 10) ||
      (first === 0x74 /* t */ && n === 17) ||
      (first === 0x75 /* u */ && n === 7)) &&
    HOP_HEADER.test(name)
  )
}

/** The URL a request is served as: its origin, and the path and query on its request line. */
function requestUrl(req: IncomingMessage, origin: string): string {
  return `${requestOrigin(req.headers.host, origin)}${requestTarget(req.url)}`
}

/**
 * A path and query the URL parser leaves as they are: no dot segment (`/.`, `%2e`), no character it
 * would percent-encode. Anything else goes through the parser, so a light request's URL is the one a
 * Request would have had.
 */
const PLAIN_TARGET = /^\/(?![^?]*(?:\/\.|%2e))[\w\-.~!$&()*+,;=:@/%?]*$/i

let lastOrigin = ''
let lastSerialised = ''
let lastTarget = ''
let lastUrl = ''

/**
 * The URL a Request would serialise for this origin and target, without parsing the common case.
 * The last one is kept: a client repeating a request (polling, retries, load) gets the same string,
 * and the request log holds one copy of it instead of one per request.
 */
function lightUrl(origin: string, target: string): string {
  if (origin === lastOrigin && target === lastTarget) return lastUrl
  if (!PLAIN_TARGET.test(target)) return new URL(`${origin}${target}`).href
  // One Host per client, mostly: its serialisation (lower case, no default port) is kept.
  if (origin !== lastOrigin) {
    lastSerialised = new URL(origin).origin
    lastOrigin = origin
  }
  lastTarget = target
  lastUrl = `${lastSerialised}${target}`
  return lastUrl
}

let lastHost: string | undefined
let lastHostOrigin = ''

/** {@link requestOrigin} for a light request: the last plain Host's origin is kept, not checked and built again. */
function lightOrigin(host: string | null, fallback: string): string {
  if (host !== null && host === lastHost) return lastHostOrigin
  const origin = hostOrigin(host)
  if (origin === undefined) return fallback
  lastHost = host!
  lastHostOrigin = origin
  return origin
}

/** The request's headers as sent, into `headers`; pseudo-headers and connection management belong to the hop. */
function copyHeaders(req: IncomingMessage, headers: Headers): Headers {
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!
    if (!isHopHeader(name)) headers.append(name, req.rawHeaders[i + 1]!)
  }
  return headers
}

/** A GET or HEAD without undici's Request: see {@link LightRequest}. */
function toLightRequest(req: IncomingMessage, method: 'GET' | 'HEAD', origin: string): Request {
  const headers = HeaderMap.fromRawHeaders(req.rawHeaders, isHopHeader)
  // The Host from the headers just copied: `req.headers` would build node's own object of them all.
  const url = lightUrl(lightOrigin(headers.get('host'), origin), requestTarget(req.url))
  return lightRequest(method, url, headers)
}

function toRequest(req: IncomingMessage, body: Buffer | undefined, origin: string): Request {
  return new Request(requestUrl(req, origin), {
    method: req.method ?? 'GET',
    headers: copyHeaders(req, new Headers()),
    ...(body && body.length > 0
      ? { body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) }
      : {}),
  })
}

/** Headers node:http writes itself, or that the adapter sets from the body it sends. */
const OWN_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding'])

/**
 * A buffered response written in one go: headers as a flat list, the body as held (a string is
 * encoded by node:http into the same write as the headers). False when it is not one.
 */
function writeBuffered(response: Response, res: ServerResponse): boolean {
  if (!(response instanceof BufferedResponse)) return false
  const content = response.content
  if (content === undefined) return false
  const headers = response.headers.toFlatList(OWN_HEADERS, 2)
  if (content === null) {
    // No body at all (204, 304, HEAD): a Content-Length the route set describes the resource; keep it.
    const length = response.headers.get('content-length')
    if (length !== null) headers.push('content-length', length)
    res.writeHead(response.status, response.statusText || undefined, headers)
    res.end()
    return true
  }
  headers.push('content-length', String(contentLength(content)))
  res.writeHead(response.status, response.statusText || undefined, headers)
  res.end(content)
  return true
}

/** Writes an answer: a buffered one at once (no promise for what has nothing to wait for), else its stream. */
function writeResponse(response: Response, res: ServerResponse): Promise<void> | undefined {
  return writeBuffered(response, res) ? undefined : writeStreamed(response, res)
}

async function writeStreamed(response: Response, res: ServerResponse): Promise<void> {
  if (response.type === 'error') {
    // A dropped connection: the client sees a socket hang up, as with a real network failure.
    res.socket?.destroy()
    return
  }
  const headers: Record<string, string | string[]> = {}
  let cookies = false
  response.headers.forEach((value, key) => {
    // The body is re-sent as it comes; a length computed for another encoding would be wrong.
    if (key === 'content-encoding') return
    if (key === 'set-cookie') cookies = true
    else headers[key] = value
  })
  if (cookies) headers['set-cookie'] = response.headers.getSetCookie()
  // A body held in memory was written by writeBuffered: what is left is a stream, or none.
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

/** A body larger than its limit: the adapter answers with `response` and reads no further. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly received: number,
  ) {
    super(`[understudy:core] The request body is larger than ${limit} bytes.`)
  }
}

function readBody(req: IncomingMessage, limit: number | undefined): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(undefined)
  const declared = Number(req.headers['content-length'])
  if (limit !== undefined && Number.isFinite(declared) && declared > limit)
    return Promise.reject(new BodyTooLargeError(limit, declared))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (limit !== undefined && received > limit) {
        // Stop buffering at once: what was read is dropped, the rest is never read.
        chunks.length = 0
        req.off('data', onData)
        req.pause()
        reject(new BodyTooLargeError(limit, received))
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Methods a fetch Request cannot carry; a server answers them without a handler. */
const UNSUPPORTED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT'])

export interface NodeListenerOptions {
  /**
   * The origin request URLs are built on when the Host header is missing or is not a plain
   * `name[:port]`: the listening address, e.g. `http://127.0.0.1:4010`. Default `http://localhost`.
   */
  origin?: string | (() => string)
  /**
   * The largest body to read for a request (bytes), and the answer when a body is larger. The body
   * is refused from its Content-Length when it declares one, else as soon as the limit is passed;
   * the connection is closed after the answer, so the rest is never read.
   */
  bodyLimit?: (
    req: IncomingMessage,
  ) => { bytes: number; response: (error: BodyTooLargeError) => Response } | undefined
  /**
   * Hand GET and HEAD requests to the handler as light requests: `method`, `url` and `headers` are
   * plain fields, and undici's `Request` behind the other members is built only if one is used
   * (about 3.5 µs and its garbage saved per request). `instanceof Request` holds, but undici's own
   * functions refuse it as their input: a handler that forwards a request must pass `request.url`
   * and an init to `fetch`, or `request.clone()`. Service mocks and `mount` never need it. Default false.
   */
  lightRequests?: boolean
}

function methodNotAllowed(res: ServerResponse, method: string): void {
  const body = JSON.stringify({ error: `[understudy:core] ${method} is not supported by this server.` })
  res.writeHead(405, {
    'content-type': 'application/json',
    allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'content-length': String(Buffer.byteLength(body)),
  })
  res.end(body)
}

/**
 * Adapts a fetch-style handler to a node:http request listener. The request URL's path is the one
 * on the request line; the Host header only names the origin, and only when it is a plain host.
 *
 * @example
 * createServer(toNodeListener(mount([{ prefix: '/github', target: github }]))).listen(4010)
 */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const originOf =
    typeof options.origin === 'function'
      ? options.origin
      : () => (options.origin as string | undefined) ?? 'http://localhost'
  function failed(
    req: IncomingMessage,
    res: ServerResponse,
    error: unknown,
    limit?: ReturnType<NonNullable<NodeListenerOptions['bodyLimit']>>,
  ): void {
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (error instanceof BodyTooLargeError && limit) {
      // The unread rest of the body must not be taken for the next request on this socket.
      res.setHeader('connection', 'close')
      res.on('finish', () => req.socket.destroySoon?.())
      void writeResponse(limit.response(error), res)
      return
    }
    res.writeHead(500, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        error: `[understudy:core] ${error instanceof Error ? error.message : String(error)}`,
      }),
    )
  }

  return (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase()
    if (UNSUPPORTED_METHODS.has(method)) {
      methodNotAllowed(res, method)
      return
    }
    if (method === 'GET' || method === 'HEAD') {
      // No body to read, so no limit to look up and nothing to wait for before the handler.
      let answered: Promise<Response>
      try {
        answered = handler(
          options.lightRequests
            ? toLightRequest(req, method, originOf())
            : toRequest(req, undefined, originOf()),
        )
      } catch (error) {
        answered = Promise.reject(error)
      }
      answered.then(
        (response) => {
          try {
            writeResponse(response, res)?.catch((error: unknown) => failed(req, res, error))
          } catch (error) {
            failed(req, res, error)
          }
        },
        (error: unknown) => failed(req, res, error),
      )
      return
    }
    const limit = options.bodyLimit?.(req)
    readBody(req, limit?.bytes)
      .then((body) => handler(toRequest(req, body, originOf())))
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => failed(req, res, error, limit))
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
