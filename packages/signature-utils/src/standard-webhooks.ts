/**
 * Standard Webhooks signatures (the scheme OpenAI, Svix and others send): an HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<raw body>`, keyed with the base64-decoded secret `whsec_<base64>`,
 * sent as `webhook-signature: v1,<base64>`. Several space-separated signatures may be sent (secret
 * rotation) and any may match; other versions (`v1a`, asymmetric) are ignored.
 *
 * @see https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 * @see https://platform.openai.com/docs/guides/webhooks
 * @module
 */

import { InvalidArgumentError } from './errors'
import {
  fromBase64,
  type HmacKeySource,
  hmacSha256,
  isBytes,
  randomId,
  timingSafeEqual,
  toBase64,
} from './internal/crypto'
import { getHeader, verifyRawRequest } from './internal/request'
import {
  checkPayload,
  checkTolerance,
  describe,
  fail,
  guard,
  OK,
  parseTimestamp,
  preview,
  readTimeOptions,
  requirePayload,
  requireTimestamp,
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

/** The three headers of a signed message, lower-case as the spec writes them. */
export const ID_HEADER = 'webhook-id'
export const TIMESTAMP_HEADER = 'webhook-timestamp'
export const SIGNATURE_HEADER = 'webhook-signature'

const SECRET_PREFIX = 'whsec_'
const VERSION = 'v1'

/**
 * A Standard Webhooks secret: `whsec_` followed by the base64 of the key (what OpenAI and Svix show), or
 * the raw key bytes.
 */
export type StandardWebhooksSecret = string | Uint8Array

/**
 * The headers as `verify` takes them: a `Headers` object, or a plain object such as Node's
 * `IncomingHttpHeaders` (names in any case).
 */
export type StandardWebhooksHeaders =
  | Headers
  | { get(name: string): string | null }
  | Record<string, string | string[] | null | undefined>

const SECRET_HELP =
  'Standard Webhooks secrets look like "whsec_" followed by a base64 key, e.g. ' +
  `"whsec_dGVzdC1zZWNyZXQ=" ('whsec_' + btoa('test-secret')). If you have the bare base64 key, prefix it ` +
  'with whsec_; for raw key bytes, pass a Uint8Array.'

/** The HMAC key a secret stands for, or why it stands for none. */
function decodeSecret(secret: unknown): { key: HmacKeySource } | { problem: string } {
  if (isBytes(secret)) {
    if (secret.length === 0) return { problem: 'The secret is an empty Uint8Array.' }
    return { key: { bytes: secret } }
  }
  if (typeof secret !== 'string' || secret === '') {
    return { problem: `The secret must be a non-empty string or Uint8Array, got ${describe(secret)}.` }
  }
  if (!secret.startsWith(SECRET_PREFIX)) {
    // The reference library would read it as base64 and openai-node as UTF-8 text, which sign differently,
    // so neither guess is taken.
    return { problem: 'The secret does not start with "whsec_".' }
  }
  const raw = fromBase64(secret.slice(SECRET_PREFIX.length))
  if (!raw || raw.length === 0) {
    return { problem: 'The part of the secret after "whsec_" is not a non-empty standard base64 string.' }
  }
  return { key: { bytes: raw, cacheKey: `base64:${secret}` } }
}

async function digest(
  key: HmacKeySource,
  id: string,
  timestamp: string,
  payload: Payload,
): Promise<Uint8Array> {
  return hmacSha256(key, `${id}.${timestamp}.`, payload)
}

/** Options of `standardWebhooks.sign`. */
export interface StandardWebhooksSignOptions {
  /** The message id, sent as `webhook-id`; it is part of what is signed. */
  id: string
  /** Unix seconds, sent as `webhook-timestamp`. Default: now. */
  timestamp?: number | string
}

/**
 * Signs `payload` as a Standard Webhooks sender does, giving the value of the `webhook-signature`
 * header. The secret is `whsec_<base64>` (or raw key bytes).
 *
 * @example
 * const secret = `whsec_${btoa('test-secret')}`
 * const body = JSON.stringify({ type: 'response.completed', data: { id: 'resp_123' } })
 * const signature = await standardWebhooks.sign(secret, body, { id: 'msg_1', timestamp: 1700000000 })
 * // "v1,GXEBj9KJXMSyReDYKYBEPsC1ZKHlLHShITB5+xNDRYY="
 */
export async function sign(
  secret: StandardWebhooksSecret,
  payload: Payload,
  options: StandardWebhooksSignOptions,
): Promise<string> {
  const what = 'sign a Standard Webhooks message'
  const decoded = decodeSecret(secret)
  if ('problem' in decoded) {
    throw new InvalidArgumentError('secret', `Failed to ${what}: ${decoded.problem} ${SECRET_HELP}`)
  }
  const body = requirePayload(payload, what)
  const { id, timestamp } = options ?? ({} as StandardWebhooksSignOptions)
  if (typeof id !== 'string' || id === '') {
    throw new InvalidArgumentError(
      'options.id',
      `Failed to ${what}: options.id must be the message id (a non-empty string), got ${describe(id)}. ` +
        "It is signed and sent as webhook-id, e.g. { id: 'msg_1' }; headers() makes one for you.",
    )
  }
  const ts = requireTimestamp(timestamp, what)
  return `${VERSION},${toBase64(await digest(decoded.key, id, String(ts), body))}`
}

function readHeader(headers: StandardWebhooksHeaders, name: string): unknown {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name)
  const record = headers as Record<string, unknown>
  if (Object.hasOwn(record, name)) return record[name]
  for (const key of Object.keys(record)) if (key.toLowerCase() === name) return record[key]
  return undefined
}

