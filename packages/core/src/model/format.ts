/**
 * The cassette file format: types, body encoding (JSON as JSON, text as text, binary as base64),
 * serialization with a stable key order, and a validating parser whose errors name the file and field.
 *
 * @module
 */

import { CassetteFormatError } from './errors'

/** The `format` marker every cassette file carries. */
export const CASSETTE_FORMAT = 'understudy-cassette'
/** The format version this package writes, and the newest it reads. */
export const CASSETTE_FORMAT_VERSION = 1

/**
 * A body as stored: parsed JSON, UTF-8 text, or base64 for anything else. Exactly one key is set.
 * A JSON body is stored as JSON only when re-serializing it gives the same bytes (modulo
 * whitespace), so no number loses precision; otherwise it is stored as text.
 */
export type StoredBody = { json: unknown } | { text: string } | { base64: string }

/** Header names are lower case; `set-cookie` (and any repeated header) keeps one entry per value. */
export type StoredHeaders = Record<string, string | string[]>

export interface StoredRequest {
  method: string
  url: string
  headers: StoredHeaders
  body?: StoredBody
}

export interface StoredResponse {
  status: number
  statusText?: string
  headers: StoredHeaders
  /** The whole body, decompressed. Absent for an empty body or when `chunks` is set. */
  body?: StoredBody
  /** A streamed body (SSE, chunked), one entry per chunk as it arrived: replay streams them one by one. */
  chunks?: Array<{ text: string } | { base64: string }>
}

export interface Interaction {
  /** ISO time the interaction was recorded; `expiresIn` counts from here. */
  recordedAt: string
  request: StoredRequest
  response: StoredResponse
}

export interface CassetteFile {
  format: typeof CASSETTE_FORMAT
  version: number
  name: string
  /** The `expiresIn` in force when it was recorded, so `findExpiredCassettes` works without config. */
  expiresIn?: string
  interactions: Interaction[]
}

/**
 * A new, empty cassette.
 *
 * @example
 * const file = createCassetteFile('github/create-issue')
 */
export function createCassetteFile(name: string, interactions: Interaction[] = []): CassetteFile {
  return { format: CASSETTE_FORMAT, version: CASSETTE_FORMAT_VERSION, name, interactions }
}

// --- Bodies ---

// ignoreBOM keeps a leading byte-order mark in the text, so the body replays byte for byte.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()

const JSON_TYPE = /[/+]json\b|^application\/json/i
const TEXT_TYPE =
  /^text\/|[/+](xml|javascript|ecmascript|x-www-form-urlencoded|graphql|yaml|x-yaml|x-ndjson|csv)\b|event-stream/i

/**
 * Encode bytes for storage, choosing JSON, text or base64 from the content type and the bytes.
 * Returns `undefined` for an empty body.
 *
 * @example
 * encodeBody(new TextEncoder().encode('{"a":1}'), 'application/json') // { json: { a: 1 } }
 */
export function encodeBody(bytes: Uint8Array, contentType?: string | null): StoredBody | undefined {
  if (bytes.byteLength === 0) return undefined
  const text = decodeUtf8(bytes)
  if (text === undefined) return { base64: toBase64(bytes) }
  const type = contentType ?? ''
  if (JSON_TYPE.test(type) || (!type && looksLikeJson(text))) {
    const json = parseJsonExactly(text)
    // Deeper than any API answers: kept as its exact text, so nothing downstream walks it.
    if (json.ok && !exceedsDepth(json.value, MAX_JSON_DEPTH)) return { json: json.value }
  }
  if (TEXT_TYPE.test(type) || isPrintable(text)) return { text }
  return { base64: toBase64(bytes) }
}

/**
 * How deeply a JSON body may nest and still be stored as JSON (deeper bodies are stored as their
 * text), and how deeply a cassette file may nest at all. Real APIs stay far below it; a body that
 * does not is an attack or a bug, and walking it recursively would overflow the stack.
 */
export const MAX_JSON_DEPTH = 512

