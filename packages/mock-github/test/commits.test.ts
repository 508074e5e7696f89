import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError } from './setup'

const seed: GitHubSeed = {
  repos: [
    { full_name: 'octo/hello', files: { 'README.md': '# hello\n', 'docs/guide.md': 'guide\n' } },
    { full_name: 'octo/empty' },
  ],
}

const o = { owner: 'octo', repo: 'hello' }

describeModes('repository commits API', ({ setup }) => {
  async function withHistory() {
    const env = setup({ seed, clock: { now: '2026-03-01T00:00:00Z' } })
    const gh = env.octokit()
    const put = async (path: string, text: string, message: string, sha?: string) => {
      env.github.clock.advance(86_400_000)
      const { data } = await gh.repos.createOrUpdateFileContents({
        ...o,
        path,
        message,
        content: Buffer.from(text).toString('base64'),
        ...(sha ? { sha } : {}),
      })
      return data
    }
    const first = await put('src/a.ts', 'export const a = 1\n', 'add a')
    await put('src/a.ts', 'export const a = 2\nexport const b = 3\n', 'change a', first.content!.sha)
    await put('notes.txt', 'n\n', 'add notes')
    return { ...env, gh }
  }

  test('lists history newest first, filtered by path, author, since and until, with pagination', async () => {
    const { gh } = await withHistory()
    const { data: all } = await gh.repos.listCommits(o)
    expect(all.map((c) => c.commit.message)).toEqual(['add notes', 'change a', 'add a', expect.any(String)])
    expect(all[0]!.parents[0]!.sha).toBe(all[1]!.sha)
    expect(all[0]!.html_url).toMatch(new RegExp(`/octo/hello/commit/${all[0]!.sha}$`))

    const { data: onA } = await gh.repos.listCommits({ ...o, path: 'src/a.ts' })
    expect(onA.map((c) => c.commit.message)).toEqual(['change a', 'add a'])
    const { data: underSrc } = await gh.repos.listCommits({ ...o, path: 'src' })
    expect(underSrc).toHaveLength(2)

    const { data: windowed } = await gh.repos.listCommits({
      ...o,
      since: '2026-03-02T12:00:00Z',
      until: '2026-03-03T12:00:00Z',
    })
    expect(windowed.map((c) => c.commit.message)).toEqual(['change a'])
    const { data: nobody } = await gh.repos.listCommits({ ...o, author: 'someone-else' })
    expect(nobody).toEqual([])

    const { data: fromOld, headers } = await gh.repos.listCommits({ ...o, sha: all[2]!.sha, per_page: 1 })
    expect(fromOld.map((c) => c.sha)).toEqual([all[2]!.sha])
    expect(headers.link).toContain('rel="next"')
    const paged = await gh.paginate(gh.repos.listCommits, { ...o, per_page: 1 })
    expect(paged.map((c) => c.sha)).toEqual(all.map((c) => c.sha))
  })

  test('get a commit by sha, short sha or branch, with stats and files', async () => {
    const { gh } = await withHistory()
    const { data: list } = await gh.repos.listCommits({ ...o, path: 'src/a.ts' })
    const { data: c } = await gh.repos.getCommit({ ...o, ref: list[0]!.sha })
    expect(c.commit.message).toBe('change a')
    expect(c.stats).toEqual({ total: 3, additions: 2, deletions: 1 })
    expect(c.files).toEqual([
      expect.objectContaining({
        filename: 'src/a.ts',
        status: 'modified',
        additions: 2,
        deletions: 1,
        changes: 3,
        patch: '@@ -1,1 +1,2 @@\n-export const a = 1\n+export const a = 2\n+export const b = 3',
      }),
    ])
    const { data: short } = await gh.repos.getCommit({ ...o, ref: list[0]!.sha.slice(0, 7) })
    expect(short.sha).toBe(c.sha)
    const { data: head } = await gh.repos.getCommit({ ...o, ref: 'main' })
    expect(head.commit.message).toBe('add notes')
    expect(head.files?.map((f) => [f.filename, f.status])).toEqual([['notes.txt', 'added']])
  })

  test('errors: unknown ref 422, unknown sha to list 404, empty repository 409', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const e1 = (await gh.repos.getCommit({ ...o, ref: 'nope' }).catch((e) => e)) as RequestError
    expect(e1.status).toBe(422)
    expect(e1.response?.data).toMatchObject({ message: 'No commit found for SHA: nope' })
    const e2 = (await gh.repos.listCommits({ ...o, sha: 'nope' }).catch((e) => e)) as RequestError
    expect(e2.status).toBe(404)
    const e3 = (await gh.repos.listCommits({ owner: 'octo', repo: 'empty' }).catch((e) => e)) as RequestError
    expect(e3.status).toBe(409)
    expect(e3.response?.data).toMatchObject({ message: 'Git Repository is empty.' })
  })
})
