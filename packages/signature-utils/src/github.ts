/**
 * GitHub webhook signatures: an HMAC-SHA256 of the raw body, keyed with the hook's secret, sent as
 * `X-Hub-Signature-256: sha256=<hex>`.
 *
 * @see https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries
 * @module
 */

import { InvalidArgumentError } from './errors'
import { fromHex, hmacSha256, timingSafeEqual, toHex } from './internal/crypto'
import { getHeader, guessContentType, verifyRawRequest } from './internal/request'
import {
  checkPayload,
  checkTextSecret,
  describe,
  fail,
  guard,
  hexProblem,
  OK,
  preview,
  requirePayload,
  requireTextSecret,
  whitespaceHint,
} from './internal/verify'
import type * as Types from './types'

// Declared here rather than re-exported: bundled into the root entry's namespaces, a re-exported
// type lands in the namespace's value exports, which `skipLibCheck: false` rejects (TS2693).
export type Payload = Types.Payload
export type RequestFailureReason = Types.RequestFailureReason
export type RequestVerifyFailure = Types.RequestVerifyFailure
export type RequestVerifySuccess<T> = Types.RequestVerifySuccess<T>
export type VerifyFailure<Reason extends string = VerifyFailureReason> = Types.VerifyFailure<Reason>
export type VerifyFailureReason = Types.VerifyFailureReason
export type VerifyResult = Types.VerifyResult

/** The header that carries the signature, lower-case as `Headers.get` takes it. */
export const SIGNATURE_HEADER = 'x-hub-signature-256'

const HEADER = 'X-Hub-Signature-256'
const PREFIX = 'sha256='

function digest(secret: string, payload: Payload): Uint8Array | Promise<Uint8Array> {
  return hmacSha256({ text: secret }, '', payload)
}

function compare(expected: Uint8Array, actual: Uint8Array, secret: string): VerifyResult {
  if (timingSafeEqual(expected, actual)) return OK
  return fail(
    'mismatch',
    `${HEADER} does not match the payload: the secret differs from the hook's, or the body changed after ` +
      'GitHub sent it (verify the raw bytes, not re-serialized JSON).' +
      whitespaceHint(secret),
  )
}

/**
 * Signs `payload` as GitHub does, giving the value of the `X-Hub-Signature-256` header.
 *
 * @example
 * const body = JSON.stringify({ action: 'opened', issue: { number: 1 } })
 * const signature = await github.sign('gh_webhook_test', body) // "sha256=09ecd4619cc7..."
 */
export async function sign(secret: string, payload: Payload): Promise<string> {
  const key = requireTextSecret(
    secret,
    'sign a GitHub webhook',
    'github.sign(process.env.GITHUB_WEBHOOK_SECRET, body)',
  )
  const body = requirePayload(payload, 'sign a GitHub webhook')
  return PREFIX + toHex(await digest(key, body))
}

/**
 * Checks an `X-Hub-Signature-256` header against the raw body. Resolves `true` only for a valid
 * signature; resolves `false` (never throws) for anything else, whatever the arguments.
 *
 * @example
 * const body = await request.text()
 * if (!(await github.verify(process.env.GITHUB_WEBHOOK_SECRET!, body, request.headers.get('x-hub-signature-256')))) {
 *   return new Response('invalid signature', { status: 401 })
 * }
 */
export async function verify(
  secret: string,
  payload: Payload,
  signatureHeader: string | null | undefined,
): Promise<boolean> {
  return (await verifyDetailed(secret, payload, signatureHeader)).ok
}

/**
 * Like `verify`, but tells why a signature was rejected: `{ ok: true }` or
 * `{ ok: false, reason, message, header? }` (see `VerifyFailureReason`). Never throws.
 *
 * @example
 * const result = await github.verifyDetailed('gh_webhook_test', body, 'sha1=abc')
 * // { ok: false, reason: 'malformed', header: 'x-hub-signature-256',
 * //   message: 'X-Hub-Signature-256 must start with "sha256=", got "sha1=abc". It holds a sha1= signature, ...' }
 */
