/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) to and from cassettes, so recordings
 * move between Understudy, Polly.js, Playwright (`recordHar`) and browser DevTools.
 *
 * @module
 */

import { CassetteFormatError } from '../cassette/errors'
import {
  type CassetteFile,
  createCassetteFile,
  decodeBody,
  type Interaction,
  storedHeader,
} from '../cassette/format'
import { requestToStored, responseToStored } from '../cassette/http'
import { FROM_HAR_OPTIONS, requireString, TO_HAR_OPTIONS, validateOptions } from '../cassette/validate'
import { createRedactor, type RedactionOptions } from '../redaction/filters'

export interface HarHeader {
  name: string
  value: string
}

export interface HarEntry {
  startedDateTime: string
  time: number
  request: {
    method: string
    url: string
    httpVersion: string
    cookies: unknown[]
    headers: HarHeader[]
    queryString: HarHeader[]
    postData?: {
      mimeType: string
      text?: string
      params?: Array<{ name: string; value?: string }>
      _encoding?: string
    }
    headersSize: number
    bodySize: number
  }
  response: {
    status: number
    statusText: string
    httpVersion: string
    cookies: unknown[]
    headers: HarHeader[]
    content: {
      size: number
      mimeType: string
      text?: string
      encoding?: string
      _chunks?: Array<{ text: string } | { base64: string }>
    }
    redirectURL: string
    headersSize: number
    bodySize: number
  }
  cache: Record<string, unknown>
  timings: { send: number; wait: number; receive: number; [key: string]: number }
  [custom: `_${string}`]: unknown
}

export interface Har {
  log: {
    version: string
    creator: { name: string; version: string }
    pages?: unknown[]
    entries: HarEntry[]
    [custom: string]: unknown
  }
}

export interface ToHarOptions {
  /** The `log.creator`. Default `{ name: '@understudy/core', version: '1' }`. */
  creator?: { name: string; version: string }
}

/**
 * A HAR 1.2 log of one or more cassettes. Streamed bodies are joined in `content.text` and also
 * kept, chunk by chunk, in the custom field `content._chunks` so `fromHar` restores them.
 *
 * @example
 * await writeFile('session.har', JSON.stringify(toHar(await readCassetteFile(path)), null, 2))
 */
export function toHar(cassettes: CassetteFile | readonly CassetteFile[], options: ToHarOptions = {}): Har {
  validateOptions('toHar', options, TO_HAR_OPTIONS)
  const files = Array.isArray(cassettes) ? cassettes : [cassettes as CassetteFile]
  return {
    log: {
      version: '1.2',
      creator: options.creator ?? { name: '@understudy/core', version: '1' },
      entries: files.flatMap((file) => file.interactions.map(toEntry)),
    },
  }
}

function toEntry(interaction: Interaction): HarEntry {
  const { request, response } = interaction
  const url = new URL(request.url)
  const requestType = storedHeader(request.headers, 'content-type') ?? ''
  const responseType = storedHeader(response.headers, 'content-type') ?? ''
  const requestBytes = decodeBody(request.body)
  const chunks = response.chunks
  const responseBytes = chunks
    ? Buffer.concat(chunks.map((c) => ('text' in c ? Buffer.from(c.text) : Buffer.from(c.base64, 'base64'))))
    : Buffer.from(decodeBody(response.body))
  const binary = response.body !== undefined && 'base64' in response.body
  const binaryChunks = chunks?.some((c) => 'base64' in c) ?? false
  const entry: HarEntry = {
    startedDateTime: interaction.recordedAt,
    time: 0,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: toHarHeaders(request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      headersSize: -1,
      bodySize: requestBytes.byteLength,
    },
    response: {
      status: response.status,
      statusText: response.statusText ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: toHarHeaders(response.headers),
      content: {
        size: responseBytes.byteLength,
        mimeType: responseType,
        ...(responseBytes.byteLength
          ? binary || binaryChunks
            ? { text: responseBytes.toString('base64'), encoding: 'base64' }
            : { text: responseBytes.toString('utf8') }
          : {}),
        ...(chunks ? { _chunks: chunks } : {}),
      },
      redirectURL: storedHeader(response.headers, 'location') ?? '',
      headersSize: -1,
      bodySize: responseBytes.byteLength,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  }
  if (request.body) {
    const base64 = 'base64' in request.body ? request.body.base64 : undefined
    const isBinary = base64 !== undefined
    entry.request.postData = {
      mimeType: requestType,
      text: base64 ?? Buffer.from(requestBytes).toString('utf8'),
      ...(isBinary ? { _encoding: 'base64' } : {}),
    }
  }
  return entry
}

function toHarHeaders(headers: Record<string, string | string[]>): HarHeader[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })),
  )
}

export interface FromHarOptions extends RedactionOptions {
  /** The cassette's name. */
  name: string
  /** Keep only the entries this returns true for (e.g. only API calls, not page assets). */
  filter?: (entry: HarEntry) => boolean
}

