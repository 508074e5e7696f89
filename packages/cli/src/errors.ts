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

/** A seed file could not be read or does not have the `{ github?, slack?, stripe?, openai? }` shape. */
export class SeedFileError extends CliError {
  override name = 'SeedFileError'
}
