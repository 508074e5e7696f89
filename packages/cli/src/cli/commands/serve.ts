import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { cassettePath, DEFAULT_CASSETTE_DIR } from '../../cassettes/engine'
import { UsageError } from '../../errors'
import { readConfigFile } from '../../server/config-file'
import { createUnderstudyServer, type UnderstudyServer } from '../../server/create-server'
import { maskCredential } from '../../server/mask'
import type { SeedData } from '../../server/seed-file'
import { isServiceName, SERVICE_NAMES, SERVICES, type ServiceName } from '../../server/services'
import { VERSION } from '../../version'
import { parse, portOption } from '../args'
import { environmentFor, formatEnvironment } from '../environment'
import { EXIT, helpText } from '../help'
import { type CliIO, type Console, createConsole } from '../io'
import { waitForStop } from '../stop'

function servicesOption(value: string | undefined): ServiceName[] | undefined {
  if (value === undefined) return undefined
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  const unknown = names.filter((name) => !isServiceName(name))
  if (unknown.length > 0 || names.length === 0)
    throw new UsageError(
      `--services takes a comma-separated list of ${SERVICE_NAMES.join(', ')}${unknown.length ? `; "${unknown.join(', ')}" is not one of them` : ''}.`,
    )
  return names as ServiceName[]
}

function allowedHostsOption(value: string | undefined): string[] | true | undefined {
  if (value === undefined) return undefined
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  if (names.includes('all')) return true
  if (names.length === 0 || names.some((name) => !/^\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(name)))
    throw new UsageError(
      `--allowed-hosts takes comma-separated host names, e.g. --allowed-hosts understudy,.ci.test; got "${value}".`,
    )
  return names
}

function maxPartitionsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1)
    throw new UsageError(
      `--max-partitions takes a whole number >= 1, e.g. --max-partitions 1000; got "${value}".`,
    )
  return n
}

/** Where each service answers, as the SDKs are configured. */
export function baseUrls(url: string, services: readonly ServiceName[]): Record<string, string> {
  const paths: Record<ServiceName, string> = {
    github: '/github',
    slack: '/slack/api/',
    stripe: '/v1',
    openai: '/openai/v1',
    anthropic: '/anthropic',
    gemini: '/gemini',
  }
  return Object.fromEntries(services.map((name) => [name, `${url}${paths[name]}`]))
}

function banner(console: Console, server: UnderstudyServer): void {
  const { bold, dim, cyan, green } = console.out
  const urls = baseUrls(server.url, server.app.services)
  console.print(`${green('●')} ${bold('understudy')} ${dim(VERSION)} serving on ${cyan(server.url)}`)
  console.print()
  for (const name of server.app.services) {
    console.print(
      `  ${name.padEnd(9)} ${cyan(urls[name]!.padEnd(40))} ${dim(SERVICES[name].sdkHint(server.url))}`,
    )
  }
  console.print()
  console.print(`  ${'dashboard'.padEnd(9)} ${cyan(`${server.url}/`)}`)
  console.print(`  ${'admin'.padEnd(9)} ${cyan(`${server.url}/_understudy/`)}`)
  if (server.app.replay) console.print(`  ${'replaying'.padEnd(9)} ${server.app.replay.cassettes.join(', ')}`)
  console.print()
  console.print(
    dim(`Environment for the SDKs (another shell: eval "$(understudy env --url ${server.url})"):`),
  )
  console.print(dim(formatEnvironment(environmentFor(server.url, server.app.services), 'sh')))
  console.print()
  console.print(dim('State is partitioned by credential. Press Ctrl+C to stop.'))
}

/** `understudy serve` */
export async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values } = parse(
    args,
    {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      seed: { type: 'string' },
      config: { type: 'string', short: 'c' },
      services: { type: 'string' },
      replay: { type: 'string', multiple: true },
      cassettes: { type: 'string' },
      verbose: { type: 'boolean' },
      'allowed-hosts': { type: 'string' },
      'max-partitions': { type: 'string' },
    },
    'serve',
  )
  if (values.help) {
    console.print(helpText('serve', console.out))
    return EXIT.ok
  }
  // A config file sets everything, every mock's options included; flags override it.
  const config = values.config ? await readConfigFile(resolve(io.cwd, values.config)) : undefined
  const port = portOption(values.port ?? io.env.UNDERSTUDY_PORT, config?.port ?? 4010)
  const services = servicesOption(values.services) ?? config?.services
  const cassetteDir = values.cassettes
    ? resolve(io.cwd, values.cassettes)
    : (config?.cassettes ?? resolve(io.cwd, DEFAULT_CASSETTE_DIR))
  const allowedHosts = allowedHostsOption(values['allowed-hosts'])
  const maxPartitions = maxPartitionsOption(values['max-partitions'])
  // A --replay value is a file, or a cassette name in the cassette folder.
  const replay =
    values.replay?.map((value) => {
      const file = resolve(io.cwd, value)
      return existsSync(file) ? file : cassettePath(cassetteDir, value)
    }) ?? config?.replay
  const seed = values.seed ? resolve(io.cwd, values.seed) : config?.seed
  const server = await createUnderstudyServer({
    port,
    host: values.host ?? config?.host ?? '127.0.0.1',
    ...(seed ? { seed: seed as string | SeedData } : {}),
    ...(config ? { serviceOptions: config.serviceOptions } : {}),
    ...(config?.logLimit !== undefined ? { logLimit: config.logLimit } : {}),
    ...(config?.webhooks ? { webhooks: config.webhooks } : {}),
    ...(services ? { services } : {}),
    ...(replay ? { replay } : {}),
    ...(allowedHosts ? { allowedHosts } : {}),
    ...(maxPartitions !== undefined ? { maxPartitions } : {}),
    cassetteDir,
  })

  if (values.json) {
    console.io.stdout.write(
      `${JSON.stringify({
        url: server.url,
        port: server.port,
        host: server.host,
        services: server.app.services,
        baseUrls: baseUrls(server.url, server.app.services),
        env: Object.fromEntries(
          environmentFor(server.url, server.app.services).map(({ name, value }) => [name, value]),
        ),
        dashboard: `${server.url}/`,
        admin: `${server.url}/_understudy/`,
        pid: process.pid,
      })}\n`,
    )
  } else banner(console, server)

  let unsubscribe: (() => void) | undefined
  if (values.verbose) {
    const { dim, red, green, yellow } = console.err
    unsubscribe = server.app.events.subscribe((event) => {
      if (event.type !== 'request') return
      const entry = event.data as {
        method: string
        url: string
        status: number
        durationMs: number
        service: string
        partition: string
      }
      const color = entry.status >= 500 ? red : entry.status >= 400 ? yellow : green
      const path = new URL(entry.url).pathname
      console.info(
        `${entry.method.padEnd(6)} ${path} ${color(String(entry.status))} ${dim(`${entry.durationMs.toFixed(1)}ms ${entry.service} ${maskCredential(entry.partition)}`)}`,
      )
    })
  }

  const how = await waitForStop(io)
  unsubscribe?.()
  const pending = server.app.services.reduce(
    (n, name) =>
      n + (server.mocks[name]?.webhooks.deliveries.filter((d) => d.status === 'pending').length ?? 0),
    0,
  )
  console.info(
    console.err.dim(
      `Stopping (${how})${pending ? `: waiting for ${pending} webhook deliver${pending === 1 ? 'y' : 'ies'}` : ''}…`,
    ),
  )
  await server.close()
  return EXIT.ok
}
