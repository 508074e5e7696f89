import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type CliIO, runCli } from '../../src/index'

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BIN = join(packageDir, 'dist', 'bin.js')

/** The built binary; tests of the real process need `pnpm build` first (turbo runs it before test). */
export function requireBin(): string {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "pnpm build" in packages/cli first.`)
  return BIN
}

/** Runs the built `understudy` binary to completion. */
/** The test process's environment without the colour switches, so output is what a pipe gets. */
export function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NO_COLOR: _no, FORCE_COLOR: _force, ...env } = process.env
  return { ...env, ...extra }
}

export function runBin(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [requireBin(), ...args], {
    encoding: 'utf8',
    env: plainEnv(env),
    timeout: 20_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal }
}

/** Starts the built binary and resolves once it printed its first stdout line. */
export function startBin(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; firstLine: string; stderr: () => string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [requireBin(), ...args], {
    env: plainEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer) => {
      out += chunk
      const newline = out.indexOf('\n')
      if (newline < 0) return
      child.stdout!.off('data', onData)
      resolve({ child, firstLine: out.slice(0, newline), stderr: () => stderr, exit })
    }
    child.stdout!.on('data', onData)
    void exit.then((code) => reject(new Error(`understudy exited (${code}) before printing: ${stderr}`)))
  })
}

/** Runs the CLI in this process with captured output. */
export async function runInProcess(
  args: string[],
  options: { env?: Record<string, string>; signal?: AbortSignal; cwd?: string; tty?: boolean } = {},
) {
  let stdout = ''
  let stderr = ''
  const io: CliIO = {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.tty ?? false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.tty ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    ...(options.signal ? { signal: options.signal } : {}),
  }
  const code = await runCli(args, io)
  return { code, stdout, stderr }
}

/**
 * Starts a long-running command (serve, record) in this process. `line()` resolves with the next
 * stdout line; `stop()` aborts it as Ctrl+C would and resolves with the exit code.
 */
export function startInProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const controller = new AbortController()
  let stdout = ''
  let stderr = ''
  const waiters: Array<() => void> = []
  const io: CliIO = {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk
        for (const wake of waiters.splice(0)) wake()
        return true
      },
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk
        return true
      },
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: controller.signal,
  }
  const done = runCli(args, io)
  let consumed = 0
  return {
    async line(): Promise<string> {
      for (;;) {
        const newline = stdout.indexOf('\n', consumed)
        if (newline >= 0) {
          const line = stdout.slice(consumed, newline)
          consumed = newline + 1
          return line
        }
        const code = await Promise.race([
          done,
          new Promise<undefined>((resolve) => waiters.push(() => resolve(undefined))),
        ])
        if (code !== undefined)
          throw new Error(`understudy ${args.join(' ')} exited ${code} early: ${stderr}`)
      }
    },
    stderr: () => stderr,
    stdout: () => stdout,
    async stop(): Promise<number> {
      controller.abort()
      return done
    },
  }
}
