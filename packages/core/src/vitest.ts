/**
 * `@understudy/core/vitest`: cassettes named after the test, like pytest-recording's
 * `@pytest.mark.vcr`. Each test gets `<test dir>/__cassettes__/<test file>/<describe>/<test>.json`.
 *
 * ```ts
 * import { describe, expect, it } from 'vitest'
 * import { useCassette } from '@understudy/core/vitest'
 *
 * describe('triage agent', () => {
 *   useCassette({ mode: 'once' })
 *   it('labels a bug', async () => { ... real SDK calls, replayed after the first run ... })
 * })
 * ```
 *
 * Only lifecycle hooks live here. vitest is not imported: its API is taken from the running
 * vitest worker (`globalThis.__vitest_index__`, the same module the test file imports), so this
 * entry loads anywhere (CJS included, which vitest refuses) and works with whatever vitest runs it.
 *
 * @module
 */

interface VitestApi {
  afterAll(fn: () => unknown): void
  beforeEach(fn: (context: { task: TestTaskLike }) => unknown): void
  afterEach(fn: (context: { task: TestTaskLike }) => unknown): void
  aroundEach?: (fn: (runTest: () => Promise<void>, context: { task: TestTaskLike }) => Promise<void>) => void
  test: { extend(fixtures: Record<string, unknown>): unknown }
}

function vitestApi(caller: string): VitestApi {
  const api = (globalThis as { __vitest_index__?: VitestApi }).__vitest_index__
  if (!api?.beforeEach) {
    throw new UnderstudyError(
      `Failed to call ${caller}: vitest is not running this code. Call it from a test file that vitest runs (at the top level or inside describe()).`,
    )
  }
  return api
}

import { basename, dirname, isAbsolute, join } from 'node:path'
import type { TestAPI } from 'vitest'
import type { CassetteOptions } from './cassette/engine'
import { CASSETTE_OPTIONS, rules, validateOptions } from './cassette/validate'
import { type Cassette, startCassette } from './cassette/with-cassette'
import { UnderstudyError } from './errors'
import { disableNetConnect, enableNetConnect, type NetConnectOptions } from './network/net-connect'

export type { Cassette, CassetteOptions, NetConnectOptions }
export { disableNetConnect, enableNetConnect }

/** The parts of a vitest task this module reads. */
export interface TestTaskLike {
  name: string
  suite?: { name: string; suite?: unknown; filepath?: string } | undefined
  file?: { filepath?: string; name?: string } | undefined
}

export interface VitestCassetteOptions extends CassetteOptions {
  /**
   * Where the cassettes go. A relative path is taken from the test file's folder.
   * Default `__cassettes__` beside the test file.
   */
  dir?: string
  /** The cassette name for a test. Default {@link cassetteNameFor}. */
  name?: (task: TestTaskLike) => string
}

/**
 * The cassette name for a test: `<test file name>/<describe blocks...>/<test name>`
 * (e.g. `agent.test/triage/labels a bug`; the store makes each part a safe file name).
 *
 * @example
 * cassetteNameFor(task) // 'agent.test/triage/labels a bug'
 */
