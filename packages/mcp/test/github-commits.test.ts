import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, toolCaller } from './helpers'

const o = { owner: 'octo', repo: 'hello' }

async function setup() {
  const github = createGitHubMock({
    seed: {
      repos: [{ full_name: 'octo/hello', files: { 'README.md': '# hello\n' } }, { full_name: 'octo/empty' }],
    },
    clock: { now: '2026-03-01T00:00:00Z' },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  const put = async (path: string, text: string, message: string, sha?: string) => {
    github.clock.advance(86_400_000)
    const { data } = await octokit.repos.createOrUpdateFileContents({
      ...o,
      path,
      message,
      content: Buffer.from(text).toString('base64'),
      ...(sha ? { sha } : {}),
    })
    return data
  }
  const first = await put('src/a.ts', 'one\n', 'add a')
  await put('src/a.ts', 'two\nthree\n', 'change a', first.content!.sha)
  await put('notes.txt', 'n\n', 'add notes')
  return { github, octokit, call }
}

test('list_commits answers MinimalCommit items from GET /repos/{owner}/{repo}/commits, with filters and fields', async () => {
  const { github, octokit, call } = await setup()
  const { data: rest } = await octokit.repos.listCommits(o)
  const listed = await call('list_commits', o)
  expect(listed.isError, listed.text).toBe(false)
  const items = JSON.parse(listed.text)
  expect(items).toHaveLength(4)
  expect(items[0]).toEqual({
    sha: rest[0]!.sha,
    html_url: `https://github.com/octo/hello/commit/${rest[0]!.sha}`,
    commit: {
      message: 'add notes',
      author: {
        name: rest[0]!.commit.author!.name,
        email: rest[0]!.commit.author!.email,
        date: '2026-03-04T00:00:00Z',
      },
      committer: {
        name: rest[0]!.commit.committer!.name,
        email: rest[0]!.commit.committer!.email,
        date: '2026-03-04T00:00:00Z',
      },
    },
  })

  const onA = JSON.parse((await call('list_commits', { ...o, path: 'src/a.ts', fields: ['sha'] })).text)
  expect(onA).toEqual([{ sha: rest[1]!.sha }, { sha: rest[2]!.sha }])
  const windowed = JSON.parse(
    (await call('list_commits', { ...o, since: '2026-03-03', until: '2026-03-03T12:00:00Z' })).text,
  )
  expect(windowed.map((c: { commit: { message: string } }) => c.commit.message)).toEqual(['change a'])
  const paged = JSON.parse((await call('list_commits', { ...o, perPage: 1, page: 2 })).text)
  expect(paged.map((c: { sha: string }) => c.sha)).toEqual([rest[1]!.sha])
  expect(
    github.calls({ path: 'mcp:tools/call list_commits' }).map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual(Array(4).fill('GET /repos/octo/hello/commits'))

  const bad = await call('list_commits', { ...o, since: 'yesterday' })
  expect(bad).toEqual({
    isError: true,
    text: 'invalid since timestamp: invalid ISO 8601 timestamp: yesterday (supported formats: YYYY-MM-DDThh:mm:ssZ or YYYY-MM-DD)',
  })
  const missing = await call('list_commits', { ...o, sha: 'nope' })
  expect(missing.isError).toBe(true)
  expect(missing.text).toMatch(
    /^failed to list commits: nope: GET https:\/\/api\.github\.com\/repos\/octo\/hello\/commits\?sha=nope&per_page=30: 404 Not Found \[\]$/,
  )
  const empty = await call('list_commits', { owner: 'octo', repo: 'empty' })
  expect(empty.text).toMatch(/^failed to list commits: : GET .*: 409 Git Repository is empty\. \[\]$/)
})

test('get_commit answers MinimalCommit with stats and files at detail stats (default), none or full_patch', async () => {
  const { octokit, call } = await setup()
  const { data: rest } = await octokit.repos.listCommits({ ...o, path: 'src/a.ts' })
  const sha = rest[0]!.sha
  const stats = JSON.parse((await call('get_commit', { ...o, sha })).text)
  expect(stats).toMatchObject({
    sha,
    commit: { message: 'change a' },
    stats: { additions: 2, deletions: 1, total: 3 },
    files: [{ filename: 'src/a.ts', status: 'modified', additions: 2, deletions: 1, changes: 3 }],
  })
  expect(stats.files[0].patch).toBeUndefined()
  const full = JSON.parse((await call('get_commit', { ...o, sha, detail: 'full_patch' })).text)
  expect(full.files[0].patch).toBe('@@ -1,1 +1,2 @@\n-one\n+two\n+three')
  const none = JSON.parse((await call('get_commit', { ...o, sha: 'main', detail: 'none' })).text)
  expect(none.commit.message).toBe('add notes')
  expect(none.stats).toBeUndefined()
  expect(none.files).toBeUndefined()

  const unknown = await call('get_commit', { ...o, sha: 'nope' })
  expect(unknown.isError).toBe(true)
  expect(unknown.text).toMatch(
    /^failed to get commit: nope: GET https:\/\/api\.github\.com\/repos\/octo\/hello\/commits\/nope.*: 422 No commit found for SHA: nope \[\]$/,
  )
})

test('search_commits answers MinimalSearchCommitsResult from GET /search/commits', async () => {
  const { octokit, call } = await setup()
  const { data: rest } = await octokit.repos.listCommits({ ...o, path: 'src/a.ts' })
  const found = await call('search_commits', { query: 'repo:octo/hello change', sort: 'author-date' })
  expect(found.isError, found.text).toBe(false)
  expect(JSON.parse(found.text)).toEqual({
    total_count: 1,
    incomplete_results: false,
    items: [
      {
        sha: rest[0]!.sha,
        html_url: `https://github.com/octo/hello/commit/${rest[0]!.sha}`,
        commit: {
          message: 'change a',
          author: expect.objectContaining({ date: '2026-03-03T00:00:00Z' }),
          committer: expect.objectContaining({ date: '2026-03-03T00:00:00Z' }),
        },
        repository: { full_name: 'octo/hello', html_url: 'https://github.com/octo/hello' },
      },
    ],
  })
  const bad = await call('search_commits', { query: ' ' })
  expect(bad.isError).toBe(true)
  expect(bad.text).toMatch(
    /^failed to search commits with query ' ': GET .*: 422 Validation Failed \[\{Resource:Search Field:q Code:missing Message:\}\]$/,
  )
})