/**
 * Checks the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers against the raw body.
 * Resolves `true` when any `v1` signature matches and the timestamp is within `toleranceSeconds`
 * (default 300) of `now`; resolves `false` (never throws) for anything else, whatever the arguments.
 *
 * @example
 * const body = await request.text()
 * if (!(await standardWebhooks.verify(process.env.OPENAI_WEBHOOK_SECRET!, body, request.headers))) {
 *   return new Response('invalid signature', { status: 400 })
 * }
 */
export async function verify(
  secret: StandardWebhooksSecret,
  payload: Payload,
  headers: StandardWebhooksHeaders,
  options?: TimestampOptions,
): Promise<boolean> {
  return (await verifyDetailed(secret, payload, headers, options)).ok
}

/**
 * Like `verify`, but tells why a message was rejected: `{ ok: true }` or
 * `{ ok: false, reason, message, header? }` (see `VerifyFailureReason`). Never throws.
 *
 * @example
 * const result = await standardWebhooks.verifyDetailed(secret, body, request.headers, { now: 1700000000 })
 * if (!result.ok) console.warn(result.reason, result.message)
 */
export function verifyDetailed(
  secret: StandardWebhooksSecret,
  payload: Payload,
  headers: StandardWebhooksHeaders,
  options?: TimestampOptions,
): Promise<VerifyResult> {
  return guard(async () => {
    const decoded = decodeSecret(secret)
    if ('problem' in decoded) return fail('invalid_secret', `${decoded.problem} ${SECRET_HELP}`)
    const invalidPayload = checkPayload(payload)
    if (invalidPayload) return invalidPayload
    const time = readTimeOptions(options)
    if ('ok' in time) return time
    if (typeof headers !== 'object' || headers === null) {
      return fail(
        'missing_header',
        `Expected the request headers (a Headers object or a plain object), got ${describe(headers)}.`,
        ID_HEADER,
      )
    }

    const values: Record<string, string> = {}
    for (const name of [ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER]) {
      const value = readHeader(headers, name)
      if (value === undefined || value === null || value === '') {
        return fail(
          'missing_header',
          `The ${name} header is missing or empty. A Standard Webhooks message carries webhook-id, ` +
            'webhook-timestamp and webhook-signature; check that your framework passes them through.',
          name,
        )
      }
      if (typeof value !== 'string') {
        return fail('malformed', `The ${name} header must be a string, got ${describe(value)}.`, name)
      }
      values[name] = value.trim()
    }
    const id = values[ID_HEADER]!
    const timestampText = values[TIMESTAMP_HEADER]!
    const ts = parseTimestamp(timestampText)
    if (ts === undefined) {
      return malformedEntry(
        TIMESTAMP_HEADER,
        `must be whole Unix seconds, got "${preview(timestampText, 20)}"`,
      )
    }

    let versioned = 0
    const signatures: Uint8Array[] = []
    for (const entry of values[SIGNATURE_HEADER]!.split(' ')) {
      const comma = entry.indexOf(',')
      if (comma < 0 || entry.slice(0, comma) !== VERSION) continue
      versioned++
      // An entry that is not base64 of 32 bytes can match nothing: skip it, another may still match.
      const bytes = fromBase64(entry.slice(comma + 1))
      if (bytes?.length === 32) signatures.push(bytes)
    }
    if (signatures.length === 0) {
      return malformedEntry(
        SIGNATURE_HEADER,
        versioned === 0
          ? 'has no "v1,<base64>" signature (v1a asymmetric signatures are not supported)'
          : `has ${versioned} v1 entr${versioned === 1 ? 'y' : 'ies'}, none of them the base64 of a 32-byte HMAC`,
      )
    }
    // Checked before the HMAC: a stale message costs no hashing.
    const stale = checkTolerance(ts, time, TIMESTAMP_HEADER)
    if (stale) return stale

    const expected = await digest(decoded.key, id, timestampText, payload)
    // Every entry is compared, with no early exit, so timing does not tell which one matched.
    let matched = false
    for (const signature of signatures) matched = timingSafeEqual(signature, expected) || matched
    if (matched) return OK
    return fail(
      'mismatch',
      `No ${SIGNATURE_HEADER} v1 signature matches "<webhook-id>.<webhook-timestamp>.<body>": the secret ` +
        "is not this endpoint's (copy the whole whsec_... value), or the body or webhook-id changed after " +
        'the sender signed them (verify the raw bytes, not re-serialized JSON).',
    )
  })
}

