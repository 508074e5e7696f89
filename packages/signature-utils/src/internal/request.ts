// Reading and parsing a web-standard Request for the `verifyRequest` helpers. The body is read once, as
// bytes, because the signature covers the exact bytes: `request.json()` followed by JSON.stringify would
// not give them back.

import type { RequestVerifyFailure, RequestVerifySuccess, VerifyResult } from '../types'
import { utf8Decode } from './crypto'
import { describe, reasonOf } from './verify'

export interface RawRequest {
  headers: { get(name: string): string | null }
  bytes: Uint8Array
  text: string
}

function requestFailure(message: string): RequestVerifyFailure {
  return { ok: false, reason: 'invalid_request', message }
}

/** Reads the body of a `Request` (or anything with `headers.get` and `arrayBuffer`) without throwing. */
export async function readRequest(request: unknown): Promise<RawRequest | RequestVerifyFailure> {
  const candidate = request as Partial<Request> | null | undefined
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.headers?.get !== 'function' ||
    typeof candidate.arrayBuffer !== 'function'
  ) {
    return requestFailure(
      `Expected a web Request (with headers.get() and arrayBuffer()), got ${describe(request)}. ` +
        'In Node http or Express, read the raw body yourself and call verify(secret, rawBody, ...).',
    )
  }
  if (candidate.bodyUsed) {
    return requestFailure(
      'The request body was already read, so the raw bytes the signature covers are gone. ' +
        'Pass request.clone() to verifyRequest, or call it before anything else reads the body.',
    )
  }
  try {
    const bytes = new Uint8Array(await candidate.arrayBuffer())
    return { headers: candidate.headers, bytes, text: utf8Decode(bytes) }
  } catch (error) {
    return requestFailure(`Failed to read the request body: ${reasonOf(error)}.`)
  }
}

/** `headers.get(name)`, or `null` if a Headers-like object throws. */
export function getHeader(raw: RawRequest, name: string): string | null {
  try {
    return raw.headers.get(name)
  } catch {
    return null
  }
}

/**
 * The shared body of every `verifyRequest`: read the body once, verify it with `check`, parse it, and add
 * the scheme's own fields from `extra`. Resolves a failure instead of throwing, whatever `request` is.
 */
export async function verifyRawRequest<T, Extra extends object>(
  request: unknown,
  check: (raw: RawRequest) => Promise<VerifyResult>,
  extra: (raw: RawRequest) => Extra,
): Promise<(RequestVerifySuccess<T> & Extra) | RequestVerifyFailure> {
  try {
    const raw = await readRequest(request)
    if ('ok' in raw) return raw
    const result = await check(raw)
    if (!result.ok) return result
    const parsed = parseBody<T>(raw)
    if ('ok' in parsed) return parsed
    return { ok: true, ...parsed, ...extra(raw) }
  } catch (error) {
    return requestFailure(`Failed to verify the request: ${reasonOf(error)}.`)
  }
}

/**
 * Parses a verified body by its Content-Type. Form-encoded bodies carry their JSON in a `payload` field
 * (Slack interactivity and GitHub's `application/x-www-form-urlencoded` hooks); Slack slash commands are
 * plain fields.
 */
export function parseBody<T>(
  raw: RawRequest,
): Pick<RequestVerifySuccess<T>, 'payload' | 'rawBody'> | RequestVerifyFailure {
  const contentType = (getHeader(raw, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const text = raw.text
  const done = (payload: unknown) => ({ payload: payload as T, rawBody: text })
  if (text === '') return done(undefined)

  if (contentType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text)
    const json = form.get('payload')
    if (json === null) return done(Object.fromEntries(form))
    return parseJson(json, 'the form field "payload"', done)
  }
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    return parseJson(text, 'the JSON body', done)
  }
  if (contentType === '') {
    // No Content-Type: JSON if it parses, else the text as it came.
    try {
      return done(JSON.parse(text))
    } catch {
      return done(text)
    }
  }
  return done(text)
}

function parseJson<R>(text: string, where: string, done: (payload: unknown) => R): R | RequestVerifyFailure {
  try {
    return done(JSON.parse(text))
  } catch (error) {
    return {
      ok: false,
      reason: 'invalid_body',
      message:
        `The signature is valid, but ${where} is not valid JSON (${reasonOf(error)}). ` +
        'If this sender does not send JSON here, call verify() with the raw body and parse it yourself.',
    }
  }
}

/**
 * The Content-Type a sender would use for `payload`: form-encoded for `key=value&...` bodies (Slack slash
 * commands and interactivity, GitHub's form content type), JSON otherwise.
 */
export function guessContentType(payload: string | Uint8Array): string {
  const head = (
    typeof payload === 'string' ? payload.slice(0, 64) : utf8Decode(payload.subarray(0, 64))
  ).trimStart()
  if (head.startsWith('{') || head.startsWith('[')) return 'application/json'
  return /^[\w.%~-]+=/.test(head) ? 'application/x-www-form-urlencoded' : 'application/json'
}
