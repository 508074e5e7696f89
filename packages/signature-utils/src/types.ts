/**
 * Types shared by every scheme.
 *
 * @module
 */

/** The exact raw request body: the bytes the sender signed, before any JSON or form parsing. */
export type Payload = string | Uint8Array

/**
 * Why a verification failed, from `verifyDetailed` and `verifyRequest`:
 *
 * - `invalid_secret`: the secret is missing, empty, not a string, or (Standard Webhooks) not `whsec_<base64>`.
 * - `invalid_payload`: the payload is not a string or Uint8Array, typically a parsed JSON object instead of
 *   the raw body, which cannot be verified.
 * - `invalid_options`: `toleranceSeconds` or `now` is not a non-negative number.
 * - `missing_header`: a header the scheme needs is absent or empty; `header` names it.
 * - `malformed`: a header is present but cannot be parsed (wrong prefix such as `sha1=`, wrong length,
 *   not hex or base64, no `v1` entry, a timestamp that is not an integer); `header` names it.
 * - `expired`: the signed timestamp is older than `toleranceSeconds` (a replay, or a fixture signed long
 *   ago: pass `now` in tests).
 * - `not_yet_valid`: the signed timestamp is more than `toleranceSeconds` in the future (clock skew, or a
 *   timestamp given in milliseconds instead of seconds).
 * - `mismatch`: everything parsed, but no signature matches: wrong secret, or a body that was changed
 *   (re-serialized JSON, a proxy that re-encoded it).
 */
export type VerifyFailureReason =
  | 'invalid_secret'
  | 'invalid_payload'
  | 'invalid_options'
  | 'missing_header'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'mismatch'

/** A failed verification: a stable `reason` to branch on and a `message` for people. */
export interface VerifyFailure<Reason extends string = VerifyFailureReason> {
  ok: false
  reason: Reason
  /** What failed and what to check, e.g. "Stripe-Signature timestamp 1700000000 is 900 s old ...". */
  message: string
  /** The header involved, lower-case, for `missing_header` and `malformed`. */
  header?: string
}

/** What `verifyDetailed` resolves to. */
export type VerifyResult = { ok: true } | VerifyFailure

/** Options of the schemes that sign a timestamp (Slack, Stripe, Standard Webhooks). */
export interface TimestampOptions {
  /**
   * How far, in seconds, the signed timestamp may be from `now`, in either direction. Default 300
   * (what Slack, Stripe and Standard Webhooks recommend). `Infinity` turns the check off.
   */
  toleranceSeconds?: number
  /** The current time in Unix seconds. Default: the system clock. Pass it in tests instead of sleeping. */
  now?: number
}

/**
 * Why `verifyRequest` failed: any `VerifyFailureReason`, plus
 * - `invalid_request`: not a web `Request`, or its body was already read (pass `request.clone()`).
 * - `invalid_body`: the signature is valid but the body does not parse as its Content-Type says.
 */
export type RequestFailureReason = VerifyFailureReason | 'invalid_request' | 'invalid_body'

/** What `verifyRequest` resolves to when it fails. */
export type RequestVerifyFailure = VerifyFailure<RequestFailureReason>

/** What every `verifyRequest` resolves to when the signature is valid; schemes add their own fields. */
export interface RequestVerifySuccess<T> {
  ok: true
  /**
   * The parsed body: JSON for JSON bodies; for form-encoded bodies the JSON in the `payload` field
   * (Slack interactivity, GitHub's form content type), or else the fields as an object (Slack slash
   * commands); `undefined` for an empty body; the text for any other content type.
   */
  payload: T
  /** The raw body as text (UTF-8), exactly what was verified. */
  rawBody: string
}