export function verifyDetailed(
  secret: string,
  payload: Payload,
  signatureHeader: string | null | undefined,
): Promise<VerifyResult> {
  // Not async: on the node:crypto build the whole check runs without a promise until guard's.
  return guard(() => {
    const invalid = checkTextSecret(secret, 'GitHub webhook') ?? checkPayload(payload)
    if (invalid) return invalid
    if (signatureHeader === undefined || signatureHeader === null || signatureHeader === '') {
      return fail(
        'missing_header',
        `${HEADER} is missing or empty. GitHub sends it only when the webhook has a secret: set one in the ` +
          "hook's settings. Behind a proxy or framework, check that it passes the header through.",
        SIGNATURE_HEADER,
      )
    }
    if (typeof signatureHeader !== 'string') {
      return fail(
        'malformed',
        `${HEADER} must be a string like "sha256=<64 hex digits>", got ${describe(signatureHeader)}.`,
        SIGNATURE_HEADER,
      )
    }
    const value = signatureHeader.trim()
    if (!value.startsWith(PREFIX)) {
      const legacy = value.startsWith('sha1=')
        ? ' It holds a sha1= signature, the legacy X-Hub-Signature header: read X-Hub-Signature-256 instead.'
        : ''
      return fail(
        'malformed',
        `${HEADER} must start with "sha256=", got "${preview(value)}".${legacy}`,
        SIGNATURE_HEADER,
      )
    }
    const hex = value.slice(PREFIX.length)
    const expected = fromHex(hex, 32)
    if (!expected) {
      return fail(
        'malformed',
        `${HEADER} must be "sha256=" followed by ${hexProblem(hex)}.`,
        SIGNATURE_HEADER,
      )
    }
    const actual = digest(secret, payload)
    return actual instanceof Promise
      ? actual.then((mac) => compare(expected, mac, secret))
      : compare(expected, actual, secret)
  })
}

/** Options of `github.headers`. */
export interface GitHubHeadersOptions {
  /** The event name, sent as `X-GitHub-Event`, e.g. `issues`, `pull_request`, `ping`. */
  event: string
  /** The delivery GUID, sent as `X-GitHub-Delivery`. Default: a random UUID. */
  delivery?: string
}

/**
 * The headers GitHub sends with a signed delivery of `payload`: `X-GitHub-Event`, `X-GitHub-Delivery`,
 * `X-Hub-Signature-256`, `Content-Type` (JSON, or form-encoded for a `payload=...` body) and `User-Agent`.
 *
 * @example
 * const body = JSON.stringify({ action: 'opened', issue: { number: 1 } })
 * await fetch('http://127.0.0.1:3000/webhooks/github', {
 *   method: 'POST',
 *   body,
 *   headers: await github.headers('gh_webhook_test', body, { event: 'issues' }),
 * })
 */
export async function headers(
  secret: string,
  payload: Payload,
  options: GitHubHeadersOptions,
): Promise<Record<string, string>> {
  const { event, delivery = globalThis.crypto.randomUUID() } = options ?? ({} as GitHubHeadersOptions)
  if (typeof event !== 'string' || event === '') {
    throw new InvalidArgumentError(
      'options.event',
      `Failed to build GitHub webhook headers: options.event must name the event, got ${describe(event)}. ` +
        "Example: github.headers(secret, body, { event: 'issues' }).",
    )
  }
  if (typeof delivery !== 'string' || delivery === '') {
    throw new InvalidArgumentError(
      'options.delivery',
      `Failed to build GitHub webhook headers: options.delivery must be a non-empty string, got ${describe(delivery)}. ` +
        'Leave it out to get a random GUID, as GitHub sends.',
    )
  }
  const signature = await sign(secret, payload)
  return {
    'Content-Type': guessContentType(payload),
    'User-Agent': 'GitHub-Hookshot/understudy',
    'X-GitHub-Delivery': delivery,
    'X-GitHub-Event': event,
    'X-Hub-Signature-256': signature,
  }
}

/** What `github.verifyRequest` resolves to for a valid delivery. */
export interface GitHubRequestSuccess<T> extends RequestVerifySuccess<T> {
  /** `X-GitHub-Event`, e.g. `issues`; `null` when absent. */
  event: string | null
  /** `X-GitHub-Delivery`; `null` when absent. */
  delivery: string | null
}

/**
 * Verifies a web `Request` from GitHub in one call: reads the raw body once, checks
 * `X-Hub-Signature-256`, and parses the payload (JSON, or the `payload` field of a form-encoded hook).
 * Never throws.
 *
 * @example
 * export async function POST(request: Request) {
 *   const result = await github.verifyRequest<{ action: string }>(process.env.GITHUB_WEBHOOK_SECRET!, request)
 *   if (!result.ok) return new Response(result.message, { status: 401 })
 *   console.log(result.event, result.payload.action)
 *   return new Response(null, { status: 204 })
 * }
 */
export function verifyRequest<T = unknown>(
  secret: string,
  request: Request,
): Promise<GitHubRequestSuccess<T> | RequestVerifyFailure> {
  return verifyRawRequest<T, Pick<GitHubRequestSuccess<T>, 'event' | 'delivery'>>(
    request,
    (raw) => verifyDetailed(secret, raw.bytes, getHeader(raw, SIGNATURE_HEADER)),
    (raw) => ({ event: getHeader(raw, 'x-github-event'), delivery: getHeader(raw, 'x-github-delivery') }),
  )
}
