import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from '../errors'

type Options = NonNullable<ParseArgsConfig['options']>

/** Flags every command takes. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies Options

/**
 * `util.parseArgs` in strict mode, with its errors turned into usage errors that point at `--help`.
 *
 * @example
 * const { values, positionals } = parse(argv, { port: { type: 'string', short: 'p' } }, 'serve')
 */
export function parse<const O extends Options>(
  args: string[],
  options: O,
  command: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      strict: true,
      allowPositionals,
    })
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '')
    throw new UsageError(`${message}. Run "understudy ${command} --help" for usage.`)
  }
}

/** A port number from a flag: an integer from 0 to 65535. */
export function portOption(value: string | undefined, fallback: number, flag = '--port'): number {
  if (value === undefined) return fallback
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new UsageError(
      `${flag} must be a port number from 0 to 65535 (0 picks a free port), not "${value}".`,
    )
  return port
}