/**
 * Whether `value` nests objects/arrays more than `limit` levels deep. Recursion stops at `limit`,
 * so any input is safe for the limits used here (a few hundred frames at most); it allocates
 * nothing, which matters when loading a cassette of thousands of interactions.
 *
 * @example
 * exceedsDepth({ a: [1] }, 1) // true
 */
export function exceedsDepth(value: unknown, limit: number): boolean {
  return typeof value === 'object' && value !== null && deeper(value, 0, limit)
}

function deeper(node: object, depth: number, limit: number): boolean {
  if (depth >= limit) return true
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i]
      if (typeof child === 'object' && child !== null && deeper(child, depth + 1, limit)) return true
    }
    return false
  }
  for (const key in node) {
    const child: unknown = (node as Record<string, unknown>)[key]
    if (typeof child === 'object' && child !== null && deeper(child, depth + 1, limit)) return true
  }
  return false
}

/** Encode one chunk of a streamed body: text when it is UTF-8, base64 otherwise. */
export function encodeChunk(bytes: Uint8Array): { text: string } | { base64: string } {
  const text = decodeUtf8(bytes)
  return text === undefined || !isPrintable(text) ? { base64: toBase64(bytes) } : { text }
}

/** The bytes a stored body stands for. */
export function decodeBody(body: StoredBody | undefined): Uint8Array {
  if (!body) return new Uint8Array(0)
  if ('json' in body) return encoder.encode(JSON.stringify(body.json))
  if ('text' in body) return encoder.encode(body.text)
  return fromBase64(body.base64)
}

/** The body as a JS value for matching and filters: parsed JSON, text, or `undefined` for binary/empty. */
export function bodyValue(body: StoredBody | undefined): unknown {
  if (!body) return undefined
  if ('json' in body) return body.json
  if ('text' in body) return body.text
  return undefined
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

function isPrintable(text: string): boolean {
  // Control characters other than tab/newline/carriage return mean binary that happens to be UTF-8.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0]
  return first === '{' || first === '['
}

/**
 * Parse JSON only if no number in it loses precision when parsed (integers beyond 2^53, like some
 * APIs' ids, or decimals with more than 17 significant digits). Escapes such as Slack's `\/` are
 * fine: the parsed strings are the same.
 */
function parseJsonExactly(text: string): { ok: true; value: unknown } | { ok: false } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false }
  }
  return hasLossyNumber(text) ? { ok: false } : { ok: true, value }
}

/** Whether a number literal outside strings would not survive `JSON.parse`. */
function hasLossyNumber(text: string): boolean {
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') {
      inString = true
      continue
    }
    if ((c >= '0' && c <= '9') || c === '-') {
      let j = i
      while (j < text.length && /[-+0-9.eE]/.test(text[j]!)) j++
      const token = text.slice(i, j)
      i = j - 1
      const digits = token
        .replace(/[eE].*$/, '')
        .replace(/[-.]/g, '')
        .replace(/^0+/, '')
      if (/^-?\d+$/.test(token) ? !Number.isSafeInteger(Number(token)) : digits.length > 17) return true
    }
  }
  return false
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

export function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64')
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

// --- Headers ---

/** Headers that describe a connection or an encoding, not the message: never stored. */
export const HOP_BY_HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
  'content-encoding',
])

/** Headers as stored: lower-case names in sorted order, repeated `set-cookie` kept apart. */
export function headersToStored(
  headers: Headers,
  skip: ReadonlySet<string> = HOP_BY_HOP_HEADERS,
): StoredHeaders {
  const out: StoredHeaders = {}
  const names: string[] = []
  headers.forEach((_value, name) => {
    if (!skip.has(name) && !names.includes(name)) names.push(name)
  })
  for (const name of names.sort()) {
    if (name === 'set-cookie') {
      const cookies = headers.getSetCookie()
      out[name] = cookies.length === 1 ? cookies[0]! : cookies
    } else {
      out[name] = headers.get(name)!
    }
  }
  return out
}

/** A `Headers` from stored headers. */
export function storedToHeaders(stored: StoredHeaders): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(stored)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else headers.append(name, value)
  }
  return headers
}

