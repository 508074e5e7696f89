/**
 * Slack request signatures: an HMAC-SHA256, keyed with the app's signing secret, of the basestring
 * `v0:<timestamp>:<raw body>`, sent as `X-Slack-Signature: v0=<hex>` with the timestamp in
 * `X-Slack-Request-Timestamp`.
 *
 * @see https://api.slack.com/authentication/verifying-requests-from-slack
 * @module
 */

import { fromHex, hmacSha256, timingSafeEqual, toHex } from './internal/crypto'
import { getHeader, guessContentType, verifyRawRequest } from './internal/request'
import {
  checkPayload,
  checkTextSecret,
  checkTolerance,
  describe,
  fail,
  guard,
  hexProblem,
  OK,
  parseTimestamp,
  preview,
  readTimeOptions,
  requirePayload,
  requireTextSecret,
  requireTimestamp,
  whitespaceHint,
} from './internal/verify'
import type * as Types from './types'

// Declared here rather than re-exported: bundled into the root entry's namespaces, a re-exported
// type lands in the namespace's value exports, which `skipLibCheck: false` rejects (TS2693).
export type Payload = Types.Payload
export type RequestFailureReason = Types.RequestFailureReason
export type RequestVerifyFailure = Types.RequestVerifyFailure
export type RequestVerifySuccess<T> = Types.RequestVerifySuccess<T>
export type TimestampOptions = Types.TimestampOptions
export type VerifyFailure<Reason extends string = VerifyFailureReason> = Types.VerifyFailure<Reason>
export type VerifyFailureReason = Types.VerifyFailureReason
export type VerifyResult = Types.VerifyResult

/** The header that carries the signature, lower-case as `Headers.get` takes it. */
export const SIGNATURE_HEADER = 'x-slack-signature'
/** The header that carries the signed timestamp (Unix seconds). */
export const TIMESTAMP_HEADER = 'x-slack-request-timestamp'

const VERSION = 'v0'

/** What `slack.sign` gives: the two header values Slack sends. */
export interface SlackSignature {
  /** `X-Slack-Signature`: `v0=<hex>`. */
  signature: string
  /** `X-Slack-Request-Timestamp`, Unix seconds. */
  timestamp: number
}

/** The two signature headers as `slack.verify` takes them; `timestamp` as a number or the header's text. */
export interface SlackSignatureHeaders {
  signature: string | null | undefined
  timestamp: number | string | null | undefined
}

async function digest(secret: string, timestamp: string, payload: Payload): Promise<Uint8Array> {
  return hmacSha256({ text: secret }, `${VERSION}:${timestamp}:`, payload)
}

/**
 * Signs `payload` as Slack does. `timestamp` defaults to now (Unix seconds).
 *
 * @example
 * const body = 'command=%2Fdeploy&text=staging&user_id=U123'
 * const { signature, timestamp } = await slack.sign('slack_signing_test', body, 1700000000)
 * // signature: "v0=f0bfe1e78e97...", timestamp: 1700000000
 */
export async function sign(
  secret: string,
  payload: Payload,
  timestamp?: number | string,
): Promise<SlackSignature> {
  const what = 'sign a Slack request'
  const key = requireTextSecret(secret, what, 'slack.sign(process.env.SLACK_SIGNING_SECRET, body)')
  const body = requirePayload(payload, what)
  const ts = requireTimestamp(timestamp, what)
  return { signature: `${VERSION}=${toHex(await digest(key, String(ts), body))}`, timestamp: ts }
}

/**
 * Checks Slack's `X-Slack-Signature` and `X-Slack-Request-Timestamp` against the raw body. Resolves
 * `true` only for a valid signature whose timestamp is within `toleranceSeconds` (default 300) of `now`;
 * resolves `false` (never throws) for anything else, whatever the arguments.
 *
 * @example
 * const body = await request.text()
 * const ok = await slack.verify(process.env.SLACK_SIGNING_SECRET!, body, {
 *   signature: request.headers.get('x-slack-signature'),
 *   timestamp: request.headers.get('x-slack-request-timestamp'),
 * })
 */
export async function verify(
  secret: string,
  payload: Payload,
  headers: SlackSignatureHeaders,
  options?: TimestampOptions,
): Promise<boolean> {
  return (await verifyDetailed(secret, payload, headers, options)).ok
}

/**
 * Like `verify`, but tells why a request was rejected: `{ ok: true }` or
 * `{ ok: false, reason, message, header? }` (see `VerifyFailureReason`). Never throws.
 *
 * @example
 * const result = await slack.verifyDetailed('slack_signing_test', body, { signature, timestamp: 1700000000 })
 * if (!result.ok && result.reason === 'expired') console.warn(result.message)
 */