function malformedEntry(header: string, problem: string): VerifyFailure {
  return fail('malformed', `The ${header} header ${problem}.`, header)
}

/** Options of `standardWebhooks.headers`. */
export interface StandardWebhooksHeadersOptions {
  /** The message id, sent as `webhook-id`. Default: a random `msg_...` id. */
  id?: string
  /** Unix seconds, sent as `webhook-timestamp`. Default: now. */
  timestamp?: number | string
}

/**
 * The headers a Standard Webhooks sender (such as OpenAI) sends with a signed message: `webhook-id`,
 * `webhook-timestamp`, `webhook-signature` and `content-type`.
 *
 * @example
 * const secret = `whsec_${btoa('test-secret')}`
 * const body = JSON.stringify({ id: 'evt_1', type: 'response.completed', data: { id: 'resp_123' } })
 * await fetch('http://127.0.0.1:3000/webhooks/openai', {
 *   method: 'POST',
 *   body,
 *   headers: await standardWebhooks.headers(secret, body),
 * })
 */
export async function headers(
  secret: StandardWebhooksSecret,
  payload: Payload,
  options: StandardWebhooksHeadersOptions = {},
): Promise<Record<string, string>> {
  const what = 'build Standard Webhooks headers'
  const { id = randomId('msg_'), timestamp } = options ?? {}
  const ts = requireTimestamp(timestamp, what)
  return {
    'content-type': 'application/json',
    [ID_HEADER]: id,
    [SIGNATURE_HEADER]: await sign(secret, payload, { id, timestamp: ts }),
    [TIMESTAMP_HEADER]: String(ts),
  }
}

/** What `standardWebhooks.verifyRequest` resolves to for a valid message. */
export interface StandardWebhooksRequestSuccess<T> extends RequestVerifySuccess<T> {
  /** `webhook-id`: use it to drop duplicate deliveries. */
  id: string
  /** `webhook-timestamp`, Unix seconds. */
  timestamp: number
}

/**
 * Verifies a web `Request` from a Standard Webhooks sender (such as OpenAI) in one call: reads the raw
 * body once, checks the three headers, and parses the JSON payload. Never throws.
 *
 * @example
 * export async function POST(request: Request) {
 *   const result = await openai.verifyRequest<{ type: string }>(process.env.OPENAI_WEBHOOK_SECRET!, request)
 *   if (!result.ok) return new Response(result.message, { status: 400 })
 *   console.log(result.id, result.payload.type) // "msg_...", "response.completed"
 *   return new Response(null, { status: 200 })
 * }
 */
export function verifyRequest<T = unknown>(
  secret: StandardWebhooksSecret,
  request: Request,
  options?: TimestampOptions,
): Promise<StandardWebhooksRequestSuccess<T> | RequestVerifyFailure> {
  return verifyRawRequest<T, Pick<StandardWebhooksRequestSuccess<T>, 'id' | 'timestamp'>>(
    request,
    (raw) => verifyDetailed(secret, raw.bytes, raw.headers, options),
    (raw) => ({
      id: getHeader(raw, ID_HEADER) ?? '',
      timestamp: Number(getHeader(raw, TIMESTAMP_HEADER)),
    }),
  )
}
