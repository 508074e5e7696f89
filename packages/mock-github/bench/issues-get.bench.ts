/**
 * Octokit `issues.get` answered by the stateful mock vs the same call answered by a bare msw handler
 * returning the same issue as a constant: what the mock's routing, auth, rate-limit accounting,
 * rendering, GitHub headers (ETag included) and request log cost on top of msw and Octokit.
 * `pnpm bench` prints calls/s for each and the ratio bare / mock.
 */
import { Octokit } from '@octokit/rest'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, test } from 'vitest'
import { createGitHubMock } from '../src/index'

const BARE_NAME = 'bare msw handler (constant)'
const MOCK_NAME = 'understudy mock-github'

const github = createGitHubMock({
  seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'Crash', labels: ['bug'] }] }] },
  // A limit the run cannot exhaust, and a short log: the bench measures calls, not memory growth.
  rateLimits: { core: 100_000_000 },
  logLimit: 1000,
})
const constant = await (
  await github.fetch('https://api.github.com/repos/octo/hello/issues/1', {
    headers: { authorization: 'token ghp_test' },
  })
).json()
const server = setupServer(
  ...github.handlers,
  http.get('https://bare.github.test/repos/:owner/:repo/issues/:number', () => HttpResponse.json(constant)),
)
const log = { debug() {}, info() {}, warn() {}, error() {} }
const args = { owner: 'octo', repo: 'hello', issue_number: 1 }
let viaMock: Octokit
let viaBare: Octokit

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' } as never)
  viaMock = new Octokit({ auth: 'ghp_test', log })
  viaBare = new Octokit({ auth: 'ghp_test', log, baseUrl: 'https://bare.github.test' })
})
afterAll(() => server.close())

test('octokit.issues.get', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE_NAME, async () => {
      await viaBare.issues.get(args)
    }),
    bench(MOCK_NAME, async () => {
      await viaMock.issues.get(args)
    }),
    { time: 1500, warmupTime: 300 },
  )
  const bare = results.get(BARE_NAME).throughput.mean
  const mock = results.get(MOCK_NAME).throughput.mean
  console.log(
    [
      'issues.get via Octokit:',
      `  ${BARE_NAME.padEnd(28)} ${Math.round(bare).toLocaleString('en-US')} calls/s`,
      `  ${MOCK_NAME.padEnd(28)} ${Math.round(mock).toLocaleString('en-US')} calls/s`,
      `  ratio bare / mock: ${(bare / mock).toFixed(2)}x`,
    ].join('\n'),
  )
})
