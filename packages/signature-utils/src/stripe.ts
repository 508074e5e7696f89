/**
 * Stripe webhook signatures: an HMAC-SHA256, keyed with the endpoint's secret (`whsec_...`, used as is,
 * prefix included), of `<timestamp>.<raw body>`, sent as `Stripe-Signature: t=<timestamp>,v1=<hex>`.
 * While a secret is being rolled, Stripe sends one `v1` entry per active secret, and any may match;
 * other schemes (`v0` in test mode) are ignored.
 *
 * @see https://docs.stripe.com/webhooks#verify-manually
 * @module
 */

import { fromHex, hmacSha256, timingSafeEqual, toHex } from './internal/crypto'
import { getHeader, verifyRawRequest } from './internal/request'
import {
  checkPayload,
  checkTextSecret,
  checkTolerance,
  describe,
  fail,
  guard,
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

/** The header that carries the timestamp and signatures, lower-case as `Headers.get` takes it. */
export const SIGNATURE_HEADER = 'stripe-signature'

const HEADER = 'Stripe-Signature'
const SCHEME = 'v1'

async function digest(secret: string, timestamp: string, payload: Payload): Promise<Uint8Array> {
  return hmacSha256({ text: secret }, `${timestamp}.`, payload)
}

/**
 * Signs `payload` as Stripe does, giving the value of the `Stripe-Signature` header. `timestamp`
 * defaults to now (Unix seconds). Same output as stripe-node's `webhooks.generateTestHeaderString`.
 *
 * @example
 * const body = JSON.stringify({ id: 'evt_123', object: 'event', type: 'customer.created', data: { object: {} } })
 * const header = await stripe.sign('whsec_test', body, 1700000000) // "t=1700000000,v1=efcb2f1cd313..."
 */
export async function sign(secret: string, payload: Payload, timestamp?: number | string): Promise<string> {
  const what = 'sign a Stripe webhook'
  const key = requireTextSecret(secret, what, 'stripe.sign(process.env.STRIPE_WEBHOOK_SECRET, body)')
  const body = requirePayload(payload, what)
  const ts = requireTimestamp(timestamp, what)
  return `t=${ts},${SCHEME}=${toHex(await digest(key, String(ts), body))}`
}

/**
 * Checks a `Stripe-Signature` header against the raw body. Resolves `true` when any `v1` signature
 * matches and the timestamp is within `toleranceSeconds` (default 300) of `now`; resolves `false` (never
 * throws) for anything else, whatever the arguments.
 *
 * Unlike stripe-node, the tolerance applies in both directions (a timestamp far in the future fails
 * too) and `toleranceSeconds: 0` means "exactly now"; pass `Infinity` to skip the check.
 *
 * @example
 * const body = await request.text()
 * if (!(await stripe.verify(process.env.STRIPE_WEBHOOK_SECRET!, body, request.headers.get('stripe-signature')))) {
 *   return new Response('invalid signature', { status: 400 })
 * }
 */
export async function verify(
  secret: string,
  payload: Payload,
  header: string | null | undefined,
  options?: TimestampOptions,
): Promise<boolean> {
  return (await verifyDetailed(secret, payload, header, options)).ok
}

/**
 * Like `verify`, but tells why a signature was rejected: `{ ok: true }` or
 * `{ ok: false, reason, message, header? }` (see `VerifyFailureReason`). Never throws.
 *
 * @example
 * const result = await stripe.verifyDetailed('whsec_test', body, header, { now: 1700000000 })
 * if (!result.ok) console.warn(result.reason, result.message)
 */
export function verifyDetailed(
  secret: string,
  payload: Payload,
  header: string | null | undefined,
  options?: TimestampOptions,
): Promise<VerifyResult> {
  return guard(async () => {
    const invalid = checkTextSecret(secret, 'Stripe webhook') ?? checkPayload(payload)
    if (invalid) return invalid
    const time = readTimeOptions(options)
    if ('ok' in time) return time
    if (header === undefined || header === null || header === '') {
      return fail(
        'missing_header',
        `${HEADER} is missing or empty. Stripe signs every webhook; check that the request came from Stripe ` +
          '(or the Stripe CLI) and that your framework passes the header through.',
        SIGNATURE_HEADER,
      )
    }
    if (typeof header !== 'string') {
      return fail(
        'malformed',
        `${HEADER} must be a string like "t=<timestamp>,v1=<hex>", got ${describe(header)}.`,
        SIGNATURE_HEADER,
      )
    }

    let timestampText: string | undefined
    let schemeEntries = 0
    const signatures: Uint8Array[] = []
    for (const item of header.split(',')) {
      const separator = item.indexOf('=')
      if (separator < 0) continue
      const key = item.slice(0, separator).trim()
      const value = item.slice(separator + 1).trim()
      if (key === 't') {
        if (timestampText !== undefined) {
          return fail('malformed', `${HEADER} has more than one t= entry.`, SIGNATURE_HEADER)
        }
        timestampText = value
      } else if (key === SCHEME) {
        schemeEntries++
        // A v1 entry that is not 64 hex digits can match nothing: skip it, another may still match.
        const bytes = fromHex(value, 32)
        if (bytes) signatures.push(bytes)
      }
    }
    if (timestampText === undefined) {
      return fail('malformed', `${HEADER} has no t=<timestamp> entry.`, SIGNATURE_HEADER)
    }
    const ts = parseTimestamp(timestampText)
    if (ts === undefined) {
      return fail(
        'malformed',
        `${HEADER} t= must be whole Unix seconds, got "${preview(timestampText, 20)}".`,
        SIGNATURE_HEADER,
      )
    }
    if (signatures.length === 0) {
      return fail(
        'malformed',
        schemeEntries === 0
          ? `${HEADER} has no v1= signature (only v1 is a live signature scheme; v0 is ignored).`
          : `${HEADER} has ${schemeEntries} v1= entr${schemeEntries === 1 ? 'y' : 'ies'}, none of them 64 hex digits.`,
        SIGNATURE_HEADER,
      )
    }
    // Checked before the HMAC: a stale request costs no hashing.
    const stale = checkTolerance(ts, time, `${HEADER} t=`)
    if (stale) return stale

    const expected = await digest(secret, timestampText, payload)
    // Every entry is compared, with no early exit, so timing does not tell which one matched.
    let matched = false
    for (const signature of signatures) matched = timingSafeEqual(signature, expected) || matched
    if (matched) return OK
    const secretHint =
      secret.startsWith('whsec_') || secret.trim().startsWith('whsec_')
        ? ''
        : ' Stripe endpoint secrets start with "whsec_" (not the API key sk_...).'
    return fail(
      'mismatch',
      `No ${HEADER} v1 signature matches the payload: the secret is not this endpoint's signing secret ` +
        '(each endpoint, and the Stripe CLI, has its own), or the body changed after Stripe sent it (verify ' +
        'the raw bytes, not re-serialized JSON).' +
        secretHint +
        whitespaceHint(secret),
    )
  })
}

/**
 * The headers Stripe sends with a signed event: `Stripe-Signature`, `Content-Type` and `User-Agent`.
 * `timestamp` defaults to now.
 *
 * @example
 * const body = JSON.stringify({ id: 'evt_123', object: 'event', type: 'invoice.paid', data: { object: {} } })
 * await fetch('http://127.0.0.1:3000/webhooks/stripe', {
 *   method: 'POST',
 *   body,
 *   headers: await stripe.headers('whsec_test', body),
 * })
 */
export async function headers(
  secret: string,
  payload: Payload,
  timestamp?: number | string,
): Promise<Record<string, string>> {
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'Stripe-Signature': await sign(secret, payload, timestamp),
    'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  }
}

/** What `stripe.verifyRequest` resolves to for a valid event. */
export interface StripeRequestSuccess<T> extends RequestVerifySuccess<T> {
  /** The signed timestamp (`t=`), Unix seconds. */
  timestamp: number
}

/**
 * Verifies a web `Request` from Stripe in one call: reads the raw body once, checks `Stripe-Signature`,
 * and parses the event. Never throws.
 *
 * @example
 * export async function POST(request: Request) {
 *   const result = await stripe.verifyRequest<{ type: string }>(process.env.STRIPE_WEBHOOK_SECRET!, request)
 *   if (!result.ok) return new Response(result.message, { status: 400 })
 *   if (result.payload.type === 'invoice.paid') { ... }
 *   return Response.json({ received: true })
 * }
 */
export function verifyRequest<T = unknown>(
  secret: string,
  request: Request,
  options?: TimestampOptions,
): Promise<StripeRequestSuccess<T> | RequestVerifyFailure> {
  return verifyRawRequest<T, Pick<StripeRequestSuccess<T>, 'timestamp'>>(
    request,
    (raw) => verifyDetailed(secret, raw.bytes, getHeader(raw, SIGNATURE_HEADER), options),
    (raw) => ({ timestamp: Number(/(?:^|,)\s*t=(\d+)/.exec(getHeader(raw, SIGNATURE_HEADER) ?? '')?.[1]) }),
  )
}
