import { Octokit } from '@octokit/rest'
import { mount, startServer } from '@understudy/core'
import { expect, test } from 'vitest'
import { createGitHubMock } from '../src/index'
import type { RequestError } from './setup'

const quiet = { debug() {}, info() {}, warn() {}, error() {} }

test('partitionBy: "credential" gives each token its own state, each starting from the seed (standalone server)', async () => {
  const github = createGitHubMock({
    partitionBy: 'credential',
    seed: { repos: [{ full_name: 'octo/hello' }] },
  })
  const server = await startServer(mount([{ prefix: '/github', target: github }]))
  try {
    const a = new Octokit({ auth: 'ghp_worker_a', baseUrl: `${server.url}/github`, log: quiet })
    const b = new Octokit({ auth: 'ghp_worker_b', baseUrl: `${server.url}/github`, log: quiet })
    await a.issues.create({ owner: 'octo', repo: 'hello', title: 'only in a' })
    const { data: inB } = await b.issues.listForRepo({ owner: 'octo', repo: 'hello' })
    expect(inB).toEqual([])
    const { data: inA } = await a.issues.listForRepo({ owner: 'octo', repo: 'hello' })
    expect(inA.map((i) => i.title)).toEqual(['only in a'])
    expect(github.partitions().sort()).toEqual(['ghp_worker_a', 'ghp_worker_b'])
    github.seed(
      { repos: [{ full_name: 'octo/hello', issues: [{ title: 'seeded for b' }] }] },
      { partition: 'ghp_worker_b' },
    )
    const { data: seeded } = await b.issues.listForRepo({ owner: 'octo', repo: 'hello' })
    expect(seeded.map((i) => i.title)).toEqual(['seeded for b'])
    expect(github.requests.every((r) => r.path.startsWith('/repos/octo/hello'))).toBe(true)
  } finally {
    await server.close()
  }
})

test('reset() returns to the factory seed; snapshot() is JSON-safe', async () => {
  const github = createGitHubMock({
    seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'a', labels: ['bug'] }] }] },
  })
  const octokit = new Octokit({ auth: 'ghp_test', log: quiet, request: { fetch: github.fetch } })
  await octokit.issues.create({ owner: 'octo', repo: 'hello', title: 'b' })
  expect(JSON.parse(JSON.stringify(github.snapshot()))).toMatchObject({
    repos: [{ full_name: 'octo/hello', issues: [{ title: 'a', labels: ['bug'] }, { title: 'b' }] }],
  })
  github.reset()
  expect(github.requests).toHaveLength(0)
  expect(github.snapshot()).toMatchObject({ repos: [{ issues: [{ title: 'a' }] }] })
  expect((github.snapshot() as { repos: Array<{ issues: unknown[] }> }).repos[0]!.issues).toHaveLength(1)
})

test('bad seeds and options throw typed errors that say how to fix them', () => {
  expect(() => createGitHubMock({ seed: { repos: [{ full_name: 'nope' }] } }).state()).toThrowError(
    expect.objectContaining({ name: 'SeedError', message: expect.stringContaining('"owner/name"') }),
  )
  expect(() =>
    createGitHubMock({
      seed: { repos: [{ full_name: 'octo/a', issues: [{ body: 'no title' } as never] }] },
    }).state(),
  ).toThrowError(/needs a title/)
  expect(() =>
    createGitHubMock({
      seed: {
        repos: [
          {
            full_name: 'octo/a',
            issues: [
              { title: 'x', number: 1 },
              { title: 'y', number: 1 },
            ],
          },
        ],
      },
    }).state(),
  ).toThrowError(/already has an issue #1/)
  expect(() => createGitHubMock({ seed: { apps: [{ id: 1 }] } }).state()).toThrowError(
    /privateKey or publicKey/,
  )
  expect(() => createGitHubMock({ tokens: 'some' as never })).toThrowError(
    expect.objectContaining({ name: 'InvalidOptionError' }),
  )
  expect(() => createGitHubMock({ rateLimits: { core: -1 } })).toThrowError(/rateLimits.core/)
})

test("fail({ status }) answers in GitHub's error shape with the operation's docs link; unknown paths 404", async () => {
  const github = createGitHubMock({
    seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'a' }] }] },
  })
  const octokit = new Octokit({ auth: 'ghp_test', log: quiet, request: { fetch: github.fetch } })
  github.fail({ method: 'GET', path: '/repos/:owner/:repo/issues/:issue_number', status: 502 })
  const error = (await octokit.issues
    .get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    .catch((e) => e)) as RequestError
  expect(error.status).toBe(502)
  expect(error.response?.data).toEqual({
    message: 'Server Error',
    documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue',
    status: '502',
  })
  const unknown = (await octokit.request('GET /nope').catch((e) => e)) as RequestError
  expect(unknown.status).toBe(404)
  expect(unknown.response?.data).toEqual({
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
    status: '404',
  })
  expect(unknown.response?.headers['x-ratelimit-limit']).toBe('5000')
})

test('seeded tokens act as their user; unknown tokens act as the default user', async () => {
  const github = createGitHubMock({
    user: 'bossy',
    seed: { users: [{ login: 'alice', name: 'Alice', tokens: ['ghp_alice'] }] },
  })
  const as = (auth: string) => new Octokit({ auth, log: quiet, request: { fetch: github.fetch } })
  expect((await as('ghp_alice').users.getAuthenticated()).data).toMatchObject({
    login: 'alice',
    name: 'Alice',
  })
  expect((await as('ghp_anything').users.getAuthenticated()).data.login).toBe('bossy')
})
