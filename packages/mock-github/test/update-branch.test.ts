import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError, receiver } from './setup'

const seed: GitHubSeed = {
  repos: [
    {
      full_name: 'octo/hello',
      files: { 'README.md': '# hello\n', 'src/a.ts': 'a\n' },
      branches: { feature: { 'src/a.ts': 'b\n' } },
    },
  ],
  hooks: [{ repo: 'octo/hello', url: 'http://127.0.0.1:9/hooks', secret: 'whsec_test' }],
}

const o = { owner: 'octo', repo: 'hello' }
const text = (s: string) => Buffer.from(s).toString('base64')

describeModes('update pull request branch', ({ setup }) => {
  test('PUT update-branch merges base into head (parents head and base), answers 202 and pushes head', async () => {
    const hook = receiver()
    const { octokit, github } = setup({ seed, webhooks: { transport: hook.transport } })
    const gh = octokit()
    const { data: pr } = await gh.pulls.create({ ...o, title: 'PR', head: 'feature', base: 'main' })
    await gh.repos.createOrUpdateFileContents({
      ...o,
      path: 'docs/new.md',
      message: 'docs',
      content: text('new\n'),
      branch: 'main',
    })
    const { data: main } = await gh.repos.getBranch({ ...o, branch: 'main' })
    const before = pr.head.sha
    await github.webhooks.settled()
    const sent = hook.received.length
    const { status, data } = await gh.pulls.updateBranch({ ...o, pull_number: pr.number })
    expect(status).toBe(202)
    expect(data).toEqual({
      message: 'Updating pull request branch.',
      url: 'https://github.com/repos/octo/hello/pulls/1',
    })
    const { data: feature } = await gh.repos.getBranch({ ...o, branch: 'feature' })
    const { data: merge } = await gh.repos.getCommit({ ...o, ref: feature.commit.sha })
    expect(merge.parents.map((p) => p.sha)).toEqual([before, main.commit.sha])
    expect(merge.commit.message).toBe("Merge branch 'main' into feature")
    const { data: file } = await gh.repos.getContent({ ...o, path: 'docs/new.md', ref: 'feature' })
    expect(file).toMatchObject({ type: 'file' })
    const { data: mine } = await gh.repos.getContent({ ...o, path: 'src/a.ts', ref: 'feature' })
    expect(Buffer.from((mine as { content: string }).content, 'base64').toString()).toBe('b\n')
    const { data: after } = await gh.pulls.get({ ...o, pull_number: pr.number })
    expect(after.head.sha).toBe(feature.commit.sha)
    const { data: files } = await gh.pulls.listFiles({ ...o, pull_number: pr.number })
    expect(files.map((f) => f.filename)).toEqual(['src/a.ts'])
    await github.webhooks.settled()
    const pushes = await Promise.all(
      hook.received.slice(sent).map(async (r) => ({
        event: r.headers.get('x-github-event'),
        body: JSON.parse(await r.clone().text()),
      })),
    )
    expect(pushes.filter((p) => p.event === 'push').map((p) => p.body)).toEqual([
      expect.objectContaining({ ref: 'refs/heads/feature', before, after: feature.commit.sha }),
    ])
  })

  test('already up to date: 202 and no new commit', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data: pr } = await gh.pulls.create({ ...o, title: 'PR', head: 'feature', base: 'main' })
    const { status } = await gh.pulls.updateBranch({ ...o, pull_number: pr.number })
    expect(status).toBe(202)
    const { data: feature } = await gh.repos.getBranch({ ...o, branch: 'feature' })
    expect(feature.commit.sha).toBe(pr.head.sha)
  })

  test('422 when expected_head_sha is not the head, or base and head conflict; 404 for a missing PR', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data: pr } = await gh.pulls.create({ ...o, title: 'PR', head: 'feature', base: 'main' })
    const stale = await gh.pulls
      .updateBranch({ ...o, pull_number: pr.number, expected_head_sha: 'a'.repeat(40) })
      .catch((e: RequestError) => e)
    expect(stale).toMatchObject({ status: 422 })
    const { data: current } = await gh.repos.getContent({ ...o, path: 'src/a.ts', ref: 'main' })
    await gh.repos.createOrUpdateFileContents({
      ...o,
      path: 'src/a.ts',
      message: 'c',
      content: text('c\n'),
      sha: (current as { sha: string }).sha,
      branch: 'main',
    })
    const conflict = await gh.pulls
      .updateBranch({ ...o, pull_number: pr.number, expected_head_sha: pr.head.sha })
      .catch((e: RequestError) => e)
    expect(conflict).toMatchObject({
      status: 422,
      response: { data: { message: 'merge conflict between base and head' } },
    })
    const missing = await gh.pulls.updateBranch({ ...o, pull_number: 99 }).catch((e: RequestError) => e)
    expect(missing).toMatchObject({ status: 404 })
  })
})
