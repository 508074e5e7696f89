import { expect, test } from 'vitest'
import type { GitHubSeed } from '../src/index'
import { describeModes, type RequestError } from './setup'

const seed: GitHubSeed = {
  repos: [{ full_name: 'octo/hello', files: { 'README.md': '# hello\n' } }],
  users: [{ login: 'reader', tokens: ['ghp_reader'] }],
}

const o = { owner: 'octo', repo: 'hello' }

describeModes('tags and releases', ({ setup }) => {
  test('releases: create makes the tag, list newest first, latest skips prereleases and drafts, by tag, by id', async () => {
    const { octokit, github } = setup({ seed, clock: { now: '2026-03-01T00:00:00Z' } })
    const gh = octokit()
    const { data: v1, status } = await gh.repos.createRelease({
      ...o,
      tag_name: 'v1.0.0',
      name: 'One',
      body: 'First',
    })
    expect(status).toBe(201)
    expect(v1).toMatchObject({
      tag_name: 'v1.0.0',
      target_commitish: 'main',
      name: 'One',
      body: 'First',
      draft: false,
      prerelease: false,
      html_url: 'https://github.com/octo/hello/releases/tag/v1.0.0',
      author: { login: 'octocat' },
      assets: [],
    })
    github.clock.advance(60_000)
    await gh.repos.createRelease({ ...o, tag_name: 'v2.0.0-rc.1', prerelease: true })
    github.clock.advance(60_000)
    const { data: draft } = await gh.repos.createRelease({ ...o, tag_name: 'v3.0.0', draft: true })
    expect(draft.published_at).toBeNull()

    const { data: all } = await gh.repos.listReleases(o)
    expect(all.map((r) => r.tag_name)).toEqual(['v3.0.0', 'v2.0.0-rc.1', 'v1.0.0'])
    const { data: latest } = await gh.repos.getLatestRelease(o)
    expect(latest.id).toBe(v1.id)
    const { data: byTag } = await gh.repos.getReleaseByTag({ ...o, tag: 'v2.0.0-rc.1' })
    expect(byTag.prerelease).toBe(true)
    const { data: byId } = await gh.repos.getRelease({ ...o, release_id: v1.id })
    expect(byId.name).toBe('One')

    // A draft has no tag yet and is hidden from those who cannot push.
    const { data: tags } = await gh.repos.listTags(o)
    expect(tags.map((t) => t.name)).toEqual(['v2.0.0-rc.1', 'v1.0.0'])
    const { data: main } = await gh.repos.getBranch({ ...o, branch: 'main' })
    expect(tags[1]).toMatchObject({ commit: { sha: main.commit.sha } })
    const { data: asReader } = await octokit('ghp_reader').repos.listReleases(o)
    expect(asReader.map((r) => r.tag_name)).toEqual(['v2.0.0-rc.1', 'v1.0.0'])

    const dup = (await gh.repos.createRelease({ ...o, tag_name: 'v1.0.0' }).catch((e) => e)) as RequestError
    expect(dup.status).toBe(422)
    expect(dup.response?.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
    })
    const bad = (await gh.repos
      .createRelease({ ...o, tag_name: 'v9', target_commitish: 'nope' })
      .catch((e) => e)) as RequestError
    expect(bad.status).toBe(422)
    const missing = (await gh.repos.getReleaseByTag({ ...o, tag: 'v3.0.0' }).catch((e) => e)) as RequestError
    expect(missing.status).toBe(404)
  })

  test('lightweight tags through git refs: create, get, list; a repository without releases has no latest', async () => {
    const { octokit } = setup({ seed })
    const gh = octokit()
    const { data: main } = await gh.git.getRef({ ...o, ref: 'heads/main' })
    const { data: created } = await gh.git.createRef({ ...o, ref: 'refs/tags/v0.1', sha: main.object.sha })
    expect(created).toMatchObject({ ref: 'refs/tags/v0.1', object: { sha: main.object.sha, type: 'commit' } })
    const { data: got } = await gh.git.getRef({ ...o, ref: 'tags/v0.1' })
    expect(got.object.sha).toBe(main.object.sha)
    const { data: tags } = await gh.repos.listTags(o)
    expect(tags).toEqual([
      {
        name: 'v0.1',
        zipball_url: expect.stringMatching(/\/repos\/octo\/hello\/zipball\/refs\/tags\/v0\.1$/),
        tarball_url: expect.stringMatching(/\/repos\/octo\/hello\/tarball\/refs\/tags\/v0\.1$/),
        commit: { sha: main.object.sha, url: expect.stringMatching(/\/repos\/octo\/hello\/commits\//) },
        node_id: expect.any(String),
      },
    ])
    const { data: commits } = await gh.repos.listCommits({ ...o, sha: 'v0.1' })
    expect(commits[0]!.sha).toBe(main.object.sha)
    const none = (await gh.repos.getLatestRelease(o).catch((e) => e)) as RequestError
    expect(none.status).toBe(404)
    const again = (await gh.git
      .createRef({ ...o, ref: 'refs/tags/v0.1', sha: main.object.sha })
      .catch((e) => e)) as RequestError
    expect(again.status).toBe(422)
  })
})
