/**
 * Errors thrown by @understudy/core. Each message says what failed, why, and what to do next.
 * Tell them apart by `name` (or `isUnderstudyError`), not `instanceof`: a test run can load two
 * copies of this package (ESM and CJS), and `instanceof` fails across them.
 *
 * @module
 */

export const PREFIX = '[understudy:core]'

export class UnderstudyError extends Error {
  override name = 'UnderstudyError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message.startsWith('[understudy') ? message : `${PREFIX} ${message}`, options)
  }
}

/** An option or argument given to the library is invalid. The message names it and shows a valid value. */
export class InvalidOptionError extends UnderstudyError {
  override name = 'InvalidOptionError'
  constructor(
    readonly option: string,
    message: string,
    /** `prefix`: the package the option belongs to (`[understudy:mock-github]`). */
    options: { prefix?: string; cause?: unknown } = {},
  ) {
    super(
      `${options.prefix ? `${options.prefix} ` : ''}Invalid option "${option}": ${message}`,
      options.cause !== undefined ? { cause: options.cause } : undefined,
    )
  }
}

/** Where a value is wrong and what is wrong there (the shape of a schema issue). */
export interface ErrorIssue {
  readonly path: string
  readonly message: string
}

/**
 * Seed data does not have the shape the service expects. `issues` lists each problem with its path
 * (`repos[0].isues`) when the seed was checked against its schema.
 */
export class SeedError extends UnderstudyError {
  override name = 'SeedError'
  readonly issues: readonly ErrorIssue[]
  constructor(message: string, options: { cause?: unknown; issues?: readonly ErrorIssue[] } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined)
    this.issues = options.issues ?? []
  }
}

/** True for any error thrown by Understudy, whichever copy of the package threw it. */
export function isUnderstudyError(error: unknown): error is UnderstudyError {
  return (
    error instanceof Error &&
    typeof error.message === 'string' &&
    error.message.startsWith('[understudy') &&
    error.name.endsWith('Error')
  )
}
