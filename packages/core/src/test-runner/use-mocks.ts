/**
 * What `useMocks` does in every test runner: one msw server for the mocks' handlers, listening with
 * unhandled requests refused, each mock reset between tests, the server closed at the end. The runner
 * entries (`@understudy/core/vitest`, `/jest`, `/node-test`) only bind it to their hooks.
 *
 * @module
 */

import { setupServer } from 'msw/node'
import { InvalidOptionError } from '../errors'

/** What `useMocks` needs of a mock: every Understudy mock (and `createServiceMock`'s) has it. */
export interface UsableMock {
  readonly handlers: readonly unknown[]
  reset(): void
}

export interface UseMocksOptions {
  /**
   * A request no mock answers: `'error'` (default: the call fails, naming it), `'warn'` or `'bypass'`.
   * Given to msw 2 as `onUnhandledRequest` and to msw 3 as `onUnhandledFrame`.
   */
  onUnhandled?: 'error' | 'warn' | 'bypass'
}

/** The hooks a runner gives; `useMocks` registers on them. */
export interface LifecycleHooks {
  beforeAll(fn: () => unknown): void
  afterEach(fn: () => unknown): void
  afterAll(fn: () => unknown): void
}

/** The msw server `useMocks` runs: `server.use(...)` adds one-off handlers for a test. */
export type MockServer = ReturnType<typeof setupServer>

function checkMocks(mocks: readonly unknown[], caller: string): asserts mocks is readonly UsableMock[] {
  if (mocks.length === 0)
    throw new InvalidOptionError(
      caller,
      'pass the mocks to serve. For example: useMocks(createGitHubMock(), createSlackMock()).',
    )
  mocks.forEach((mock, i) => {
    const m = mock as Partial<UsableMock> | null
    if (!m || !Array.isArray(m.handlers) || typeof m.reset !== 'function')
      throw new InvalidOptionError(
        `${caller}[${i}]`,
        'expected an Understudy mock (with handlers and reset()), e.g. createGitHubMock().',
      )
  })
}

/**
 * Binds the mocks' msw server to a runner's hooks. Reset runs after each test (state, log, faults,
 * deliveries) and the server's one-off handlers are dropped.
 *
 * @example
 * const server = bindMocks([github, slack], { beforeAll, afterEach, afterAll }, {}, 'useMocks')
 */
export function bindMocks(
  mocks: readonly unknown[],
  hooks: LifecycleHooks,
  options: UseMocksOptions,
  caller: string,
): MockServer {
  checkMocks(mocks, caller)
  const onUnhandled = options.onUnhandled ?? 'error'
  if (!['error', 'warn', 'bypass'].includes(onUnhandled))
    throw new InvalidOptionError(
      `${caller}.onUnhandled`,
      `expected 'error', 'warn' or 'bypass', got ${JSON.stringify(onUnhandled)}.`,
    )
  const server = setupServer(...(mocks.flatMap((mock) => mock.handlers) as Parameters<typeof setupServer>))
  hooks.beforeAll(() => {
    // msw 2 reads `onUnhandledRequest`, msw 3 `onUnhandledFrame`; each ignores the other's key.
    server.listen({ onUnhandledRequest: onUnhandled, onUnhandledFrame: onUnhandled } as Parameters<
      MockServer['listen']
    >[0])
  })
  hooks.afterEach(() => {
    server.resetHandlers()
    for (const mock of mocks) mock.reset()
  })
  hooks.afterAll(() => {
    server.close()
  })
  return server
}

/** Splits `useMocks(a, b, { onUnhandled })` into the mocks and the options. */
export function splitArgs(args: readonly unknown[]): { mocks: unknown[]; options: UseMocksOptions } {
  const last = args.at(-1) as Record<string, unknown> | undefined
  const isOptions = last !== undefined && typeof last === 'object' && !('handlers' in last)
  return isOptions
    ? { mocks: args.slice(0, -1), options: last as UseMocksOptions }
    : { mocks: [...args], options: {} }
}
