/**
 * Errors thrown by the cassette engine. Every message reads "Failed to <X>: <why>. <fix>." and names
 * the cassette (and its file) involved. Tell them apart by `name` (see `isUnderstudyError`), not by
 * `instanceof`: a test run can load both the ESM and the CJS copy of this package.
 *
 * @module
 */

import { UnderstudyError } from '../errors'
import type { SecretFinding } from '../model/errors'

export { CassetteFormatError, type SecretFinding } from '../model/errors'

/**
 * A request matched nothing in the cassette and the mode does not allow recording it (`none`, or
 * `once` with an existing cassette). The client's call rejects with it, and so does `withCassette`
 * (or `cassette.stop()`), even when the code under test swallowed the client's error.
 */
export class CassetteMissError extends UnderstudyError {
  override name = 'CassetteMissError'
  constructor(
    message: string,
    readonly details: {
      cassette: string
      path?: string
      method: string
      url: string
      mode: string
    },
  ) {
    super(message)
  }
}

/** A recorded interaction is older than `expiresIn` and `expiryStrategy` is `'error'`. */
export class CassetteExpiredError extends UnderstudyError {
  override name = 'CassetteExpiredError'
  constructor(
    message: string,
    readonly details: { cassette: string; path?: string; recordedAt: string; expiresIn: string },
  ) {
    super(message)
  }
}

/** Writing the cassette would have put a secret on disk. Nothing was written. */
export class SecretLeakError extends UnderstudyError {
  override name = 'SecretLeakError'
  constructor(
    message: string,
    readonly findings: SecretFinding[],
  ) {
    super(message)
  }
}

/** The cassette file could not be written (lock held too long, disk error). */
export class CassetteWriteError extends UnderstudyError {
  override name = 'CassetteWriteError'
  constructor(
    message: string,
    readonly path: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
