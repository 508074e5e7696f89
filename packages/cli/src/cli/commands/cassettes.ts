import { existsSync, statSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, extname, relative, resolve } from 'node:path'
import {
  type CassetteFile,
  cassettePath,
  checkCassettes,
  DEFAULT_CASSETTE_DIR,
  fromHar,
  fromVcr,
  readCassetteFile,
  toHar,
  writeCassetteFile,
} from '../../cassettes/engine'
import { CliError, UsageError } from '../../errors'
import { listCassettes } from '../../server/cassettes'
import { VERSION } from '../../version'
import { parse } from '../args'
import { EXIT, helpText } from '../help'
import { type CliIO, type Console, createConsole } from '../io'

const subcommands: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  check: checkCommand,
  list: listCommand,
  import: importCommand,
  export: exportCommand,
}

/** `understudy cassettes <check|list|import|export>` */
export async function cassettesCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const [sub, ...rest] = args
  if (sub === '-h' || sub === '--help' || sub === 'help') {
    console.print(helpText(rest[0] ? `cassettes ${rest[0]}` : 'cassettes', console.out))
    return EXIT.ok
  }
  if (sub === undefined) {
    io.stderr.write(`${helpText('cassettes', console.err)}\n`)
    return EXIT.usage
  }
  const command = subcommands[sub]
  if (!command)
    throw new UsageError(
      `Unknown cassettes command "${sub}". Use ${Object.keys(subcommands).join(', ')}; run "understudy cassettes --help".`,
    )
  return command(rest, io)
}

function dirArgument(io: CliIO, positionals: string[], command: string): string {
  if (positionals.length > 1)
    throw new UsageError(
      `cassettes ${command} takes one folder, got ${positionals.length}: ${positionals.join(' ')}.`,
    )
  return resolve(io.cwd, positionals[0] ?? DEFAULT_CASSETTE_DIR)
}

function shown(io: CliIO, path: string): string {
  const rel = relative(io.cwd, path)
  return rel && !rel.startsWith('..') ? rel : path
}

function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '–'
  const seconds = Math.round((now - Date.parse(iso)) / 1000)
  const a = Math.abs(seconds)
  const [n, unit] =
    a < 90
      ? [a, 's']
      : a < 5400
        ? [Math.round(a / 60), 'min']
        : a < 129_600
          ? [Math.round(a / 3600), 'h']
          : [Math.round(a / 86_400), 'd']
  return seconds >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`
}

async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values, positionals } = parse(args, {}, 'cassettes check', true)
  if (values.help) {
    console.print(helpText('cassettes check', console.out))
    return EXIT.ok
  }
  const dir = dirArgument(io, positionals, 'check')
  const result = await checkCassettes(dir)
  if (values.json) console.json({ dir, ...result })
  else {
    const { red, green, dim, bold } = console.out
    if (!existsSync(dir)) console.info(dim(`${shown(io, dir)} does not exist: no cassettes to check.`))
    for (const problem of result.problems)
      console.print(`${red('✗')} ${bold(problem.kind.padEnd(7))} ${problem.name}  ${dim(problem.message)}`)
    const counts = (['expired', 'secret', 'corrupt'] as const)
      .map((kind) => [kind, result.problems.filter((p) => p.kind === kind).length] as const)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${kind === 'secret' ? 'with secrets' : kind}`)
    const checked = `${result.cassettes} cassette${result.cassettes === 1 ? '' : 's'} checked in ${shown(io, dir)}`
    console.print(result.ok ? `${green('✓')} ${checked}: no problems` : `${checked}: ${counts.join(', ')}`)
  }
  return result.ok ? EXIT.ok : EXIT.failure
}

async function listCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values, positionals } = parse(args, {}, 'cassettes list', true)
  if (values.help) {
    console.print(helpText('cassettes list', console.out))
    return EXIT.ok
  }
  const dir = dirArgument(io, positionals, 'list')
  const listing = await listCassettes(dir, [])
  if (values.json) {
    console.json(listing)
    return EXIT.ok
  }
  if (listing.cassettes.length === 0) {
    console.info(`No cassettes in ${shown(io, dir)}.`)
    return EXIT.ok
  }
  const { red, green, dim, bold } = console.out
  const rows = listing.cassettes.map((c) => [
    c.name,
    c.interactions === undefined ? '–' : String(c.interactions),
    ago(c.recordedAt),
    c.expiresAt
      ? c.expired
        ? `expired ${ago(c.expiresAt)}`
        : `expires ${ago(c.expiresAt)}`
      : 'never expires',
    c.problems.length ? c.problems.map((p) => p.kind).join(', ') : 'ok',
  ])
  const header = ['CASSETTE', 'INTERACTIONS', 'RECORDED', 'EXPIRY', 'CHECK']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  console.print(bold(header.map((h, i) => h.padEnd(widths[i]!)).join('  ')))
  for (const row of rows) {
    const cells = row.map((cell, i) => cell.padEnd(widths[i]!))
    cells[4] = row[4] === 'ok' ? green(cells[4]!) : red(cells[4]!)
    if (row[3]!.startsWith('expired')) cells[3] = red(cells[3]!)
    console.print(cells.join('  '))
  }
  console.print(
    dim(
      `${listing.cassettes.length} cassette${listing.cassettes.length === 1 ? '' : 's'} in ${shown(io, dir)}`,
    ),
  )
  return EXIT.ok
}

