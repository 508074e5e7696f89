import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, toolCaller } from './helpers'

const o = { owner: 'octo', repo: 'hello' }

async function setup() {
  const github = createGitHubMock({
    seed: { repos: [{ full_name: 'octo/hello', files: { 'README.md': '# hello\n' } }] },
    clock: { now: '2026-03-01T00:00:00Z' },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  return { github, octokit, call }
}

test('list_tags answers MinimalTag; get_tag answers a lightweight tag with its ref', async () => {
  const { github, octokit, call } = await setup()
  const { data: main } = await octokit.git.getRef({ ...o, ref: 'heads/main' })
  const sha = main.object.sha
  await octokit.git.createRef({ ...o, ref: 'refs/tags/v1.2.0', sha })
  await octokit.git.createRef({ ...o, ref: 'refs/tags/v1.10.0', sha })
  const tags = await call('list_tags', o)
  expect(tags.isError, tags.text).toBe(false)
  expect(JSON.parse(tags.text)).toEqual([
    { name: 'v1.10.0', sha },
    { name: 'v1.2.0', sha },
  ])
  const tag = await call('get_tag', { ...o, tag: 'v1.2.0' })
  expect(tag.text).toBe(
    JSON.stringify({
      ref: 'refs/tags/v1.2.0',
      url: 'https://api.github.com/repos/octo/hello/git/refs/tags/v1.2.0',
      object: { type: 'commit', sha, url: `https://api.github.com/repos/octo/hello/git/commits/${sha}` },
      node_id: JSON.parse(tag.text).node_id,
    }),
  )
  expect(
    github.calls({ path: 'mcp:tools/call get_tag' }).map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual(['GET /repos/octo/hello/git/ref/tags/v1.2.0'])
  expect(await call('get_tag', { ...o, tag: 'v9' })).toEqual({
    isError: true,
    text: 'failed to get tag reference: GET https://api.github.com/repos/octo/hello/git/ref/tags/v9: 404 Not Found []',
  })
})

test('list_releases answers MinimalRelease (fields too); get_latest_release and get_release_by_tag the REST release', async () => {
  const { github, octokit, call } = await setup()
  expect(await call('get_latest_release', o)).toEqual({
    isError: true,
    text: 'failed to get latest release: GET https://api.github.com/repos/octo/hello/releases/latest: 404 Not Found []',
  })
  const { data: v1 } = await octokit.repos.createRelease({
    ...o,
    tag_name: 'v1.0.0',
    name: 'One',
    body: 'First',
  })
  github.clock.advance(60_000)
  await octokit.repos.createRelease({ ...o, tag_name: 'v2.0.0-rc.1', prerelease: true })

  const listed = JSON.parse((await call('list_releases', o)).text)
  expect(listed[1]).toEqual({
    id: v1.id,
    tag_name: 'v1.0.0',
    name: 'One',
    body: 'First',
    html_url: 'https://github.com/octo/hello/releases/tag/v1.0.0',
    published_at: '2026-03-01T00:00:00Z',
    prerelease: false,
    draft: false,
    author: {
      login: 'octocat',
      id: v1.author.id,
      profile_url: 'https://github.com/octocat',
      avatar_url: v1.author.avatar_url,
    },
  })
  expect(listed[0]).toMatchObject({ tag_name: 'v2.0.0-rc.1', prerelease: true })
  expect(listed[0].name).toBeUndefined()
  const picked = JSON.parse((await call('list_releases', { ...o, fields: ['tag_name', 'id'] })).text)
  expect(picked).toEqual([
    { id: expect.any(Number), tag_name: 'v2.0.0-rc.1' },
    { id: v1.id, tag_name: 'v1.0.0' },
  ])

  const latest = JSON.parse((await call('get_latest_release', o)).text)
  expect(latest).toEqual((await octokit.repos.getLatestRelease(o)).data)
  expect(latest.tag_name).toBe('v1.0.0')
  const byTag = JSON.parse((await call('get_release_by_tag', { ...o, tag: 'v2.0.0-rc.1' })).text)
  expect(byTag.prerelease).toBe(true)
  expect(await call('get_release_by_tag', { ...o, tag: 'v9' })).toEqual({
    isError: true,
    text: 'failed to get release by tag: v9: GET https://api.github.com/repos/octo/hello/releases/tags/v9: 404 Not Found []',
  })
})
