import { resolve } from 'node:path'
import { DEFAULT_CASSETTE_DIR } from '../../cassettes/engine'
import { UsageError } from '../../errors'
import { startRecordingProxy } from '../../record/proxy'
import { parse, portOption } from '../args'
import { EXIT, helpText } from '../help'
import { type CliIO, createConsole } from '../io'
import { waitForStop } from '../stop'

/** `understudy record --target <url>` */
export async function recordCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values, positionals } = parse(
    args,
    {
      target: { type: 'string', short: 't' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      cassette: { type: 'string', short: 'c' },
      dir: { type: 'string', short: 'd' },
    },
    'record',
    true,
  )
  if (values.help) {
    console.print(helpText('record', console.out))
    return EXIT.ok
  }
  if (positionals.length > 0)
    throw new UsageError(
      `record takes no arguments (got "${positionals.join(' ')}"). Pass the API with --target, e.g. --target https://api.github.com.`,
    )
  if (!values.target)
    throw new UsageError(
      'record needs --target, the live API to forward to, e.g. understudy record --target https://api.github.com',
    )
  let targetHost: string
  try {
    targetHost = new URL(values.target).hostname
  } catch {
    throw new UsageError(
      `--target must be an absolute URL like https://api.github.com, not "${values.target}".`,
    )
  }
  const dir = resolve(io.cwd, values.dir ?? DEFAULT_CASSETTE_DIR)
  const cassette = values.cassette ?? targetHost
  const { dim, green, red, yellow, cyan, bold } = console.err

  const proxy = await startRecordingProxy({
    target: values.target,
    cassette,
    dir,
    port: portOption(values.port, 4010),
    host: values.host ?? '127.0.0.1',
    onInteraction: (event) => {
      const total = proxy.stats.recorded + proxy.stats.refused + proxy.stats.failed
      const path = new URL(event.url).pathname
      if (event.recorded)
        console.info(`${green('●')} ${event.method.padEnd(6)} ${path} ${event.status} ${dim(`(${total})`)}`)
      else if (event.error?.name === 'SecretLeakError')
        console.info(
          `${red('✗')} ${event.method.padEnd(6)} ${path} ${event.status} ${red('refused:')} ${event.error.message}`,
        )
      else
        console.info(
          `${yellow('!')} ${event.method.padEnd(6)} ${path} ${event.status} ${yellow('not recorded:')} ${event.error?.message ?? ''}`,
        )
    },
  })

  if (values.json)
    io.stdout.write(
      `${JSON.stringify({ url: proxy.url, port: proxy.port, target: values.target, cassette, file: proxy.path })}\n`,
    )
  console.info(`${bold('understudy record')} ${cyan(values.target)} → ${proxy.path}`)
  console.info(`Point your client at ${cyan(proxy.url)} instead of ${values.target}. Ctrl+C stops and saves.`)

  const how = await waitForStop(io)
  console.info(dim(`Stopping (${how}); writing recordings in flight…`))
  await proxy.close()
  const { recorded, refused, failed } = proxy.stats
  const summary = { cassette, file: proxy.path, recorded, refused, failed }
  if (values.json) io.stdout.write(`${JSON.stringify(summary)}\n`)
  console.info(
    `${recorded} interaction${recorded === 1 ? '' : 's'} recorded into ${proxy.path}` +
      (refused ? red(`; ${refused} refused (secrets)`) : '') +
      (failed ? yellow(`; ${failed} failed`) : ''),
  )
  if (recorded) console.info(dim(`Replay it: understudy serve --replay ${proxy.path}`))
  return refused || failed ? EXIT.failure : EXIT.ok
}
