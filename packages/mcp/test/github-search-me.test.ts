import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, textOf, toolCaller } from './helpers'

async function setup() {
  const github = createGitHubMock({
    seed: {
      repos: [
        {
          full_name: 'octo/hello',
          description: 'A friendly greeter',
          files: { 'src/greet.ts': 'export function greet() {}\n', 'README.md': '# hello\n' },
        },
        { full_name: 'octo/tools', archived: true, files: { 'greet.py': 'def greet(): pass\n' } },
      ],
      users: [
        { login: 'alice', name: 'Alice Liddell', email: 'alice@example.com' },
        { login: 'acme', type: 'Organization' },
      ],
    },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  return { github, octokit, call }
}

test('search_repositories answers MinimalSearchRepositoriesResult from GET /search/repositories, or the full objects', async () => {
  const { github, octokit, call } = await setup()
  const found = await call('search_repositories', { query: 'greeter user:octo' })
  expect(found.isError, found.text).toBe(false)
  const { data: repo } = await octokit.repos.get({ owner: 'octo', repo: 'hello' })
  expect(JSON.parse(found.text)).toEqual({
    total_count: 1,
    incomplete_results: false,
    items: [
      {
        id: repo.id,
        name: 'hello',
        full_name: 'octo/hello',
        description: 'A friendly greeter',
        html_url: 'https://github.com/octo/hello',
        stargazers_count: 0,
        forks_count: 0,
        open_issues_count: 0,
        updated_at: repo.updated_at,
        created_at: repo.created_at,
        private: false,
        fork: false,
        archived: false,
        default_branch: 'main',
      },
    ],
  })
  const full = JSON.parse(
    (await call('search_repositories', { query: 'archived:true', minimal_output: false })).text,
  )
  expect(full.items).toHaveLength(1)
  expect(full.items[0]).toMatchObject({
    full_name: 'octo/tools',
    archived: true,
    owner: { login: 'octo' },
    score: 1,
  })
  const paged = JSON.parse(
    (await call('search_repositories', { query: 'user:octo', perPage: 1, page: 2 })).text,
  )
  expect(paged).toMatchObject({ total_count: 2, items: [{ full_name: 'octo/tools' }] })
  expect(github.calls({ path: 'mcp:tools/call search_repositories' })[0]).toMatchObject({
    via: { method: 'GET', path: '/search/repositories' },
    status: 200,
  })
  const empty = await call('search_repositories', { query: ' ' })
  expect(empty).toEqual({
    isError: true,
    text: "failed to search repositories with query ' ': GET https://api.github.com/search/repositories?q=+: 422 Validation Failed [{Resource:Search Field:q Code:missing Message:}]",
  })
})

test('search_code answers MinimalCodeSearchResult with text matches; fields picks keys as Go marshals a map', async () => {
  const { call } = await setup()
  const found = await call('search_code', { query: 'greet extension:ts' })
  expect(found.isError, found.text).toBe(false)
  expect(JSON.parse(found.text)).toEqual({
    total_count: 1,
    incomplete_results: false,
    items: [
      {
        name: 'greet.ts',
        path: 'src/greet.ts',
        sha: expect.stringMatching(/^[0-9a-f]{40}$/),
        repository: 'octo/hello',
        text_matches: [
          {
            object_url: expect.stringContaining('/contents/src/greet.ts'),
            object_type: 'FileContent',
            property: 'content',
            fragment: 'export function greet() {}\n',
            matches: [{ text: 'greet', indices: [16, 21] }],
          },
        ],
      },
    ],
  })
  const picked = await call('search_code', { query: 'greet', fields: ['repository', 'path'], perPage: 1 })
  expect(picked.text).toBe(
    '{"incomplete_results":false,"items":[{"path":"src/greet.ts","repository":"octo/hello"}],"total_count":2}',
  )
  const noTerm = await call('search_code', { query: 'repo:octo/hello' })
  expect(noTerm.isError).toBe(true)
  expect(noTerm.text).toMatch(
    /^failed to search code with query 'repo:octo\/hello': GET .* 422 Validation Failed/,
  )
})

test('search_users scopes to type:user unless the query names a type, and trims to MinimalUser', async () => {
  const { github, call } = await setup()
  const found = JSON.parse((await call('search_users', { query: 'liddell' })).text)
  expect(found).toEqual({
    total_count: 1,
    incomplete_results: false,
    items: [
      {
        login: 'alice',
        id: expect.any(Number),
        profile_url: 'https://github.com/alice',
        avatar_url: expect.stringMatching(/^https:\/\/avatars\.githubusercontent\.com\/u\/\d+\?v=4$/),
      },
    ],
  })
  expect(JSON.parse((await call('search_users', { query: 'acme' })).text).total_count).toBe(0)
  expect(JSON.parse((await call('search_users', { query: 'acme type:org' })).text).items).toMatchObject([
    { login: 'acme' },
  ])
  const [first] = github.calls({ path: 'mcp:tools/call search_users' })
  expect(new URL(first!.url).searchParams.get('q')).toBe('type:user liddell')
})

test('get_me answers the authenticated user as MinimalUser with details; a refused token is the tool error', async () => {
  const { octokit, call } = await setup()
  const { data: me } = await octokit.users.getAuthenticated()
  const answer = await call('get_me', {})
  expect(answer.isError, answer.text).toBe(false)
  expect(JSON.parse(answer.text)).toEqual({
    login: me.login,
    id: me.id,
    profile_url: me.html_url,
    avatar_url: me.avatar_url,
    details: {
      ...(me.name ? { name: me.name } : {}),
      ...(me.email ? { email: me.email } : {}),
      public_repos: me.public_repos,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: me.created_at,
      updated_at: me.updated_at,
      ...(me.total_private_repos ? { total_private_repos: me.total_private_repos } : {}),
      ...(me.owned_private_repos ? { owned_private_repos: me.owned_private_repos } : {}),
    },
  })

  const github = createGitHubMock({ tokens: 'known' })
  const refused = await connect(createMcpServer({ github }, { credential: 'ghp_unknown' }))
  const denied = await refused.callTool({ name: 'get_me', arguments: {} })
  expect(denied.isError).toBe(true)
  expect(textOf(denied)).toBe('failed to get user: GET https://api.github.com/user: 401 Bad credentials []')
})
