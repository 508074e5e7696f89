// Building blocks of every `verifyDetailed`: checks that return a failure instead of throwing, so that
// `verify` can keep its promise to resolve a boolean for any argument at all.

import { InvalidArgumentError } from '../errors'
import type { Payload, VerifyFailure, VerifyFailureReason, VerifyResult } from '../types'
import { isBytes } from './crypto'

export const DEFAULT_TOLERANCE_SECONDS = 300

export const OK: VerifyResult = Object.freeze({ ok: true })

export function fail(reason: VerifyFailureReason, message: string, header?: string): VerifyFailure {
  return header === undefined ? { ok: false, reason, message } : { ok: false, reason, message, header }
}

/** Short, safe description of a value for messages: never echoes a secret or a whole body. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : `a string of ${value.length} characters`
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

/**
 * Runs a verification and turns anything it throws (a getter that throws, a runtime without WebCrypto)
 * into a failure, so no argument can make `verify` reject. `run` may answer synchronously: on the
 * node:crypto build nothing needs to wait, and each skipped promise is measurable next to a 2 µs HMAC.
 */
export function guard(run: () => VerifyResult | Promise<VerifyResult>): Promise<VerifyResult> {
  try {
    const result = run()
    return result instanceof Promise ? result.catch(thrownFailure) : Promise.resolve(result)
  } catch (error) {
    return Promise.resolve(thrownFailure(error))
  }
}

function thrownFailure(error: unknown): VerifyFailure {
  return fail('malformed', `Verification could not run: ${reasonOf(error)}`)
}

/** The message of anything thrown, without throwing again (a hostile value may refuse to stringify). */
export function reasonOf(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error)
  } catch {
    return 'an unprintable value was thrown'
  }
}

export function checkTextSecret(secret: unknown, scheme: string): VerifyFailure | undefined {
  if (typeof secret === 'string' && secret !== '') return undefined
  return fail(
    'invalid_secret',
    `The ${scheme} secret must be a non-empty string, got ${describe(secret)}. ` +
      'Pass the same secret the sender signs with (check that the environment variable is set).',
  )
}

export function checkPayload(payload: unknown): VerifyFailure | undefined {
  if (typeof payload === 'string' || isBytes(payload)) return undefined
  return fail(
    'invalid_payload',
    `The payload must be the raw request body as a string or Uint8Array, got ${describe(payload)}. ` +
      'A parsed JSON object cannot be verified: read the body with `await request.text()` (or a raw-body ' +
      'parser) before any JSON parsing, or use verifyRequest.',
  )
}

export interface ResolvedTimeOptions {
  toleranceSeconds: number
  now: number
}

/** Reads `{ toleranceSeconds, now }`, or explains which one is wrong. Bad options fail closed. */
export function readTimeOptions(options: unknown): ResolvedTimeOptions | VerifyFailure {
  if (options === undefined || options === null) {
    return { toleranceSeconds: DEFAULT_TOLERANCE_SECONDS, now: Math.floor(Date.now() / 1000) }
  }
  if (typeof options !== 'object') {
    return fail(
      'invalid_options',
      `Options must be an object like { toleranceSeconds: 300 }, got ${describe(options)}.`,
    )
  }
  const { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now } = options as Record<string, unknown>
  if (typeof toleranceSeconds !== 'number' || Number.isNaN(toleranceSeconds) || toleranceSeconds < 0) {
    return fail(
      'invalid_options',
      `toleranceSeconds must be a number of seconds >= 0 (Infinity turns the check off), got ${describe(toleranceSeconds)}${
        typeof toleranceSeconds === 'number' ? ` (${toleranceSeconds})` : ''
      }. Example: { toleranceSeconds: 300 }.`,
    )
  }
  if (now !== undefined && (typeof now !== 'number' || !Number.isFinite(now))) {
    return fail(
      'invalid_options',
      `now must be the current time in Unix seconds, got ${describe(now)}. Example: { now: Math.floor(Date.now() / 1000) }.`,
    )
  }
  return { toleranceSeconds, now: now ?? Math.floor(Date.now() / 1000) }
}

/** The start of a header value for a message, marked when cut. */
export function preview(value: string, length = 12): string {
  return value.length > length ? `${value.slice(0, length)}...` : value
}

/** What is wrong with a signature that should be 64 hex digits, for messages. */
export function hexProblem(hex: string): string {
  return hex.length === 64
    ? '64 hex digits, but it has characters that are not hex digits'
    : `64 hex digits, but it has ${hex.length} characters`
}

/** A Unix timestamp in seconds as the exact decimal text senders sign; anything else is malformed. */
export function parseTimestamp(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined
  return Number(text)
}

export function checkTolerance(
  timestamp: number,
  { toleranceSeconds, now }: ResolvedTimeOptions,
  header: string,
): VerifyFailure | undefined {
  const age = now - timestamp
  if (age > toleranceSeconds) {
    return fail(
      'expired',
      `The signed timestamp ${timestamp} (${header}) is ${Math.round(age)} s older than now (${now}); the tolerance is ` +
        `${toleranceSeconds} s. A replayed or long-delayed delivery? In tests, pass { now } matching the fixture's timestamp.`,
    )
  }
  if (-age > toleranceSeconds) {
    const hint =
      timestamp > 1e11 ? ' It looks like milliseconds: timestamps are Unix seconds.' : ' Is a clock skewed?'
    return fail(
      'not_yet_valid',
      `The signed timestamp ${timestamp} (${header}) is ${Math.round(-age)} s ahead of now (${now}); the tolerance is ` +
        `${toleranceSeconds} s.${hint}`,
    )
  }
  return undefined
}

/** A hint for a mismatch caused by the most common copy-paste mistake. */
export function whitespaceHint(secret: string): string {
  return secret.trim() === secret
    ? ''
    : ' Note: the secret has leading or trailing whitespace, often a stray newline from an env file.'
}

// --- sign/headers argument checks: these throw, with the fix in the message ---

export function requireTextSecret(secret: unknown, what: string, example: string): string {
  if (typeof secret === 'string' && secret !== '') return secret
  throw new InvalidArgumentError(
    'secret',
    `Failed to ${what}: the secret must be a non-empty string, got ${describe(secret)}. ` +
      `Pass the webhook secret, e.g. ${example}.`,
  )
}

export function requirePayload(payload: unknown, what: string): Payload {
  if (typeof payload === 'string' || isBytes(payload)) return payload
  throw new InvalidArgumentError(
    'payload',
    `Failed to ${what}: the payload must be the raw body as a string or Uint8Array, got ${describe(payload)}. ` +
      'Serialize it first, e.g. JSON.stringify(event), and send exactly that string as the body.',
  )
}

/** A timestamp given to `sign`: Unix seconds as a number or decimal string; defaults to now. */
export function requireTimestamp(timestamp: unknown, what: string): number {
  if (timestamp === undefined) return Math.floor(Date.now() / 1000)
  const value =
    typeof timestamp === 'string' && /^\d{1,15}$/.test(timestamp.trim())
      ? Number(timestamp.trim())
      : timestamp
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new InvalidArgumentError(
    'timestamp',
    `Failed to ${what}: the timestamp must be a whole number of Unix seconds, got ${describe(timestamp)}` +
      `${typeof timestamp === 'number' ? ` (${timestamp})` : ''}. ` +
      'Use Math.floor(Date.now() / 1000), or leave it out to use the current time.',
  )
}
