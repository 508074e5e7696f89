import { standIn } from './delegate'
import { HeaderMap } from './header-map'

/** A body held in memory: bytes, or text to be sent as UTF-8. */
export type BodyContent = Uint8Array | string

type BufferedInit = {
  status?: number
  statusText?: string
  /** A HeaderMap is taken over as it is (not copied): the caller must not change it afterwards. */
  headers?: HeadersInit | HeaderMap
}

/** Statuses a Response may not carry a body with (fetch's "null body status"). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304])
const encoder = new TextEncoder()

/** What fetch accepts as a reason phrase: HTTP's reason-phrase characters. */
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/

/**
 * A Response whose body is already in memory, built for what a mock answers a thousand times a
 * second. undici's `Response` copies the body into a stream and validates each header on the way in
 * (~25 µs for a 5 KB JSON body with twenty headers), and even an empty one costs ~1 KB of internal
 * state; this keeps the body and a {@link HeaderMap} as they are and makes a stream only for a caller
 * that asks for `body`. The node:http adapter writes the body straight to the socket (a string
 * without encoding it first).
 *
 * It is a `Response` to `instanceof` and to every getter and method (its prototype chain goes through
 * `Response.prototype`, every member answered from what it holds), without undici's internal state:
 * undici's own functions that take a Response as input refuse it, as they refuse any object of
 * another implementation. `new Response(r.body, r)` and `r.clone()` give a copy.
 */
export class BufferedResponse implements Response {
  readonly #content: BodyContent | null
  readonly #headers: HeaderMap
  readonly #status: number
  readonly #statusText: string
  #stream: ReadableStream<Uint8Array> | undefined
  #used = false
  /** Read through the stream from `body`: that reader may go on, any other read fails. */
  #streaming = false

  constructor(body: BodyContent | null, init: BufferedInit = {}) {
    const status = init.status ?? 200
    // As undici's constructor checks them, with its messages.
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.')
    const statusText = init.statusText === undefined ? '' : String(init.statusText)
    if (!REASON_PHRASE.test(statusText)) throw new TypeError('Invalid statusText')
    if (body !== null && NULL_BODY_STATUS.has(status))
      throw new TypeError(`A ${status} response cannot have a body.`)
    this.#status = status
    this.#statusText = statusText
    this.#content = body
    this.#headers = init.headers instanceof HeaderMap ? init.headers : new HeaderMap(init.headers)
    // As fetch labels a string body.
    if (typeof body === 'string' && !this.#headers.has('content-type'))
      this.#headers.set('content-type', 'text/plain;charset=UTF-8')
  }

  get status(): number {
    return this.#status
  }

  get statusText(): string {
    return this.#statusText
  }

  get ok(): boolean {
    return this.#status >= 200 && this.#status <= 299
  }

  get type(): ResponseType {
    return 'default'
  }

  /** Empty, as for any Response made by code rather than fetched; msw and adapters set their own. */
  get url(): string {
    return ''
  }

  get redirected(): boolean {
    return false
  }

  get headers(): HeaderMap {
    return this.#headers
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#content === null) return null
    if (!this.#stream) {
      const content = this.#content
      // highWaterMark 0: nothing is pulled (and the body counts as unused) until a reader reads.
      this.#stream = new ReadableStream<Uint8Array>(
        {
          pull: (controller) => {
            if (this.#used && !this.#streaming) {
              controller.error(new TypeError('Body is unusable: Body has already been read'))
              return
            }
            this.#used = true
            this.#streaming = true
            const bytes = toBytes(content)
            // A copy: the reader may transfer or change what it gets; the held bytes are shared.
            if (bytes.length > 0) controller.enqueue(bytes === content ? bytes.slice() : bytes)
            controller.close()
          },
        },
        { highWaterMark: 0 },
      )
    }
    return this.#stream as ReadableStream<Uint8Array<ArrayBuffer>>
  }

  get bodyUsed(): boolean {
    return this.#used
  }

  /** The body as held, while nobody has read it: what adapters write without going through a stream. */
  get content(): BodyContent | null | undefined {
    return this.#used ? undefined : this.#content
  }

