import { CliError, UsageError } from '../../errors'
import { parse } from '../args'
import { environmentFor, formatEnvironment, SHELLS, type Shell } from '../environment'
import { EXIT, helpText } from '../help'
import { type CliIO, createConsole } from '../io'

function shellOption(value: string | undefined): Shell {
  if (value === undefined) return 'sh'
  if ((SHELLS as readonly string[]).includes(value)) return value as Shell
  throw new UsageError(`--shell takes one of ${SHELLS.join(', ')}, not "${value}". For example --shell fish.`)
}

function urlOption(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`--url must be the server's URL, e.g. http://127.0.0.1:4010, not "${value}".`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--url must be an http(s) URL, e.g. http://127.0.0.1:4010, not "${value}".`)
  return url.origin
}

/** The services the server at `url` mounts, from its admin API, so only those get variables. */
async function mountedServices(url: string): Promise<string[]> {
  let response: Response
  try {
    response = await fetch(`${url}/_understudy/info`, { signal: AbortSignal.timeout(5_000) })
  } catch (error) {
    throw new CliError(
      `No understudy server answers at ${url} (${(error as Error).cause ?? (error as Error).message}). Start one with "understudy serve", or pass --url.`,
    )
  }
  const body = (await response.json().catch(() => undefined)) as { services?: unknown } | undefined
  if (!response.ok || !Array.isArray(body?.services))
    throw new CliError(
      `${url} answered ${response.status} without a service list at /_understudy/info: is it an understudy server? Pass --url.`,
    )
  return body.services.filter((name): name is string => typeof name === 'string')
}

/** `understudy env` */
export async function envCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values } = parse(args, { shell: { type: 'string', short: 's' }, url: { type: 'string' } }, 'env')
  if (values.help) {
    console.print(helpText('env', console.out))
    return EXIT.ok
  }
  const shell = shellOption(values.shell)
  const url = urlOption(
    values.url ?? io.env.UNDERSTUDY_URL ?? `http://127.0.0.1:${io.env.UNDERSTUDY_PORT ?? 4010}`,
  )
  const services = await mountedServices(url)
  const vars = environmentFor(url, services)
  if (values.json) {
    console.json({ url, services, env: Object.fromEntries(vars.map(({ name, value }) => [name, value])) })
    return EXIT.ok
  }
  if (vars.length > 0) console.print(formatEnvironment(vars, shell))
  return EXIT.ok
}