function sizeOf(path: string): string {
  const bytes = statSync(path).size
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1_048_576
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1_048_576).toFixed(1)} MB`
}

async function readInput(console: Console, path: string, what: string): Promise<string> {
  if (!existsSync(path)) throw new CliError(`Failed to read ${what} ${path}: no such file.`)
  console.info(console.err.dim(`Reading ${path} (${sizeOf(path)})…`))
  return readFile(path, 'utf8')
}

async function importCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values, positionals } = parse(
    args,
    {
      har: { type: 'string' },
      vcr: { type: 'string' },
      cassette: { type: 'string', short: 'c' },
      dir: { type: 'string', short: 'd' },
      force: { type: 'boolean' },
    },
    'cassettes import',
    true,
  )
  if (values.help) {
    console.print(helpText('cassettes import', console.out))
    return EXIT.ok
  }
  if (positionals.length)
    throw new UsageError(`cassettes import takes its file with --har or --vcr, not "${positionals[0]}".`)
  if (!values.har === !values.vcr)
    throw new UsageError('cassettes import needs exactly one of --har <file.har> or --vcr <file.yaml>.')
  const kind = values.har ? 'HAR' : 'vcrpy'
  const source = resolve(io.cwd, (values.har ?? values.vcr)!)
  const name = values.cassette ?? basename(source, extname(source))
  const dir = resolve(io.cwd, values.dir ?? DEFAULT_CASSETTE_DIR)
  const target = cassettePath(dir, name)
  if (existsSync(target) && !values.force)
    throw new CliError(
      `Failed to import ${shown(io, source)}: ${shown(io, target)} already exists. Pass --force to overwrite it, or --cassette <name>.`,
    )
  const text = await readInput(console, source, kind === 'HAR' ? 'HAR file' : 'vcrpy cassette')
  const file: CassetteFile = values.har
    ? await fromHar(text, { name })
    : await fromVcr(text, { name, path: source })
  console.info(
    console.err.dim(
      `Converted ${file.interactions.length} interaction${file.interactions.length === 1 ? '' : 's'}; writing ${shown(io, target)}…`,
    ),
  )
  await writeCassetteFile(target, file)
  if (values.json)
    console.json({ cassette: name, file: target, interactions: file.interactions.length, from: source })
  else
    console.print(
      `${console.out.green('✓')} ${shown(io, target)} (${file.interactions.length} interactions from ${kind} ${shown(io, source)})`,
    )
  return EXIT.ok
}

async function exportCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values, positionals } = parse(
    args,
    {
      har: { type: 'string' },
      dir: { type: 'string', short: 'd' },
      out: { type: 'string', short: 'o' },
    },
    'cassettes export',
    true,
  )
  if (values.help) {
    console.print(helpText('cassettes export', console.out))
    return EXIT.ok
  }
  if (positionals.length)
    throw new UsageError(`cassettes export takes the cassette with --har, not "${positionals[0]}".`)
  if (!values.har)
    throw new UsageError('cassettes export needs --har <cassette> (a file, or a name in --dir).')
  const dir = resolve(io.cwd, values.dir ?? DEFAULT_CASSETTE_DIR)
  const direct = resolve(io.cwd, values.har)
  const path = existsSync(direct) && statSync(direct).isFile() ? direct : cassettePath(dir, values.har)
  if (!existsSync(path))
    throw new CliError(
      `Failed to export ${values.har}: no cassette at ${shown(io, direct)} or ${shown(io, path)}. Run "understudy cassettes list".`,
    )
  console.info(console.err.dim(`Reading ${shown(io, path)}…`))
  const file = await readCassetteFile(path)
  const har = toHar(file, { creator: { name: '@understudy/cli', version: VERSION } })
  const text = `${JSON.stringify(har, null, 2)}\n`
  if (values.out === '-') {
    io.stdout.write(text)
    return EXIT.ok
  }
  const out = resolve(io.cwd, values.out ?? `${basename(path, '.json')}.har`)
  await writeFile(out, text)
  if (values.json) console.json({ file: out, entries: har.log.entries.length, from: path })
  else
    console.print(
      `${console.out.green('✓')} ${shown(io, out)} (${har.log.entries.length} entries from ${shown(io, path)})`,
    )
  return EXIT.ok
}
