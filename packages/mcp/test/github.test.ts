import { Octokit } from '@octokit/rest'
import { verify } from '@octokit/webhooks-methods'
import { createGitHubMock, type GitHubMockOptions } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, receiver, textOf } from './helpers'

const seed = {
  repos: [
    {
      full_name: 'octo/hello',
      issues: [{ title: 'Crash on start', body: 'It crashes', labels: ['bug'] }],
      files: { 'README.md': '# hello\n' },
      branches: { fix: { 'fix.txt': 'fixed\n' } },
    },
  ],
}

async function setup(options: GitHubMockOptions = {}) {
  const hook = receiver()
  const github = createGitHubMock({
    seed: { ...seed, hooks: [{ repo: 'octo/hello', url: 'http://127.0.0.1:9/hooks', secret: 'whsec_test' }] },
    webhooks: { transport: hook.transport },
    ...options,
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  return { github, octokit, client, hook }
}

test('an issue created through MCP is returned by Octokit, fires the signed issues.opened delivery and is logged as the tool call', async () => {
  const { github, octokit, client, hook } = await setup()
  const result = await client.callTool({
    name: 'issue_write',
    arguments: {
      method: 'create',
      owner: 'octo',
      repo: 'hello',
      title: 'From MCP',
      body: 'via a tool',
      labels: ['bug'],
    },
  })
  expect(result.isError).toBeFalsy()
  const minimal = JSON.parse(textOf(result))
  expect(minimal).toEqual({
    id: expect.stringMatching(/^\d+$/),
    url: 'https://github.com/octo/hello/issues/2',
  })

  const { data: issue } = await octokit.issues.get({ owner: 'octo', repo: 'hello', issue_number: 2 })
  expect(issue).toMatchObject({
    id: Number(minimal.id),
    title: 'From MCP',
    body: 'via a tool',
    labels: [{ name: 'bug' }],
  })

  await github.webhooks.settled()
  const opened = hook.received.find((r) => r.headers.get('x-github-event') === 'issues')!
  const body = await opened.clone().text()
  expect(JSON.parse(body)).toMatchObject({ action: 'opened', issue: { number: 2, title: 'From MCP' } })
  expect(await verify('whsec_test', body, opened.headers.get('x-hub-signature-256')!)).toBe(true)

  const [entry] = github.calls({ path: 'mcp:tools/call issue_write' })
  expect(entry).toMatchObject({
    service: 'github',
    path: 'mcp:tools/call issue_write',
    via: { method: 'POST', path: '/repos/octo/hello/issues' },
    status: 201,
  })
  // REST requests keep their own paths.
  expect(github.calls('GET /repos/octo/hello/issues/2')).toHaveLength(1)
})

test('issue_read, add_issue_comment, list_issues and search_issues see the same world as REST', async () => {
  const { octokit, client } = await setup()
  await octokit.issues.create({ owner: 'octo', repo: 'hello', title: 'Made with REST' })
  const comment = await client.callTool({
    name: 'add_issue_comment',
    arguments: { owner: 'octo', repo: 'hello', issue_number: 2, body: 'Seen from MCP' },
  })
  expect(comment.isError).toBeFalsy()
  const { data: comments } = await octokit.issues.listComments({
    owner: 'octo',
    repo: 'hello',
    issue_number: 2,
  })
  expect(comments.map((c) => c.body)).toEqual(['Seen from MCP'])

  const read = await client.callTool({
    name: 'issue_read',
    arguments: { method: 'get', owner: 'octo', repo: 'hello', issue_number: 2 },
  })
  expect(JSON.parse(textOf(read))).toMatchObject({ number: 2, title: 'Made with REST', comments: 1 })
  // Trimmed as github-mcp-server's MinimalIssue: label names, user login, RFC 3339 times, no REST-only fields.
  const first = JSON.parse(
    textOf(
      await client.callTool({
        name: 'issue_read',
        arguments: { method: 'get', owner: 'octo', repo: 'hello', issue_number: 1 },
      }),
    ),
  )
  expect(first).toMatchObject({
    number: 1,
    state: 'open',
    labels: ['bug'],
    assignees: [],
    user: { login: expect.any(String) },
  })
  expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  expect(first).not.toHaveProperty('repository_url')

  const listed = JSON.parse(
    textOf(await client.callTool({ name: 'list_issues', arguments: { owner: 'octo', repo: 'hello' } })),
  )
  expect(listed.issues.map((i: { title: string }) => i.title).sort()).toEqual([
    'Crash on start',
    'Made with REST',
  ])

  const found = JSON.parse(
    textOf(
      await client.callTool({
        name: 'search_issues',
        arguments: { query: 'Crash', owner: 'octo', repo: 'hello' },
      }),
    ),
  )
  expect(found.items.map((i: { title: string }) => i.title)).toEqual(['Crash on start'])
})

test('labels, contents and pull requests through MCP', async () => {
  const { octokit, client } = await setup()
  const created = await client.callTool({
    name: 'label_write',
    arguments: { method: 'create', owner: 'octo', repo: 'hello', name: 'triage', color: 'ededed' },
  })
  expect(created.isError).toBeFalsy()
  const { data: label } = await octokit.issues.getLabel({ owner: 'octo', repo: 'hello', name: 'triage' })
  expect(label.color).toBe('ededed')

  const file = JSON.parse(
    textOf(
      await client.callTool({
        name: 'get_file_contents',
        arguments: { owner: 'octo', repo: 'hello', path: 'README.md' },
      }),
    ),
  )
  expect(Buffer.from(file.content, 'base64').toString()).toBe('# hello\n')

  const branch = await client.callTool({
    name: 'create_branch',
    arguments: { owner: 'octo', repo: 'hello', branch: 'feature' },
  })
  expect(branch.isError, textOf(branch)).toBeFalsy()
  const { data: branches } = await octokit.repos.listBranches({ owner: 'octo', repo: 'hello' })
  expect(branches.map((b) => b.name)).toContain('feature')
  const pr = await client.callTool({
    name: 'create_pull_request',
    arguments: { owner: 'octo', repo: 'hello', title: 'Fix it', head: 'fix', base: 'main' },
  })
  expect(pr.isError, textOf(pr)).toBeFalsy()
  const { data: pulls } = await octokit.pulls.list({ owner: 'octo', repo: 'hello' })
  expect(pulls.map((p) => p.title)).toEqual(['Fix it'])
})

test('failures are isError results with the official server wording, never protocol errors', async () => {
  const { client } = await setup()
  const missing = await client.callTool({
    name: 'issue_write',
    arguments: { method: 'create', owner: 'octo', repo: 'nope', title: 'x' },
  })
  expect(missing.isError).toBe(true)
  expect(textOf(missing)).toBe(
    'failed to create issue: POST https://api.github.com/repos/octo/nope/issues: 404 Not Found []',
  )

  const noOwner = await client.callTool({
    name: 'issue_read',
    arguments: { method: 'get', repo: 'hello', issue_number: 1 },
  })
  expect(noOwner).toMatchObject({ isError: true, content: [{ text: 'missing required parameter: owner' }] })

  const badType = await client.callTool({
    name: 'issue_read',
    arguments: { method: 'get', owner: 'octo', repo: 'hello', issue_number: '1' },
  })
  expect(textOf(badType)).toBe('parameter issue_number is not of type number, is string')
})

test('mock faults reach tool results as the official server reports them', async () => {
  const { github, client } = await setup()
  const args = { method: 'create', owner: 'octo', repo: 'hello', title: 'x' }
  github.fail({ path: '/repos/:owner/:repo/issues', method: 'POST', status: 500, message: 'Server Error' })
  const failed = await client.callTool({ name: 'issue_write', arguments: args })
  expect(failed.isError).toBe(true)
  expect(textOf(failed)).toMatch(
    /^failed to create issue: POST https:\/\/api\.github\.com\/repos\/octo\/hello\/issues: 500 Server Error/,
  )

  github.fail({ path: '/repos/:owner/:repo/issues', method: 'POST', rateLimit: { retryAfter: 60 } })
  const limited = await client.callTool({ name: 'issue_write', arguments: args })
  expect(textOf(limited)).toMatch(/^failed to create issue: GitHub (secondary )?rate limit exceeded\./)

  github.fail({ path: '/repos/:owner/:repo/issues', method: 'POST', drop: true })
  const dropped = await client.callTool({ name: 'issue_write', arguments: args })
  expect(dropped).toMatchObject({ isError: true })
  expect(textOf(dropped)).toBe(
    'failed to create issue: Post "https://api.github.com/repos/octo/hello/issues": EOF',
  )
  expect(github.calls({ path: 'mcp:tools/call issue_write' }).map((e) => e.fault)).toEqual([
    'status',
    'rateLimit',
    'drop',
  ])
})

test('bad credentials and latency: the tool result says what GitHub said; latency is logged on the tool call', async () => {
  const delays: number[] = []
  const github = createGitHubMock({
    seed,
    tokens: 'known',
    sleep: async (ms) => {
      delays.push(ms)
    },
  })
  const refused = await connect(createMcpServer({ github }, { credential: 'ghp_unknown' }))
  const denied = await refused.callTool({
    name: 'issue_write',
    arguments: { method: 'create', owner: 'octo', repo: 'hello', title: 'x' },
  })
  expect(denied.isError).toBe(true)
  expect(textOf(denied)).toBe(
    'failed to create issue: POST https://api.github.com/repos/octo/hello/issues: 401 Bad credentials []',
  )

  const anyToken = createGitHubMock({ seed, sleep: async (ms) => void delays.push(ms) })
  const client = await connect(createMcpServer({ github: anyToken }))
  anyToken.fail({ path: '/repos/:owner/:repo/issues/:number', latency: 250 })
  const slow = await client.callTool({
    name: 'issue_read',
    arguments: { method: 'get', owner: 'octo', repo: 'hello', issue_number: 1 },
  })
  expect(slow.isError).toBeFalsy()
  expect(delays).toEqual([250])
  expect(anyToken.calls({ path: 'mcp:tools/call issue_read' })).toMatchObject([
    { fault: 'latency', delayMs: 250, status: 200 },
  ])
})
