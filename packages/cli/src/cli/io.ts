/** Where a command writes and what it knows of its environment; tests pass their own. */
export interface CliIO {
  readonly stdout: OutputStream
  readonly stderr: OutputStream
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** Stops long-running commands (serve, record) as SIGINT would. */
  readonly signal?: AbortSignal
  /** Listen for SIGINT/SIGTERM (the real binary does; tests use `signal`). */
  readonly handleSignals?: boolean
}

export interface OutputStream {
  write(chunk: string): unknown
  readonly isTTY?: boolean
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    handleSignals: true,
  }
}

/** Colours only on a terminal, never with NO_COLOR (https://no-color.org), always with FORCE_COLOR. */
export function colorEnabled(stream: OutputStream, env: CliIO['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true
  if (env.TERM === 'dumb') return false
  return stream.isTTY === true
}

export interface Paint {
  bold(text: string): string
  dim(text: string): string
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
}

export function paint(enabled: boolean): Paint {
  const style =
    ([open, close]: number[]) =>
    (text: string) =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return {
    bold: style(codes.bold),
    dim: style(codes.dim),
    red: style(codes.red),
    green: style(codes.green),
    yellow: style(codes.yellow),
    cyan: style(codes.cyan),
  }
}

/** A command's view of its IO: plain writes plus colours decided per stream. */
export interface Console {
  readonly io: CliIO
  /** Colours for stdout. */
  readonly out: Paint
  /** Colours for stderr. */
  readonly err: Paint
  print(line?: string): void
  /** Progress and diagnostics: stderr, so stdout stays clean for scripts. */
  info(line: string): void
  error(line: string): void
  json(value: unknown): void
}

export function createConsole(io: CliIO): Console {
  const err = paint(colorEnabled(io.stderr, io.env))
  return {
    io,
    out: paint(colorEnabled(io.stdout, io.env)),
    err,
    print: (line = '') => io.stdout.write(`${line}\n`),
    info: (line) => io.stderr.write(`${line}\n`),
    error: (line) => io.stderr.write(`${err.red('error')} ${line}\n`),
    json: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  }
}
