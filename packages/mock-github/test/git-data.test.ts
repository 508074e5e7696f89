import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError, receiver } from './setup'

const seed: GitHubSeed = {
  repos: [
    {
      full_name: 'octo/hello',
      files: { 'README.md': '# hello\n', 'docs/guide.md': 'guide\n', 'docs/api/x.md': 'x\n' },
    },
    { full_name: 'octo/empty' },
  ],
  hooks: [{ repo: 'octo/hello', url: 'http://127.0.0.1:9/hooks', secret: 'whsec_test' }],
}

const o = { owner: 'octo', repo: 'hello' }

describeModes('git data API', ({ setup }) => {
  test('ref → commit → tree → new tree → commit → ref update: the contents API sees it, push is delivered', async () => {
    const hook = receiver()
    const { octokit, github } = setup({ seed, webhooks: { transport: hook.transport } })
    const gh = octokit()
    const { data: ref } = await gh.git.getRef({ ...o, ref: 'heads/main' })
    expect(ref).toMatchObject({ ref: 'refs/heads/main', object: { type: 'commit' } })
    const { data: base } = await gh.git.getCommit({ ...o, commit_sha: ref.object.sha })
    expect(base).toMatchObject({
      sha: ref.object.sha,
      tree: { sha: expect.stringMatching(/^[0-9a-f]{40}$/) },
    })

    const { data: top } = await gh.git.getTree({ ...o, tree_sha: base.tree.sha })
    expect(top.tree.map((e) => `${e.type} ${e.path}`)).toEqual(['blob README.md', 'tree docs'])
    const docs = top.tree.find((e) => e.path === 'docs')!
    const { data: sub } = await gh.git.getTree({ ...o, tree_sha: docs.sha! })
    expect(sub.tree.map((e) => `${e.type} ${e.path}`)).toEqual(['tree api', 'blob guide.md'])
    const { data: all } = await gh.git.getTree({ ...o, tree_sha: 'main', recursive: '1' })
    expect(all.tree.map((e) => e.path)).toEqual([
      'README.md',
      'docs',
      'docs/api',
      'docs/api/x.md',
      'docs/guide.md',
    ])

    const { data: blob } = await gh.git.createBlob({
      ...o,
      content: Buffer.from('bin\n').toString('base64'),
      encoding: 'base64',
    })
    const { data: tree } = await gh.git.createTree({
      ...o,
      base_tree: base.tree.sha,
      tree: [
        { path: 'src/app.ts', mode: '100644', type: 'blob', content: 'export {}\n' },
        { path: 'bin/run', mode: '100644', type: 'blob', sha: blob.sha },
        { path: 'docs/guide.md', mode: '100644', type: 'blob', sha: null },
      ],
    })
    const { data: created } = await gh.git.createCommit({
      ...o,
      message: 'Add app',
      tree: tree.sha,
      parents: [base.sha],
    })
    expect(created).toMatchObject({
      message: 'Add app',
      tree: { sha: tree.sha },
      parents: [{ sha: base.sha }],
    })
    // Not on the branch until the ref moves.
    expect((await gh.repos.getBranch({ ...o, branch: 'main' })).data.commit.sha).toBe(base.sha)

    const { data: moved } = await gh.git.updateRef({ ...o, ref: 'heads/main', sha: created.sha })
    expect(moved).toMatchObject({ ref: 'refs/heads/main', object: { sha: created.sha } })
    const { data: file } = await gh.repos.getContent({ ...o, path: 'src/app.ts' })
    expect(Buffer.from((file as { content: string }).content, 'base64').toString()).toBe('export {}\n')
    const { data: bin } = await gh.repos.getContent({ ...o, path: 'bin/run' })
    expect(Buffer.from((bin as { content: string }).content, 'base64').toString()).toBe('bin\n')
    const gone = (await gh.repos.getContent({ ...o, path: 'docs/guide.md' }).catch((e) => e)) as RequestError
    expect(gone.status).toBe(404)
    const { data: fetched } = await gh.git.getBlob({ ...o, file_sha: blob.sha })
    expect(Buffer.from(fetched.content, 'base64').toString()).toBe('bin\n')

    await github.webhooks.settled()
    const pushes = hook.received.filter((r) => r.headers.get('x-github-event') === 'push')
    expect(pushes).toHaveLength(1)
    expect(JSON.parse(await pushes[0]!.clone().text())).toMatchObject({
      ref: 'refs/heads/main',
      before: base.sha,
      after: created.sha,
      forced: false,
      commits: [
        {
          id: created.sha,
          message: 'Add app',
          added: expect.arrayContaining(['src/app.ts', 'bin/run']),
          removed: ['docs/guide.md'],
        },
      ],
    })
  })

  test("GitHub's errors: non-fast-forward, unknown ref/object/tree/parent, empty repository, 404s", async () => {
    const hook = receiver()
    const { octokit, github } = setup({ seed, webhooks: { transport: hook.transport } })
    const gh = octokit()
    const error = async (p: Promise<unknown>) => (await p.catch((e) => e)) as RequestError
    const { data: ref } = await gh.git.getRef({ ...o, ref: 'heads/main' })
    const { data: base } = await gh.git.getCommit({ ...o, commit_sha: ref.object.sha })
    const { data: tree } = await gh.git.createTree({
      ...o,
      tree: [{ path: 'only.txt', mode: '100644', type: 'blob', content: 'x' }],
    })
    // A commit with no parents is not a fast-forward of main.
    const { data: orphan } = await gh.git.createCommit({
      ...o,
      message: 'orphan',
      tree: tree.sha,
      parents: [],
    })
    const refused = await error(gh.git.updateRef({ ...o, ref: 'heads/main', sha: orphan.sha }))
    expect([refused.status, refused.message]).toEqual([
      422,
      expect.stringContaining('Update is not a fast forward'),
    ])
    const forced = await gh.git.updateRef({ ...o, ref: 'heads/main', sha: orphan.sha, force: true })
    expect(forced.data.object.sha).toBe(orphan.sha)
    await github.webhooks.settled()
    const [push] = hook.received.filter((r) => r.headers.get('x-github-event') === 'push')
    expect(JSON.parse(await push!.clone().text())).toMatchObject({ forced: true, after: orphan.sha })
    const { data: listing } = await gh.git.getTree({ ...o, tree_sha: 'main' })
    expect(listing.tree.map((e) => e.path)).toEqual(['only.txt'])

    expect((await error(gh.git.updateRef({ ...o, ref: 'heads/nope', sha: base.sha }))).message).toContain(
      'Reference does not exist',
    )
    expect(
      (await error(gh.git.updateRef({ ...o, ref: 'heads/main', sha: 'f'.repeat(40) }))).message,
    ).toContain('Object does not exist')
    const badBase = await error(gh.git.createTree({ ...o, base_tree: 'f'.repeat(40), tree: [] }))
    expect([badBase.status, badBase.message]).toEqual([
      422,
      expect.stringContaining('base_tree is not a valid tree oid'),
    ])
    expect(
      (await error(gh.git.createCommit({ ...o, message: 'm', tree: 'f'.repeat(40) }))).message,
    ).toContain('Tree SHA does not exist')
    expect(
      (await error(gh.git.createCommit({ ...o, message: 'm', tree: tree.sha, parents: ['f'.repeat(40)] })))
        .status,
    ).toBe(422)
    expect((await error(gh.git.getRef({ ...o, ref: 'heads/nope' }))).status).toBe(404)
    expect((await error(gh.git.getCommit({ ...o, commit_sha: 'f'.repeat(40) }))).status).toBe(404)
    const empty = await error(gh.git.getRef({ owner: 'octo', repo: 'empty', ref: 'heads/main' }))
    expect([empty.status, empty.message]).toEqual([409, expect.stringContaining('Git Repository is empty.')])
    expect((await error(gh.git.createBlob({ owner: 'octo', repo: 'empty', content: 'x' }))).status).toBe(409)
  })
})
