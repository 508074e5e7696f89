/**
 * Errors thrown by @understudy/signature-utils. Only `sign` and `headers` throw, and only when they are
 * called wrongly (no secret, a parsed object instead of the raw body, ...): `verify` never throws.
 *
 * Tell them apart by `name` (or `isSignatureUtilsError`), not `instanceof`: a test run can load two
 * copies of this package (ESM and CJS), and `instanceof` fails across them.
 *
 * @module
 */

export const PREFIX = '[understudy:signature-utils]'

/** Base class of every error this package throws. */
export class SignatureUtilsError extends Error {
  override name = 'SignatureUtilsError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message.startsWith(PREFIX) ? message : `${PREFIX} ${message}`, options)
  }
}

/**
 * An argument of `sign` or `headers` is missing or has the wrong type. `argument` names it
 * (`secret`, `payload`, `timestamp`, `options.event`, `options.id`), and the message shows a valid value.
 *
 * @example
 * try {
 *   await github.sign(undefined as never, body)
 * } catch (error) {
 *   if (isSignatureUtilsError(error) && error.name === 'InvalidArgumentError') console.error(error.argument)
 * }
 */
export class InvalidArgumentError extends SignatureUtilsError {
  override name = 'InvalidArgumentError'
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * True for any error thrown by this package, whichever copy of it threw.
 *
 * @example
 * try {
 *   await stripe.sign('', body)
 * } catch (error) {
 *   if (isSignatureUtilsError(error)) console.error(error.message) // "[understudy:signature-utils] Failed to sign ..."
 * }
 */
export function isSignatureUtilsError(error: unknown): error is SignatureUtilsError {
  return (
    error instanceof Error &&
    typeof error.message === 'string' &&
    error.message.startsWith(PREFIX) &&
    (error.name === 'SignatureUtilsError' || error.name === 'InvalidArgumentError')
  )
}
