import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError } from './setup'

const seed: GitHubSeed = {
  repos: [
    { full_name: 'octo/hello', files: { 'README.md': '# hello\n' } },
    { full_name: 'octo/secret', private: true, files: { 'x.md': 'x\n' } },
  ],
  users: [{ login: 'mallory', tokens: ['ghp_mallory'] }],
}

describeModes('GET /search/commits', ({ setup }) => {
  test('matches messages and qualifiers on default branches, sorts by date, hides unreadable repositories', async () => {
    const { octokit, github } = setup({ seed, clock: { now: '2026-03-01T00:00:00Z' } })
    const gh = octokit()
    // The seed is applied on the first request: its commits are dated before the clock moves.
    await gh.repos.get({ owner: 'octo', repo: 'hello' })
    github.clock.advance(86_400_000)
    const { data: fix } = await gh.repos.createOrUpdateFileContents({
      owner: 'octo',
      repo: 'hello',
      path: 'a.ts',
      message: 'Fix the crash in greet',
      content: Buffer.from('a\n').toString('base64'),
    })
    await gh.git.createRef({ owner: 'octo', repo: 'hello', ref: 'refs/heads/side', sha: fix.commit.sha! })
    // Only default branches are searched.
    await gh.repos.createOrUpdateFileContents({
      owner: 'octo',
      repo: 'hello',
      path: 'b.ts',
      message: 'Crash reporting on a branch',
      content: Buffer.from('b\n').toString('base64'),
      branch: 'side',
    })

    const { data: found } = await gh.search.commits({ q: 'crash repo:octo/hello' })
    expect(found.total_count).toBe(1)
    expect(found.items[0]).toMatchObject({
      sha: fix.commit.sha,
      commit: { message: 'Fix the crash in greet' },
      repository: { full_name: 'octo/hello' },
      score: 1,
    })
    const { data: byHash } = await gh.search.commits({ q: `hash:${fix.commit.sha}` })
    expect(byHash.items.map((c) => c.sha)).toEqual([fix.commit.sha])
    const { data: recent } = await gh.search.commits({
      q: 'author-date:2026-03-01T12:00:00Z..2026-03-03T00:00:00Z',
      sort: 'author-date',
      order: 'asc',
    })
    expect(recent.items.map((c) => c.sha)).toEqual([fix.commit.sha])
    const { data: all } = await gh.search.commits({ q: 'user:octo', sort: 'committer-date', order: 'desc' })
    expect(all.items.map((c) => c.repository.full_name).sort()).toEqual([
      'octo/hello',
      'octo/hello',
      'octo/secret',
    ])
    const { data: outsider } = await octokit('ghp_mallory').search.commits({ q: 'user:octo' })
    expect(outsider.items.map((c) => c.repository.full_name)).toEqual(['octo/hello', 'octo/hello'])

    const empty = (await gh.search.commits({ q: '' }).catch((e) => e)) as RequestError
    expect(empty.status).toBe(422)
  })
})