  #take(): BodyContent {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read')
    this.#used = true
    return this.#content ?? ''
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = toBytes(this.#take())
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer())
  }

  async text(): Promise<string> {
    const content = this.#take()
    return typeof content === 'string' ? content : new TextDecoder().decode(content)
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text())
  }

  async blob(): Promise<Blob> {
    const type = this.#headers.get('content-type')
    return new Blob([await this.arrayBuffer()], type ? { type } : {})
  }

  async formData(): Promise<FormData> {
    // Rare for a mock's answer: the platform's parser over the same bytes and content type.
    return new Response(await this.arrayBuffer(), { headers: this.#headers }).formData()
  }

  clone(): BufferedResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.')
    return new BufferedResponse(this.#content, {
      status: this.#status,
      statusText: this.#statusText,
      headers: new HeaderMap(this.#headers),
    })
  }

  /** As `console.log` shows a Response: its status, headers and whether its body was read. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    const shown = {
      status: this.#status,
      statusText: this.#statusText,
      headers: this.#headers,
      body: this.#content === null ? null : `<${contentLength(this.#content)} bytes held>`,
      bodyUsed: this.#used,
      ok: this.ok,
    }
    return `Response ${inspect(shown, options)}`
  }
}

// Any member of Response this class does not answer itself (one a later Node adds) is served by a
// real Response over the same body. Not `extends Response`: that would build undici's state for
// every answer.
const realOf = new WeakMap<BufferedResponse, Response>()
standIn(BufferedResponse, Response, (response) => {
  let made = realOf.get(response)
  if (!made) {
    const content = response.content
    made = new Response(content === undefined ? null : (content as BodyInit), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
    realOf.set(response, made)
  }
  return made
})

/** Node's Buffer counts UTF-8 natively; elsewhere (browsers, workers) the loop below does. */
const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer

function toBytes(content: BodyContent): Uint8Array {
  return typeof content === 'string' ? encoder.encode(content) : content
}

/** The size of a body in bytes (a string's UTF-8 length, counted without encoding it). */
export function contentLength(content: BodyContent): number {
  if (typeof content !== 'string') return content.length
  if (nodeBuffer) return nodeBuffer.byteLength(content, 'utf8')
  let bytes = content.length
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: two UTF-16 units, four bytes.
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

/** The body a mock holds for a Response, while unread: bytes or text, without reading a stream. */
export function bufferedContent(response: Response): BodyContent | undefined {
  if (response instanceof BufferedResponse) return response.content ?? undefined
  return undefined
}

/**
 * A Response over a body the caller already holds (bytes, or text sent as UTF-8): a
 * {@link BufferedResponse}, cheap to make, whose body the mock and the node:http adapter take
 * without reading a stream. The body must not change afterwards.
 *
 * @example
 * return bytesResponse(JSON.stringify(data), { status: 201, headers: { 'content-type': 'application/json' } })
 */
export function bytesResponse(body: BodyContent, init?: BufferedInit): BufferedResponse {
  return new BufferedResponse(body, init)
}

/** The body of a Response as bytes: the ones it holds when it is buffered, else read from its stream. */
export async function responseBytes(response: Response): Promise<Uint8Array> {
  const known = bufferedContent(response)
  if (known !== undefined) return toBytes(known)
  return new Uint8Array(await response.arrayBuffer())
}

/** The body of a Response as it is held (text stays text), else its bytes read from its stream. */
export async function responseContent(response: Response): Promise<BodyContent> {
  return bufferedContent(response) ?? new Uint8Array(await response.arrayBuffer())
}

function isStreamed(response: Response): boolean {
  const type = response.headers.get('content-type') ?? ''
  return type.includes('event-stream') || type.includes('octet-stream')
}

/** {@link bufferResponse}'s answer without waiting, for a buffered response nobody has read. */
export function heldBody(response: Response): { response: Response; content?: BodyContent } | undefined {
  if (!(response instanceof BufferedResponse)) return undefined
  const content = response.content
  if (content === null) return { response }
  return content === undefined ? undefined : { response, content }
}

/**
 * Reads a finished (non-streamed) body once and returns an equivalent buffered Response over it.
 * Streams (SSE, downloads) are left alone so they reach the client chunk by chunk.
 */
export async function bufferResponse(
  response: Response,
): Promise<{ response: Response; content?: BodyContent }> {
  const held = heldBody(response)
  if (held) return held
  if (!response.body || response.type === 'error' || isStreamed(response)) return { response }
  const bytes = new Uint8Array(await response.arrayBuffer())
  const copy = new BufferedResponse(bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: new HeaderMap(response.headers),
  })
  return { response: copy, content: bytes }
}

/** What the request log shows for a response body: parsed JSON, text, or `'[stream]'` (not held). */
export function describeBytes(contentType: string | null, content: BodyContent | undefined): unknown {
  if (content === undefined) return '[stream]'
  if (content.length === 0) return undefined
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content)
  if ((contentType ?? '').includes('json')) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}
