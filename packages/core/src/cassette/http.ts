/**
 * Conversions between Fetch API `Request`/`Response` and their stored form: bodies decompressed,
 * streams kept chunk by chunk, and replayed responses that stream the same chunks again.
 *
 * @module
 */

import { promisify } from 'node:util'
import zlib from 'node:zlib'
import {
  decodeBody,
  encodeBody,
  encodeChunk,
  fromBase64,
  HOP_BY_HOP_HEADERS,
  headersToStored,
  type StoredRequest,
  type StoredResponse,
  storedToHeaders,
} from './format'

const REQUEST_SKIP = new Set([...HOP_BY_HOP_HEADERS, 'host', 'x-interceptors-internal-request-id'])

/**
 * A `Request` in stored form (headers lower-cased, transport headers dropped, body encoded).
 * Reads a clone, so the request stays usable.
 *
 * @example
 * await requestToStored(new Request('https://api.test/a', { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' } }))
 * // { method: 'POST', url: 'https://api.test/a', headers: { 'content-type': 'application/json' }, body: { json: { x: 1 } } }
 */
export async function requestToStored(request: Request): Promise<StoredRequest> {
  const stored: StoredRequest = {
    method: request.method.toUpperCase(),
    url: request.url,
    headers: headersToStored(request.headers, REQUEST_SKIP),
  }
  if (request.body !== null && request.method !== 'GET' && request.method !== 'HEAD') {
    const bytes = new Uint8Array(await request.clone().arrayBuffer())
    const body = encodeBody(bytes, request.headers.get('content-type'))
    if (body) stored.body = body
  }
  return stored
}

const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
const textEncoder = new TextEncoder()

/**
 * What `requestToStored(new Request(input, init))` gives, without building the `Request`, when
 * `fetch(input, init)` is plain enough to be sure of it: a string or `URL` input, a standard method,
 * a string body (or none), no aborted signal. `undefined` otherwise (and for anything `Request`
 * would reject), and the caller takes the full path.
 *
 * @example
 * fetchArgsToStored('https://api.test/a', { method: 'post', body: 'hi' })
 * // { method: 'POST', url: 'https://api.test/a', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: { text: 'hi' } }
 */
export function fetchArgsToStored(input: unknown, init?: RequestInit): StoredRequest | undefined {
  let url: URL
  if (typeof input === 'string') {
    try {
      url = new URL(input)
    } catch {
      return undefined
    }
  } else if (input instanceof URL) url = input
  else return undefined
  // Request refuses credentials in the URL: let it say so.
  if (url.username || url.password) return undefined
  let method = 'GET'
  let body: string | undefined
  let headers: Headers | undefined
  if (init !== undefined && init !== null) {
    if (typeof init !== 'object') return undefined
    if (init.signal?.aborted) return undefined
    if (init.method !== undefined) {
      if (typeof init.method !== 'string') return undefined
      method = init.method.toUpperCase()
      if (!SIMPLE_METHODS.has(method)) return undefined
    }
    if (init.body !== undefined && init.body !== null) {
      if (typeof init.body !== 'string' || method === 'GET' || method === 'HEAD') return undefined
      body = init.body
    }
    if (init.headers !== undefined) {
      try {
        headers = new Headers(init.headers)
      } catch {
        return undefined
      }
    }
  }
  if (body !== undefined) {
    // What Request adds for a string body.
    headers ??= new Headers()
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8')
  }
  const stored: StoredRequest = {
    method,
    url: url.href,
    headers: headers ? headersToStored(headers, REQUEST_SKIP) : {},
  }
  if (body) {
    const encoded = encodeBody(textEncoder.encode(body), headers!.get('content-type'))
    if (encoded) stored.body = encoded
  }
  return stored
}

export interface ResponseToStoredOptions {
  /**
   * Whether the body is already decompressed although `Content-Encoding` is still set (what
   * `fetch` gives you). Default: detect by trying to decompress.
   */
  decoded?: boolean
}

/**
 * A `Response` in stored form: body decompressed (gzip, deflate, br) and `Content-Encoding`
 * dropped; a streamed body (SSE, NDJSON, chunked text) kept as the chunks that arrived.
 * Consumes the response body; pass a clone if the response is still needed.
 *
 * @example
 * const stored = await responseToStored((await fetch(url)).clone(), { decoded: true })
 */
export async function responseToStored(
  response: Response,
  options: ResponseToStoredOptions = {},
): Promise<StoredResponse> {
  const stored: StoredResponse = {
    status: response.status,
    headers: headersToStored(response.headers),
  }
  if (response.statusText) stored.statusText = response.statusText
  if (!response.body) return stored
  let chunks: Uint8Array[] = []
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (value.byteLength) chunks.push(value)
  }
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase()
  if (encoding && encoding !== 'identity' && options.decoded !== true) {
    chunks = await decompressChunks(chunks, encoding, options.decoded === undefined)
  }
  const contentType = response.headers.get('content-type')
  if (isStreamed(response.headers, chunks.length)) {
    stored.chunks = splitRecords(chunks, contentType).map(encodeChunk)
  } else {
    const body = encodeBody(concat(chunks), contentType)
    if (body) stored.body = body
  }
  return stored
}

/**
 * SSE events and NDJSON lines are the units a client acts on; how TCP happened to cut them into
 * reads is noise that would make two recordings of the same stream differ. Those bodies are stored
 * one event (or line) per chunk; other streams keep the pieces as they arrived.
 */
