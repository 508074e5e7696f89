import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, toolCaller } from './helpers'

async function setup() {
  const github = createGitHubMock({
    seed: {
      repos: [{ full_name: 'octocat/hello', files: { 'README.md': '# hello\n' } }],
      users: [{ login: 'alice' }, { login: 'bob' }, { login: 'acme', type: 'Organization' }],
    },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  return { github, octokit, call }
}

test('list_repository_collaborators answers MinimalCollaborator items with the Link pages', async () => {
  const { octokit, call } = await setup()
  const o = { owner: 'octocat', repo: 'hello' }
  await octokit.repos.addCollaborator({ ...o, username: 'alice' })
  await octokit.repos.addCollaborator({ ...o, username: 'bob' })
  const { data: rest } = await octokit.repos.listCollaborators(o)
  const all = await call('list_repository_collaborators', o)
  expect(all.isError, all.text).toBe(false)
  expect(all.text).toBe(
    JSON.stringify({
      firstPage: 0,
      items: rest.map((c) => ({ login: c.login, id: c.id, role_name: c.role_name })),
      lastPage: 0,
      nextPage: 0,
      prevPage: 0,
    }),
  )
  const second = JSON.parse((await call('list_repository_collaborators', { ...o, perPage: 1, page: 2 })).text)
  expect(second).toMatchObject({
    items: [{ login: rest[1]!.login }],
    firstPage: 1,
    prevPage: 1,
    nextPage: 3,
    lastPage: 3,
  })
  expect(await call('list_repository_collaborators', { owner: 'octocat', repo: 'nope' })).toEqual({
    isError: true,
    text: 'failed to list collaborators: GET https://api.github.com/repos/octocat/nope/collaborators: 404 Not Found []',
  })
})

test('create_repository makes a private repository by default (or in an organization) and answers { id, url }', async () => {
  const { github, octokit, call } = await setup()
  const made = await call('create_repository', { name: 'tool', description: 'A tool', autoInit: true })
  expect(made.isError, made.text).toBe(false)
  const { data: repo } = await octokit.repos.get({ owner: 'octocat', repo: 'tool' })
  expect(JSON.parse(made.text)).toEqual({ id: String(repo.id), url: 'https://github.com/octocat/tool' })
  expect(repo).toMatchObject({ private: true, description: 'A tool' })
  const { data: readme } = await octokit.repos.getContent({
    owner: 'octocat',
    repo: 'tool',
    path: 'README.md',
  })
  expect(readme).toMatchObject({ name: 'README.md' })
  expect(
    github.calls({ path: 'mcp:tools/call create_repository' }).map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual(['POST /user/repos'])

  const inOrg = JSON.parse(
    (await call('create_repository', { name: 'site', organization: 'acme', private: false })).text,
  )
  const { data: site } = await octokit.repos.get({ owner: 'acme', repo: 'site' })
  expect(inOrg).toEqual({ id: String(site.id), url: 'https://github.com/acme/site' })
  expect(site.private).toBe(false)

  const again = await call('create_repository', { name: 'tool' })
  expect(again).toEqual({
    isError: true,
    text: 'failed to create repository: POST https://api.github.com/user/repos: 422 Validation Failed [{Resource:Repository Field:name Code:custom Message:name already exists on this account}]',
  })
})

test('fork_repository answers "Fork is in progress" for GitHub\'s 202, as the official server does, and the fork exists', async () => {
  const { github, octokit, call } = await setup()
  await octokit.repos.createInOrg({ org: 'acme', name: 'lib' })
  const forked = await call('fork_repository', { owner: 'acme', repo: 'lib' })
  expect(forked).toEqual({ isError: false, text: 'Fork is in progress' })
  const { data: fork } = await octokit.repos.get({ owner: 'octocat', repo: 'lib' })
  expect(fork).toMatchObject({ fork: true, parent: { full_name: 'acme/lib' } })
  expect(
    github.calls({ path: 'mcp:tools/call fork_repository' }).map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual(['POST /repos/acme/lib/forks'])
  expect(await call('fork_repository', { owner: 'acme', repo: 'nope' })).toEqual({
    isError: true,
    text: 'failed to fork repository: POST https://api.github.com/repos/acme/nope/forks: 404 Not Found []',
  })
})