/** First value of a stored header, case-insensitively. */
export function storedHeader(stored: StoredHeaders, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const key in stored) {
    if (key.toLowerCase() === lower) {
      const value = stored[key]!
      return Array.isArray(value) ? value[0] : value
    }
  }
  return undefined
}

// --- Serialization ---

/**
 * The file's text: pretty JSON, keys in a fixed order (headers sorted), a trailing newline.
 * The same cassette always serializes to the same bytes, so re-recording gives readable diffs.
 *
 * @example
 * await writeFile('a.json', serializeCassette(file))
 */
export function serializeCassette(file: CassetteFile): string {
  // JSON.stringify recurses: a value nested thousands deep (from a beforeRecord hook, or built by
  // hand) would overflow the stack with a bare RangeError.
  if (exceedsDepth(file, MAX_JSON_DEPTH + ENVELOPE_DEPTH)) {
    throw new CassetteFormatError(
      `Failed to write cassette "${file.name}": a value in it nests more than ${MAX_JSON_DEPTH} levels deep (the limit, MAX_JSON_DEPTH). ` +
        'Store such a body as text ({ text: JSON.stringify(value) }), or drop it in beforeRecord.',
      undefined,
    )
  }
  const ordered = {
    format: CASSETTE_FORMAT,
    version: file.version ?? CASSETTE_FORMAT_VERSION,
    name: file.name,
    ...(file.expiresIn ? { expiresIn: file.expiresIn } : {}),
    interactions: file.interactions.map(orderInteraction),
  }
  return `${JSON.stringify(ordered, null, 2)}\n`
}

function orderInteraction(interaction: Interaction): Interaction {
  const { request: q, response: r } = interaction
  return {
    recordedAt: interaction.recordedAt,
    request: {
      method: q.method,
      url: q.url,
      headers: sortKeys(q.headers),
      ...(q.body ? { body: q.body } : {}),
    },
    response: {
      status: r.status,
      ...(r.statusText ? { statusText: r.statusText } : {}),
      headers: sortKeys(r.headers),
      ...(r.body ? { body: r.body } : {}),
      ...(r.chunks ? { chunks: r.chunks } : {}),
    },
  }
}

function sortKeys<T extends Record<string, unknown>>(record: T): T {
  const out = {} as Record<string, unknown>
  for (const key of Object.keys(record).sort()) out[key] = record[key]
  return out as T
}

/** Levels a cassette adds above a body: file → interactions → [i] → response → body → json. */
const ENVELOPE_DEPTH = 6

// --- Parsing ---

/**
 * Parse and validate a cassette file's text. Throws one `CassetteFormatError` naming the file and
 * the first field that is wrong.
 *
 * @example
 * const file = parseCassette(await readFile(path, 'utf8'), path)
 */
