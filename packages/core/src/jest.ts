/**
 * `@understudy/core/jest`: the mocks served in-process for a Jest suite.
 *
 * ```ts
 * import { useMocks } from '@understudy/core/jest'
 * import { createGitHubMock } from '@understudy/mock-github'
 * import { Octokit } from '@octokit/rest'
 *
 * const github = createGitHubMock({ seed: { repos: [{ full_name: 'octo/hello' }] } })
 * useMocks(github) // listen before all, reset after each test, close after all
 *
 * test('opens an issue', async () => {
 *   await new Octokit({ auth: 'ghp_test' }).issues.create({ owner: 'octo', repo: 'hello', title: 'Bug' })
 *   expect(github.called('POST /repos/octo/hello/issues')).toBe(true)
 * })
 * ```
 *
 * Uses Jest's global hooks (`injectGlobals`, the default); with `injectGlobals: false` pass them:
 * `useMocks(github, { hooks: { beforeAll, afterEach, afterAll } })` from `@jest/globals`.
 *
 * @module
 */

import { UnderstudyError } from './errors'
import {
  bindMocks,
  type LifecycleHooks,
  type MockServer,
  splitArgs,
  type UsableMock,
  type UseMocksOptions,
} from './test-runner/use-mocks'

export type { LifecycleHooks, MockServer, UsableMock, UseMocksOptions }

export interface JestUseMocksOptions extends UseMocksOptions {
  /** Jest's hooks, when its globals are not injected. */
  hooks?: LifecycleHooks
}

function jestHooks(): LifecycleHooks {
  const g = globalThis as Partial<LifecycleHooks>
  if (
    typeof g.beforeAll !== 'function' ||
    typeof g.afterEach !== 'function' ||
    typeof g.afterAll !== 'function'
  )
    throw new UnderstudyError(
      "Failed to call useMocks: Jest's global hooks are not there. Call it in a test file Jest runs, or pass them: useMocks(github, { hooks: { beforeAll, afterEach, afterAll } }) from '@jest/globals'.",
    )
  return { beforeAll: g.beforeAll, afterEach: g.afterEach, afterAll: g.afterAll }
}

/**
 * Serves the mocks through one msw server for the suite: listens before all tests (unhandled requests
 * fail), resets every mock after each test, closes after all. Returns the msw server.
 *
 * @example
 * const server = useMocks(github, slack)
 */
export function useMocks(...args: Array<UsableMock | JestUseMocksOptions>): MockServer {
  const { mocks, options } = splitArgs(args)
  const { hooks, ...rest } = options as JestUseMocksOptions
  return bindMocks(mocks, hooks ?? jestHooks(), rest, 'useMocks')
}
