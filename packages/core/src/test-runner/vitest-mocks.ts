import { UnderstudyError } from '../errors'
import {
  bindMocks,
  type LifecycleHooks,
  type MockServer,
  splitArgs,
  type UsableMock,
  type UseMocksOptions,
} from './use-mocks'

export type { MockServer, UsableMock, UseMocksOptions }

/**
 * Serves the mocks through one msw server for the file or `describe`: listens before all tests
 * (unhandled requests fail), resets every mock after each test, closes after all. Returns the msw
 * server, for `server.use(...)` one-offs.
 *
 * @example
 * import { useMocks } from '@understudy/core/vitest'
 * const github = createGitHubMock({ seed: { repos: [{ full_name: 'octo/hello' }] } })
 * useMocks(github)
 * test('opens an issue', async () => {
 *   await new Octokit({ auth: 'ghp_test' }).issues.create({ owner: 'octo', repo: 'hello', title: 'Bug' })
 *   expect(github.called('POST /repos/octo/hello/issues')).toBe(true)
 * })
 */
export function useMocks(...args: Array<UsableMock | UseMocksOptions>): MockServer {
  // vitest is not imported, as in useCassette: its API is the running worker's.
  const api = (globalThis as { __vitest_index__?: Partial<LifecycleHooks> }).__vitest_index__
  if (!api?.beforeAll || !api.afterEach || !api.afterAll)
    throw new UnderstudyError(
      'Failed to call useMocks: vitest is not running this code. Call it from a test file that vitest runs (at the top level or inside describe()).',
    )
  const { mocks, options } = splitArgs(args)
  return bindMocks(
    mocks,
    { beforeAll: api.beforeAll, afterEach: api.afterEach, afterAll: api.afterAll },
    options,
    'useMocks',
  )
}