export function verifyDetailed(
  secret: string,
  payload: Payload,
  headers: SlackSignatureHeaders,
  options?: TimestampOptions,
): Promise<VerifyResult> {
  return guard(async () => {
    const invalid = checkTextSecret(secret, 'Slack signing') ?? checkPayload(payload)
    if (invalid) return invalid
    const time = readTimeOptions(options)
    if ('ok' in time) return time

    const { signature, timestamp } = (headers ?? {}) as Partial<SlackSignatureHeaders>
    if (signature === undefined || signature === null || signature === '') {
      return fail(
        'missing_header',
        'X-Slack-Signature is missing or empty. Pass { signature, timestamp } from the request headers ' +
          'x-slack-signature and x-slack-request-timestamp.',
        SIGNATURE_HEADER,
      )
    }
    if (timestamp === undefined || timestamp === null || timestamp === '') {
      return fail(
        'missing_header',
        'X-Slack-Request-Timestamp is missing or empty. Pass { signature, timestamp } from the request headers ' +
          'x-slack-signature and x-slack-request-timestamp.',
        TIMESTAMP_HEADER,
      )
    }
    // The basestring uses the header's text exactly as sent; a number is its decimal form.
    const timestampText =
      typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0
        ? String(timestamp)
        : typeof timestamp === 'string'
          ? timestamp.trim()
          : ''
    const ts = parseTimestamp(timestampText)
    if (ts === undefined) {
      return fail(
        'malformed',
        `X-Slack-Request-Timestamp must be whole Unix seconds, got ${describe(timestamp)}` +
          `${typeof timestamp === 'number' || typeof timestamp === 'string' ? ` (${preview(String(timestamp), 20)})` : ''}.`,
        TIMESTAMP_HEADER,
      )
    }
    if (typeof signature !== 'string') {
      return fail(
        'malformed',
        `X-Slack-Signature must be a string like "v0=<64 hex digits>", got ${describe(signature)}.`,
        SIGNATURE_HEADER,
      )
    }
    const value = signature.trim()
    if (!value.startsWith(`${VERSION}=`)) {
      return fail(
        'malformed',
        `X-Slack-Signature must start with "v0=" (the only version Slack uses), got "${preview(value)}".`,
        SIGNATURE_HEADER,
      )
    }
    const hex = value.slice(VERSION.length + 1)
    const expected = fromHex(hex, 32)
    if (!expected) {
      return fail(
        'malformed',
        `X-Slack-Signature must be "v0=" followed by ${hexProblem(hex)}.`,
        SIGNATURE_HEADER,
      )
    }
    // Checked before the HMAC: a stale request costs no hashing.
    const stale = checkTolerance(ts, time, 'X-Slack-Request-Timestamp')
    if (stale) return stale
    if (timingSafeEqual(expected, await digest(secret, timestampText, payload))) return OK
    return fail(
      'mismatch',
      'X-Slack-Signature does not match "v0:<timestamp>:<body>": the signing secret differs from the app\'s ' +
        '(Basic Information > App Credentials > Signing Secret), or the body changed after Slack sent it ' +
        '(verify the raw form-encoded or JSON text, not parsed fields).' +
        whitespaceHint(secret),
    )
  })
}

/**
 * The headers Slack sends with a signed request: `X-Slack-Signature`, `X-Slack-Request-Timestamp`,
 * `Content-Type` (form-encoded for slash commands and interactivity `payload=...` bodies, JSON for the
 * Events API) and `User-Agent`. `timestamp` defaults to now.
 *
 * @example
 * const body = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention', text: 'hi' } })
 * await fetch('http://127.0.0.1:3000/slack/events', {
 *   method: 'POST',
 *   body,
 *   headers: await slack.headers('slack_signing_test', body),
 * })
 */
export async function headers(
  secret: string,
  payload: Payload,
  timestamp?: number | string,
): Promise<Record<string, string>> {
  const signed = await sign(secret, payload, timestamp)
  return {
    'Content-Type': guessContentType(payload),
    'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'X-Slack-Request-Timestamp': String(signed.timestamp),
    'X-Slack-Signature': signed.signature,
  }
}

/** What `slack.verifyRequest` resolves to for a valid request. */
export interface SlackRequestSuccess<T> extends RequestVerifySuccess<T> {
  /** `X-Slack-Request-Timestamp`, Unix seconds. */
  timestamp: number
}

/**
 * Verifies a web `Request` from Slack in one call: reads the raw body once, checks the signature and
 * timestamp, and parses the payload: Events API JSON, the JSON in the `payload` field of interactivity
 * requests, or the fields of a slash command as an object. Never throws.
 *
 * @example
 * export async function POST(request: Request) {
 *   const result = await slack.verifyRequest<{ type: string; challenge?: string }>(
 *     process.env.SLACK_SIGNING_SECRET!, request)
 *   if (!result.ok) return new Response(result.message, { status: 401 })
 *   if (result.payload.type === 'url_verification') return Response.json({ challenge: result.payload.challenge })
 *   return new Response(null, { status: 200 })
 * }
 */
export function verifyRequest<T = unknown>(
  secret: string,
  request: Request,
  options?: TimestampOptions,
): Promise<SlackRequestSuccess<T> | RequestVerifyFailure> {
  return verifyRawRequest<T, Pick<SlackRequestSuccess<T>, 'timestamp'>>(
    request,
    (raw) =>
      verifyDetailed(
        secret,
        raw.bytes,
        { signature: getHeader(raw, SIGNATURE_HEADER), timestamp: getHeader(raw, TIMESTAMP_HEADER) },
        options,
      ),
    (raw) => ({ timestamp: Number(getHeader(raw, TIMESTAMP_HEADER)) }),
  )
}