export function cassetteNameFor(task: TestTaskLike): string {
  const names: string[] = [task.name]
  let suite = task.suite as TestTaskLike['suite']
  // The file itself may be the outermost suite; its name is the file path, not a describe block.
  while (suite && suite !== task.file && suite.filepath === undefined) {
    names.unshift(suite.name)
    suite = suite.suite as TestTaskLike['suite']
  }
  const file = basename(task.file?.filepath ?? task.file?.name ?? 'test').replace(/\.[cm]?[jt]sx?$/, '')
  return [file, ...names].map((part) => part.replace(/\//g, '-')).join('/')
}

/**
 * The directory for a test's cassettes: `dir` (default `__cassettes__`) beside the test file.
 *
 * @example
 * cassetteDirFor(task) // '/repo/test/__cassettes__' for /repo/test/agent.test.ts
 */
export function cassetteDirFor(task: TestTaskLike, dir = '__cassettes__'): string {
  if (isAbsolute(dir)) return dir
  const file = task.file?.filepath
  return file ? join(dirname(file), dir) : dir
}

/**
 * A cassette around every test in the current `describe` (or file). The cassette starts before
 * the test and stops after it; the test fails if a request missed the cassette (even if the code
 * under test swallowed the error) or if the cassette would have held a secret.
 * On vitest versions with `aroundEach`, requests are attributed to their own test even when tests
 * run concurrently.
 *
 * Returns a handle whose `current` is the running test's cassette.
 *
 * @example
 * describe('github agent', () => {
 *   const cassette = useCassette({ matchOn: ['method', 'path'] })
 *   it('opens an issue', async () => {
 *     await agent.run('open an issue for the crash')
 *     expect(cassette.current?.stats.replayed).toBeGreaterThan(0)
 *   })
 * })
 */
export function useCassette(options: VitestCassetteOptions = {}): { readonly current: Cassette | undefined } {
  validateVitestOptions('useCassette', options)
  const running = new Map<string, Cassette>()
  let latest: Cassette | undefined
  const start = async (task: TestTaskLike & { id?: string }) => {
    const { name, ...rest } = options
    const cassette = await startCassette((name ?? cassetteNameFor)(task), {
      ...rest,
      dir: cassetteDirFor(task, options.dir),
    })
    running.set(task.id ?? task.name, cassette)
    latest = cassette
    return cassette
  }
  const stop = async (task: TestTaskLike & { id?: string }) => {
    const key = task.id ?? task.name
    const cassette = running.get(key)
    running.delete(key)
    if (latest === cassette) latest = undefined
    await cassette?.stop()
  }
  const vitest = vitestApi('useCassette()')
  if (typeof vitest.aroundEach === 'function') {
    vitest.aroundEach(async (runTest, context) => {
      const cassette = await start(context.task)
      try {
        await cassette.run(runTest)
      } finally {
        await stop(context.task)
      }
    })
  } else {
    vitest.beforeEach(async (context) => {
      await start(context.task)
    })
    vitest.afterEach(async (context) => {
      await stop(context.task)
    })
  }
  return {
    get current() {
      return latest
    },
  }
}

/**
 * A vitest `test` with a `cassette` fixture: tests that use `{ cassette }` run inside a cassette
 * named after them; the others are untouched.
 *
 * @example
 * const test = createCassetteTest({ mode: 'once' })
 * test('posts to slack', async ({ cassette }) => {
 *   await slack.chat.postMessage({ channel: 'C1', text: 'hi' })
 *   expect(cassette.stats.recorded + cassette.stats.replayed).toBe(1)
 * })
 */
export function createCassetteTest(options: VitestCassetteOptions = {}): TestAPI<{ cassette: Cassette }> {
  validateVitestOptions('createCassetteTest', options)
  const { name, ...rest } = options
  return vitestApi('createCassetteTest()').test.extend({
    cassette: async ({ task }: { task: TestTaskLike }, use: (cassette: Cassette) => Promise<void>) => {
      const cassette = await startCassette((name ?? cassetteNameFor)(task), {
        ...rest,
        dir: cassetteDirFor(task, options.dir),
      })
      try {
        await use(cassette)
      } finally {
        await cassette.stop()
      }
    },
  }) as TestAPI<{ cassette: Cassette }>
}

/* Mocks served for a test file: listen, reset between tests, close. */
export { type MockServer, type UsableMock, type UseMocksOptions, useMocks } from './test-runner/vitest-mocks'

/**
 * Forbid the network for the rest of this test file (or, from a `setupFiles` module, for every test
 * file): a request that no msw handler and no cassette answers fails with its method and URL. The
 * guard is lifted after the file's last test, so a worker that runs several files starts each clean.
 *
 * @example
 * // vitest.setup.ts, listed in test.setupFiles
 * import { useNetworkGuard } from '@understudy/core/vitest'
 * useNetworkGuard({ allowLoopback: true })
 */
export function useNetworkGuard(options: NetConnectOptions = {}): void {
  const vitest = vitestApi('useNetworkGuard()')
  disableNetConnect(options)
  vitest.afterAll(() => enableNetConnect())
}

function validateVitestOptions(fn: string, options: VitestCassetteOptions): void {
  validateOptions(fn, options, {
    ...CASSETTE_OPTIONS,
    name: rules.function('{ name: (task) => `agent/${task.name}` }'),
  })
}
