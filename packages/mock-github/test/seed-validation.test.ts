import { Octokit } from '@octokit/rest'
import { expect, test } from 'vitest'
import { createGitHubMock, type GitHubSeed } from '../src/index'

function thrown(fn: () => unknown): Error & { issues?: unknown } {
  try {
    fn()
  } catch (error) {
    return error as Error & { issues?: unknown }
  }
  throw new Error('expected a throw')
}

test('seed() names the path of an unknown key, with a did-you-mean hint (#13)', () => {
  const github = createGitHubMock()
  const error = thrown(() =>
    github.seed({ repos: [{ full_name: 'octo/hello', isues: [] }] } as unknown as GitHubSeed),
  )
  expect(error.name).toBe('SeedError')
  expect(error.message).toBe(
    '[understudy:github] Invalid GitHub seed at repos[0].isues: unknown key "isues"; did you mean "issues"? Nothing was seeded.',
  )
  expect(error.issues).toEqual([
    { path: 'repos[0].isues', message: 'unknown key "isues"; did you mean "issues"?' },
  ])
})

test('seed() names the path of a wrong type at any depth', () => {
  const error = thrown(() =>
    createGitHubMock({
      seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'a', labels: ['bug', 7 as never] }] }] },
    }).state(),
  )
  expect(error.message).toContain('at repos[0].issues[0].labels[1]: expected a string, got 7')
  const closed = thrown(() =>
    createGitHubMock({
      seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'a', state: 'clsed' as never }] }] },
    }).state(),
  )
  expect(closed.message).toContain(
    'repos[0].issues[0].state: expected "open" or "closed", got "clsed"; did you mean "closed"?',
  )
})

test('a bad seed changes nothing: no half-applied repos, issues or hooks', async () => {
  const github = createGitHubMock({
    seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'a' }] }] },
  })
  const before = JSON.stringify(github.snapshot())
  // Valid first repo, bad second one: the first must not be created either.
  expect(() =>
    github.seed({
      repos: [
        { full_name: 'octo/new', issues: [{ title: 'x' }] },
        { full_name: 'octo/other', labels: [{ name: 'bug', color: 'red' }] },
      ],
    }),
  ).toThrowError(/repos\[1\]\.labels\[0\]\.color: expected 6 hex digits like "d73a4a", got "red"/)
  // Errors that depend on the state are found before anything changes too.
  expect(() =>
    github.seed({
      repos: [{ full_name: 'octo/new' }, { full_name: 'octo/hello', issues: [{ title: 'b', number: 1 }] }],
    }),
  ).toThrowError(/repos\[1\]\.issues\[0\]: octo\/hello already has an issue #1/)
  expect(() =>
    github.seed({
      repos: [{ full_name: 'octo/new' }],
      hooks: [{ repo: 'octo/nope', url: 'http://127.0.0.1:1/h' }],
    }),
  ).toThrowError(/hooks\[0\]\.repo "octo\/nope" is not a seeded repository/)
  expect(JSON.stringify(github.snapshot())).toBe(before)
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  await expect(octokit.repos.get({ owner: 'octo', repo: 'new' })).rejects.toMatchObject({ status: 404 })
})

test('createGitHubMock(options) names a wrong option and shows a valid value (#13)', () => {
  expect(() => createGitHubMock({ rateLimit: { core: 1 } } as never)).toThrowError(
    expect.objectContaining({
      name: 'InvalidOptionError',
      option: 'rateLimit',
      message:
        '[understudy:github] Invalid option "rateLimit": unknown key "rateLimit"; did you mean "rateLimits"?',
    }),
  )
  expect(() => createGitHubMock({ webhooks: { retries: -1 } })).toThrowError(
    expect.objectContaining({
      option: 'webhooks.retries',
      message: expect.stringContaining('expected a whole number >= 0, got -1. For example: 2.'),
    }),
  )
  expect(() => createGitHubMock({ logLimit: '10' as never })).toThrowError(/Invalid option "logLimit"/)
})
