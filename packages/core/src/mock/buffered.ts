/**
 * Bodies the mock has already read into memory, by the Response that carries them. The request log
 * needs the bytes anyway; keeping them lets the node:http adapter write them in one call instead of
 * pumping the Response's stream again.
 */
const buffered = new WeakMap<Response, Uint8Array>()

/** The bytes behind a Response the mock buffered, if it did. */
export function bufferedBody(response: Response): Uint8Array | undefined {
  return buffered.get(response)
}

/**
 * A Response over bytes the caller already holds, remembered as its body: the mock (and the node:http
 * adapter) take the bytes from here instead of reading the Response's stream back, as long as nobody
 * read it first. The bytes must not change afterwards.
 */
export function bytesResponse(bytes: Uint8Array, init?: ResponseInit): Response {
  const response = new Response(bytes as Uint8Array<ArrayBuffer>, init)
  buffered.set(response, bytes)
  return response
}

/** The body of a Response as bytes: the ones it was made from when known, else read from its stream. */
export async function responseBytes(response: Response): Promise<Uint8Array> {
  const known = response.bodyUsed ? undefined : buffered.get(response)
  return known ?? new Uint8Array(await response.arrayBuffer())
}

function isStreamed(response: Response): boolean {
  const type = response.headers.get('content-type') ?? ''
  return type.includes('event-stream') || type.includes('octet-stream')
}

/**
 * Reads a finished (non-streamed) body once and returns an equivalent Response over the bytes.
 * Streams (SSE, downloads) are left alone so they reach the client chunk by chunk.
 */
export async function bufferResponse(
  response: Response,
): Promise<{ response: Response; bytes?: Uint8Array }> {
  if (!response.body || response.type === 'error' || isStreamed(response)) return { response }
  // Made by bytesResponse and unread: its stream still holds exactly these bytes.
  const known = response.bodyUsed ? undefined : buffered.get(response)
  if (known) return { response, bytes: known }
  const bytes = new Uint8Array(await response.arrayBuffer())
  const copy = new Response(bytes, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
  buffered.set(copy, bytes)
  return { response: copy, bytes }
}

/** What the request log shows for a response body: parsed JSON, text, or `'[stream]'`. */
export function describeBody(response: Response, bytes: Uint8Array | undefined): unknown {
  if (!response.body || response.type === 'error') return undefined
  return describeBytes(response.headers.get('content-type'), bytes)
}

/** {@link describeBody} for a response known to have a body, from its Content-Type and bytes. */
export function describeBytes(contentType: string | null, bytes: Uint8Array | undefined): unknown {
  if (!bytes) return '[stream]'
  if (bytes.length === 0) return undefined
  const text = new TextDecoder().decode(bytes)
  if ((contentType ?? '').includes('json')) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}