/**
 * A cassette from a HAR 1.2 log (an object or its JSON text), as written by Polly.js, Playwright's
 * `recordHar`, Chrome or Firefox DevTools. The default redaction applies (cookies and
 * authorization headers go), plus any filters given. Entries that never got a response (status 0,
 * blocked or cancelled), informational responses and non-HTTP URLs (`data:`, `blob:`) are skipped.
 *
 * @example
 * const cassette = await fromHar(JSON.parse(await readFile('session.har', 'utf8')), { name: 'session' })
 */
export async function fromHar(har: Har | string, options: FromHarOptions): Promise<CassetteFile> {
  validateOptions('fromHar', options, FROM_HAR_OPTIONS)
  requireString('name', options?.name, "fromHar(har, { name: 'github/issues' })")
  let data: unknown = har
  if (typeof har === 'string') {
    try {
      data = JSON.parse(har)
    } catch (error) {
      throw new CassetteFormatError(
        `Failed to import HAR: it is not valid JSON (${(error as Error).message}). Pass the .har file's text.`,
        undefined,
        {
          cause: error,
        },
      )
    }
  }
  const entries = (data as Har | undefined)?.log?.entries
  if (!Array.isArray(entries)) {
    throw new CassetteFormatError(
      'Failed to import HAR: it has no "log.entries" array. Pass a HAR 1.2 file (Polly recording, Playwright recordHar, DevTools "Save all as HAR").',
      undefined,
    )
  }
  const redactor = createRedactor(options)
  const interactions: Interaction[] = []
  for (const [i, entry] of entries.entries()) {
    if (options.filter && !options.filter(entry)) continue
    const interaction = await fromEntry(entry, i)
    if (!interaction) continue
    const redacted = redactor.interaction(interaction)
    if (redacted) interactions.push(redacted)
  }
  return createCassetteFile(options.name, interactions)
}

const NULL_BODY = new Set([204, 205, 304])

async function fromEntry(entry: HarEntry, index: number): Promise<Interaction | undefined> {
  const where = `log.entries[${index}]`
  const req = entry?.request
  const res = entry?.response
  if (!req || !res || typeof req.url !== 'string' || typeof req.method !== 'string') {
    throw new CassetteFormatError(
      `Failed to import HAR: ${where} has no request method and URL. Check that the file is a HAR log.`,
      undefined,
    )
  }
  if (!/^https?:/i.test(req.url) || typeof res.status !== 'number' || res.status < 200 || res.status > 599)
    return undefined
  const requestHeaders = toHeaders(req.headers)
  let requestBody: Uint8Array | string | undefined
  if (req.postData && req.method !== 'GET' && req.method !== 'HEAD') {
    if (req.postData.text !== undefined) {
      requestBody =
        req.postData._encoding === 'base64' ? Buffer.from(req.postData.text, 'base64') : req.postData.text
    } else if (req.postData.params) {
      requestBody = new URLSearchParams(req.postData.params.map((p) => [p.name, p.value ?? ''])).toString()
    }
    if (req.postData.mimeType && !requestHeaders.has('content-type'))
      requestHeaders.set('content-type', req.postData.mimeType)
  }
  const request = new Request(req.url, {
    method: req.method,
    headers: requestHeaders,
    body: requestBody as BodyInit | undefined,
  })

  const responseHeaders = toHeaders(res.headers)
  const content = res.content ?? { size: 0, mimeType: '' }
  if (content.mimeType && !responseHeaders.has('content-type'))
    responseHeaders.set('content-type', content.mimeType)
  const recordedAt = Number.isNaN(Date.parse(entry.startedDateTime))
    ? new Date().toISOString()
    : new Date(entry.startedDateTime).toISOString()
  const storedRequest = await requestToStored(request)
  if (Array.isArray(content._chunks)) {
    // Our own export: the chunks are exact, keep them.
    const stored = await responseToStored(
      new Response(null, { status: res.status, statusText: res.statusText, headers: responseHeaders }),
    )
    stored.chunks = content._chunks
    return { recordedAt, request: storedRequest, response: stored }
  }
  const bytes =
    content.text === undefined
      ? undefined
      : content.encoding === 'base64'
        ? Buffer.from(content.text, 'base64')
        : Buffer.from(content.text, 'utf8')
  // HAR content is the decoded body (the spec says so, and every tool does it): the recorded
  // Content-Encoding no longer describes it.
  responseHeaders.delete('content-encoding')
  const response = new Response(NULL_BODY.has(res.status) || !bytes?.byteLength ? null : bytes, {
    status: res.status,
    statusText: res.statusText ?? '',
    headers: responseHeaders,
  })
  return { recordedAt, request: storedRequest, response: await responseToStored(response, { decoded: true }) }
}

function toHeaders(list: HarHeader[] | undefined): Headers {
  const headers = new Headers()
  for (const { name, value } of list ?? []) {
    // HTTP/2 pseudo-headers (:authority, :path) as DevTools records them are not real headers.
    if (!name || name.startsWith(':')) continue
    try {
      headers.append(name, value)
    } catch {
      // A header Headers cannot hold (invalid characters): skip it rather than the whole entry.
    }
  }
  return headers
}
