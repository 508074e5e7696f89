import { isUnderstudyError } from '@understudy/core'
import { CliError, UsageError } from '../errors'
import { VERSION } from '../version'
import { cassettesCommand } from './commands/cassettes'
import { envCommand } from './commands/env'
import { mcpCommand } from './commands/mcp'
import { recordCommand } from './commands/record'
import { serveCommand } from './commands/serve'
import { EXIT, helpText } from './help'
import { type CliIO, createConsole, processIO } from './io'

const commands: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  serve: serveCommand,
  record: recordCommand,
  cassettes: cassettesCommand,
  env: envCommand,
  mcp: mcpCommand,
}

/**
 * Runs the `understudy` command line and resolves to the exit code (0 ok, 1 failure or findings,
 * 2 usage error). Long-running commands resolve when they stop.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const console = createConsole(io)
  const [first, ...rest] = argv
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      const topic = first === 'help' ? rest.join(' ') : ''
      if (first !== undefined) {
        console.print(helpText(topic || 'main', console.out))
        return EXIT.ok
      }
      // No command at all is a usage error: the help goes to stderr and the exit code says so.
      io.stderr.write(`${helpText('main', console.err)}\n`)
      return EXIT.usage
    }
    if (first === '-v' || first === '--version' || first === 'version') {
      console.print(VERSION)
      return EXIT.ok
    }
    const command = commands[first]
    if (!command) {
      const hint = first.startsWith('-') ? 'Flags go after the command' : `Unknown command "${first}"`
      throw new UsageError(`${hint}. Commands: ${Object.keys(commands).join(', ')}. Run "understudy --help".`)
    }
    return await command(rest, io)
  } catch (error) {
    if (
      error instanceof CliError ||
      (error instanceof Error && typeof (error as CliError).exitCode === 'number')
    ) {
      console.error(error.message.replace(/^\[understudy:cli\] /, ''))
      return (error as CliError).exitCode
    }
    // The libraries' own errors carry a complete message; anything else is a bug worth its stack.
    if (isUnderstudyError(error)) console.error(error.message)
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    return EXIT.failure
  }
}