function splitRecords(chunks: Uint8Array[], contentType: string | null): Uint8Array[] {
  const type = contentType ?? ''
  const separator = /text\/event-stream/i.test(type)
    ? /(?<=\r?\n\r?\n)/
    : /application\/(x-)?ndjson|application\/jsonl/i.test(type)
      ? /(?<=\n)/
      : undefined
  if (!separator) return chunks
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(concat(chunks))
  } catch {
    return chunks
  }
  const encoder = new TextEncoder()
  return text
    .split(separator)
    .filter((part) => part.length > 0)
    .map((part) => encoder.encode(part))
}

/** SSE and NDJSON always; other chunked text bodies when they came in more than one piece. */
function isStreamed(headers: Headers, count: number): boolean {
  const type = headers.get('content-type') ?? ''
  if (/text\/event-stream|application\/(x-)?ndjson|application\/jsonl/i.test(type)) return count > 0
  if (count < 2) return false
  const chunked = /chunked/i.test(headers.get('transfer-encoding') ?? '') || !headers.has('content-length')
  return chunked && !/json/i.test(type)
}

/**
 * A `Response` that replays a stored one. A chunked body is streamed one chunk per macrotask, so
 * the client sees the same pieces it saw when it was recorded.
 *
 * @example
 * const response = storedToResponse(file.interactions[0].response)
 */
export function storedToResponse(stored: StoredResponse, request?: { method: string }): Response {
  const headers = storedToHeaders(stored.headers)
  const init: ResponseInit = { status: stored.status, statusText: stored.statusText ?? '', headers }
  const noBody = [101, 103, 204, 205, 304].includes(stored.status) || request?.method.toUpperCase() === 'HEAD'
  if (noBody) return new Response(null, init)
  if (stored.chunks) {
    const chunks = stored.chunks.map((c) =>
      'text' in c ? new TextEncoder().encode(c.text) : fromBase64(c.base64),
    )
    let i = 0
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // One chunk per macrotask: writes in the same tick would reach the client merged.
        if (i > 0) await new Promise((resolve) => setImmediate(resolve))
        if (i < chunks.length) controller.enqueue(chunks[i++]!)
        if (i >= chunks.length) controller.close()
      },
    })
    return new Response(stream, init)
  }
  const body = stored.body
  // A text or JSON body goes to Response as the string: undici encodes it once, where bytes would be
  // encoded here and then copied by Response. Only with a Content-Type, since Response would add
  // `text/plain;charset=UTF-8` to a string body without one.
  if (body && !('base64' in body) && headers.has('content-type')) {
    const text = 'json' in body ? JSON.stringify(body.json) : body.text
    if (!headers.has('content-length')) headers.set('content-length', String(Buffer.byteLength(text)))
    return new Response(text.length ? text : null, init)
  }
  const bytes = decodeBody(body)
  if (!headers.has('content-length')) headers.set('content-length', String(bytes.byteLength))
  return new Response(bytes.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null, init)
}

// --- Internal helpers ---

const gunzip = promisify(zlib.gunzip)
const inflate = promisify(zlib.inflate)
const inflateRaw = promisify(zlib.inflateRaw)
const brotli = promisify(zlib.brotliDecompress)

async function decompressChunks(
  chunks: Uint8Array[],
  encoding: string,
  lenient: boolean,
): Promise<Uint8Array[]> {
  // "gzip, br" means gzip was applied first: undo in reverse order.
  const codings = encoding
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .reverse()
  let out = chunks
  for (const coding of codings) {
    try {
      out =
        out.length > 1 ? await decompressStream(out, coding) : [await decompressWhole(concat(out), coding)]
    } catch (error) {
      // fetch already decoded it (Content-Encoding is left in place), or the server lied.
      if (lenient) return chunks
      throw error
    }
  }
  return out
}

async function decompressWhole(bytes: Uint8Array, coding: string): Promise<Uint8Array> {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzip(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
    case 'deflate':
      // Servers send both zlib-wrapped and raw deflate under this name.
      return inflate(bytes).catch(() => inflateRaw(bytes))
    case 'br':
      return brotli(bytes)
    default:
      throw new Error(`unsupported content-encoding "${coding}"`)
  }
}

/** Decompress chunk by chunk, keeping one output chunk per input chunk (empty ones dropped). */
async function decompressStream(chunks: Uint8Array[], coding: string): Promise<Uint8Array[]> {
  const stream =
    coding === 'gzip' || coding === 'x-gzip'
      ? zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
      : coding === 'deflate'
        ? zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
        : coding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined
  if (!stream) throw new Error(`unsupported content-encoding "${coding}"`)
  const out: Uint8Array[] = []
  let pending: Buffer[] = []
  stream.on('data', (data: Buffer) => pending.push(data))
  const failed = new Promise<never>((_, reject) => stream.once('error', reject))
  for (const chunk of chunks) {
    stream.write(chunk)
    await Promise.race([new Promise<void>((resolve) => stream.flush(() => resolve())), failed])
    if (pending.length) out.push(concat(pending))
    pending = []
  }
  const ended = new Promise<void>((resolve) => stream.once('end', () => resolve()))
  stream.end()
  await Promise.race([ended, failed])
  if (pending.length) out.push(concat(pending))
  return out
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const total = chunks.reduce((n, c) => n + c.byteLength, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out
}
