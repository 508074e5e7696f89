/**
 * Errors thrown by @understudy/cli. Each message says what failed, why, and what to do next. Tell
 * them apart by `name`, not `instanceof` (the ESM and CJS builds can both be loaded).
 *
 * @module
 */

export const PREFIX = '[understudy:cli]'

export class CliError extends Error {
  override name = 'CliError'
  /** The process exit code this error maps to: 1 failure, 2 usage error. */
  readonly exitCode: number
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message.startsWith('[understudy') ? message : `${PREFIX} ${message}`, { cause: options.cause })
    this.exitCode = options.exitCode ?? 1
  }
}

/** The command line is wrong: unknown flag, missing or bad value. Exit code 2. */
export class UsageError extends CliError {
  override name = 'UsageError'
  constructor(message: string) {
    super(message, { exitCode: 2 })
  }
}

/** The port asked for is taken by another process. */
export class PortInUseError extends CliError {
  override name = 'PortInUseError'
  constructor(
    readonly port: number,
    readonly host: string,
    cause?: unknown,
  ) {
    super(`Port ${port} is in use: pass --port 0 or another port.`, { exitCode: 1, cause })
  }
}

/** A file named on the command line (seed, config) could not be read, parsed or validated. */
export class InputFileError extends CliError {
  override name = 'InputFileError'
  /** Each wrong path in the file's contents (`github.repos[0].isues`), when it was read and parsed. */
  readonly issues: readonly { path: string; message: string }[]
  constructor(
    message: string,
    options: {
      cause?: unknown
      issues?: readonly { path: string; message: string }[]
      exitCode?: number
    } = {},
  ) {
    super(message, { exitCode: options.exitCode ?? 2, cause: options.cause })
    this.issues = options.issues ?? []
  }
}

/**
 * A seed file could not be read or does not have the `{ github?, slack?, stripe?, openai? }` shape.
 * `issues` names each wrong path (`github.repos[0].isues`). Exit code 2 (the input is wrong), or 1
 * when the file cannot be read.
 */
export class SeedFileError extends InputFileError {
  override name = 'SeedFileError'
}