export function parseCassette(text: string, path?: string): CassetteFile {
  const where = path ? `cassette ${path}` : 'cassette'
  const fail = (why: string, fix: string, cause?: unknown): never => {
    throw new CassetteFormatError(`Failed to read ${where}: ${why}. ${fix}`, path, { cause })
  }
  const reRecord = 'Fix the file by hand, or delete it and re-record with UNDERSTUDY_RECORD_MODE=all.'
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    fail(`it is not valid JSON (${(error as Error).message})`, reRecord, error)
  }
  if (!isRecord(data)) return fail(`it holds ${describe(data)}, not a cassette object`, reRecord)
  if (exceedsDepth(data, MAX_JSON_DEPTH + ENVELOPE_DEPTH)) {
    return fail(
      `it nests more than ${MAX_JSON_DEPTH} levels deep inside a body (the limit, MAX_JSON_DEPTH)`,
      'Store such a body as "text" instead of "json", or delete the file and re-record (deep bodies are recorded as text).',
    )
  }
  if (data.format !== CASSETTE_FORMAT) {
    const foreign = isRecord(data.log) && Array.isArray(data.log.entries)
    return fail(
      foreign
        ? 'it is a HAR file, not an Understudy cassette'
        : `it is not an Understudy cassette ("format" is ${JSON.stringify(data.format)}, expected "${CASSETTE_FORMAT}")`,
      foreign
        ? 'Convert it with `understudy cassettes import --har` (or `fromHar()`), or move it out of the cassette directory.'
        : 'Move the file out of the cassette directory, or delete it and re-record.',
    )
  }
  if (typeof data.version !== 'number' || !Number.isInteger(data.version)) {
    return fail(`"version" is ${JSON.stringify(data.version)}, expected an integer`, reRecord)
  }
  if (data.version > CASSETTE_FORMAT_VERSION) {
    return fail(
      `it has format version ${data.version}, and this @understudy/core reads up to version ${CASSETTE_FORMAT_VERSION}`,
      'Upgrade @understudy/core.',
    )
  }
  if (typeof data.name !== 'string')
    return fail(`"name" is ${describe(data.name)}, expected a string`, reRecord)
  if (data.expiresIn !== undefined && typeof data.expiresIn !== 'string') {
    return fail(`"expiresIn" is ${describe(data.expiresIn)}, expected a string like "30d"`, reRecord)
  }
  if (!Array.isArray(data.interactions)) {
    return fail(`"interactions" is ${describe(data.interactions)}, expected an array`, reRecord)
  }
  data.interactions.forEach((interaction: unknown, i: number) => {
    const problem = checkInteraction(interaction)
    if (problem) fail(`interactions[${i}]${problem}`, reRecord)
  })
  return data as unknown as CassetteFile
}

function checkInteraction(value: unknown): string | undefined {
  if (!isRecord(value)) return ` is ${describe(value)}, expected an object`
  if (typeof value.recordedAt !== 'string' || Number.isNaN(Date.parse(value.recordedAt))) {
    return `.recordedAt is ${describe(value.recordedAt)}, expected an ISO date`
  }
  const q = value.request
  if (!isRecord(q)) return `.request is ${describe(q)}, expected an object`
  if (typeof q.method !== 'string') return `.request.method is ${describe(q.method)}, expected a string`
  if (typeof q.url !== 'string' || !URL.canParse(q.url))
    return `.request.url is ${describe(q.url)}, expected a URL`
  const qh = checkHeaders(q.headers)
  if (qh) return `.request.headers${qh}`
  const qb = checkBody(q.body)
  if (qb) return `.request.body${qb}`
  const r = value.response
  if (!isRecord(r)) return `.response is ${describe(r)}, expected an object`
  if (typeof r.status !== 'number' || r.status < 100 || r.status > 599) {
    return `.response.status is ${describe(r.status)}, expected an HTTP status code`
  }
  const rh = checkHeaders(r.headers)
  if (rh) return `.response.headers${rh}`
  const rb = checkBody(r.body)
  if (rb) return `.response.body${rb}`
  if (r.chunks !== undefined) {
    if (!Array.isArray(r.chunks)) return `.response.chunks is ${describe(r.chunks)}, expected an array`
    for (let i = 0; i < r.chunks.length; i++) {
      const c = r.chunks[i]
      if (!isRecord(c) || !(typeof c.text === 'string' || typeof c.base64 === 'string')) {
        return `.response.chunks[${i}] is ${describe(c)}, expected { "text": ... } or { "base64": ... }`
      }
    }
  }
  return undefined
}

function checkHeaders(value: unknown): string | undefined {
  if (!isRecord(value)) return ` is ${describe(value)}, expected an object of header names to strings`
  for (const name in value) {
    const v = value[name]
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
      return `.${name} is ${describe(v)}, expected a string or an array of strings`
    }
  }
  return undefined
}

function checkBody(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (!isRecord(value)) return ` is ${describe(value)}, expected { "json" | "text" | "base64": ... }`
  if ('json' in value) return undefined
  if (typeof value.text === 'string' || typeof value.base64 === 'string') return undefined
  return ` is ${describe(value)}, expected { "json" | "text" | "base64": ... }`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
