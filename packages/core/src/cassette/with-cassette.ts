/**
 * `withCassette` and `startCassette`: the entry points that tie the engine to interception.
 *
 * @module
 */

import { InvalidOptionError } from '../errors'
import {
  CassetteEngine,
  type CassetteOptions,
  type CassetteStats,
  type CassetteEngine as Engine,
} from './engine'
import type { Interaction } from './format'
import { activate, deactivate, runWithEngine } from './intercept'
import type { RecordMode } from './modes'

export interface Cassette {
  readonly name: string
  /** The cassette's file (or store location). */
  readonly path: string
  /** The mode in force, after `UNDERSTUDY_RECORD_MODE` and `CI`. */
  readonly mode: RecordMode
  /** Whether the cassette existed when it started. */
  readonly existed: boolean
  /** Counts of requests replayed, recorded, missed and passed through so far. */
  readonly stats: Readonly<CassetteStats>
  /** Interactions recorded so far in this session, as they will be stored (redacted). */
  readonly recorded: readonly Interaction[]
  /** Errors delivered to clients so far (misses, expired recordings). */
  readonly errors: readonly Error[]
  /**
   * Run `fn` with every request it makes going to this cassette, even while other cassettes are
   * active (concurrent tests). Without it, requests go to the cassette started last.
   */
  run<T>(fn: () => T): T
  /**
   * Stop intercepting, wait for responses still being recorded, write the cassette. Rejects with the
   * first miss (or expiry) error a client got, even if the code under test swallowed it, and with
   * `SecretLeakError` if the cassette would hold a secret. Calling it again returns the same promise.
   */
  stop(): Promise<void>
}

/**
 * Start a cassette; requests are intercepted until `stop()`.
 *
 * @example
 * const cassette = await startCassette('slack/post-message', { mode: 'once' })
 * try {
 *   await slack.chat.postMessage({ channel: 'C1', text: 'hi' })
 * } finally {
 *   await cassette.stop()
 * }
 */
export async function startCassette(name: string, options: CassetteOptions = {}): Promise<Cassette> {
  const engine = await CassetteEngine.open(name, options)
  await activate(engine)
  let stopping: Promise<void> | undefined
  const cassette: Cassette = {
    name,
    path: engine.path,
    mode: engine.mode,
    existed: engine.existed,
    get stats() {
      return { ...engine.stats }
    },
    get recorded() {
      return engine.recordedInteractions
    },
    get errors() {
      return [...engine.errors]
    },
    run: (fn) => runWithEngine(engine, fn),
    stop() {
      stopping ??= stop(engine)
      return stopping
    },
  }
  const dispose = (Symbol as { asyncDispose?: symbol }).asyncDispose
  if (dispose) Object.defineProperty(cassette, dispose, { value: () => cassette.stop() })
  return cassette
}

/**
 * Run `fn` inside a cassette: replay what is recorded, record what the mode allows, write the
 * cassette when `fn` settles. Resolves to what `fn` returns.
 *
 * Rejects with `CassetteMissError` if any request matched nothing in a mode that cannot record it,
 * even if the code under test caught the client's error; otherwise with `fn`'s own error; otherwise
 * with `SecretLeakError` if the cassette would hold a secret.
 *
 * @example
 * const issue = await withCassette('github/create-issue', { mode: 'once' }, async () => {
 *   const { data } = await octokit.rest.issues.create({ owner: 'octo', repo: 'hello', title: 'Bug' })
 *   return data
 * })
 */
export async function withCassette<T>(name: string, fn: (cassette: Cassette) => T | Promise<T>): Promise<T>
export async function withCassette<T>(
  name: string,
  options: CassetteOptions,
  fn: (cassette: Cassette) => T | Promise<T>,
): Promise<T>
export async function withCassette<T>(
  name: string,
  optionsOrFn: CassetteOptions | ((cassette: Cassette) => T | Promise<T>),
  maybeFn?: (cassette: Cassette) => T | Promise<T>,
): Promise<T> {
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn
  const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn
  if (typeof fn !== 'function') {
    throw new InvalidOptionError(
      'fn',
      "withCassette(name, options, fn) needs a function to run as its last argument. For example withCassette('github/create-issue', async () => { ... }).",
    )
  }
  const cassette = await startCassette(name, options)
  let result: T
  try {
    result = await cassette.run(() => fn(cassette))
  } catch (error) {
    await cassette.stop().catch(() => {})
    // The cassette's own error says more than a client's wrapper around it (AxiosError, TypeError).
    throw cassette.errors[0] ?? error
  }
  await cassette.stop()
  return result
}

async function stop(engine: Engine): Promise<void> {
  await engine.settle()
  await deactivate(engine)
  let saveError: unknown
  try {
    await engine.save()
  } catch (error) {
    saveError = error
  }
  if (engine.errors.length) throw engine.errors[0]
  if (saveError) throw saveError
}
