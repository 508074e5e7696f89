import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, receiver, toolCaller } from './helpers'

async function setup() {
  const hook = receiver()
  const github = createGitHubMock({
    seed: {
      repos: [
        {
          full_name: 'octo/hello',
          issues: [{ title: 'Epic' }, { title: 'Part A' }, { title: 'Part B' }],
          files: { 'README.md': '# hello\n', 'docs/guide.md': 'guide\n' },
        },
      ],
      hooks: [{ repo: 'octo/hello', url: 'http://127.0.0.1:9/hooks', secret: 'whsec_test' }],
    },
    webhooks: { transport: hook.transport },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  return { github, octokit, call, hook }
}

const o = { owner: 'octo', repo: 'hello' }

test('create_or_update_file writes through the contents API: a commit, a push delivery, the trimmed answer', async () => {
  const { github, octokit, call, hook } = await setup()
  const created = await call('create_or_update_file', {
    ...o,
    path: '/notes/todo.md',
    content: 'café ✓\n',
    message: 'Add todo',
    branch: 'main',
  })
  expect(created.isError, created.text).toBe(false)
  const answer = JSON.parse(created.text)
  expect(answer).toEqual({
    content: {
      name: 'todo.md',
      path: 'notes/todo.md',
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      size: 10,
      html_url: 'https://github.com/octo/hello/blob/main/notes/todo.md',
    },
    commit: {
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      message: 'Add todo',
      html_url: expect.stringContaining('/octo/hello/commit/'),
      author: { name: expect.any(String), email: expect.any(String), date: expect.any(String) },
    },
  })
  const { data: file } = await octokit.repos.getContent({ ...o, path: 'notes/todo.md' })
  expect(Buffer.from((file as { content: string }).content, 'base64').toString('utf8')).toBe('café ✓\n')
  await github.webhooks.settled?.()
  expect(hook.received.map((r) => r.headers.get('x-github-event'))).toContain('push')
  expect(github.calls({ path: 'mcp:tools/call create_or_update_file' })).not.toHaveLength(0)

  const updated = await call('create_or_update_file', {
    ...o,
    path: 'notes/todo.md',
    content: 'done\n',
    message: 'Update todo',
    branch: 'main',
    sha: answer.content.sha,
  })
  expect(updated.isError, updated.text).toBe(false)
  expect(JSON.parse(updated.text).content.sha).not.toBe(answer.content.sha)
})

test('create_or_update_file refuses as the official server does: existing file without sha, stale sha, directory, REST failure', async () => {
  const { call } = await setup()
  const base = { ...o, content: 'x', message: 'm', branch: 'main' }
  const exists = await call('create_or_update_file', { ...base, path: 'README.md' })
  expect(exists).toEqual({
    isError: true,
    text: "File already exists at README.md. You must provide the current file's SHA when updating. Use git rev-parse main:README.md to get the blob SHA, then retry with the sha parameter.",
  })
  const stale = await call('create_or_update_file', { ...base, path: 'README.md', sha: 'abc' })
  expect(stale.isError).toBe(true)
  expect(stale.text).toMatch(/^SHA mismatch: provided SHA abc is stale\. Current file SHA is [0-9a-f]{40}\./)
  const dir = await call('create_or_update_file', { ...base, path: 'docs', sha: 'abc' })
  expect(dir).toEqual({
    isError: true,
    text: 'Path docs is a directory, not a file. This tool only works with files.',
  })
  const missingRepo = await call('create_or_update_file', { ...base, repo: 'nope', path: 'a.txt' })
  expect(missingRepo.isError).toBe(true)
  expect(missingRepo.text).toMatch(
    /^failed to create\/update file: PUT https:\/\/api\.github\.com\/repos\/octo\/nope\/contents\/a\.txt: 404/,
  )
  const missingArg = await call('create_or_update_file', { ...o, path: 'a.txt', content: 'x', message: 'm' })
  expect(missingArg).toEqual({ isError: true, text: 'missing required parameter: branch' })
})

test('sub_issue_write and issue_read get_sub_issues act on mock-github sub-issues', async () => {
  const { octokit, call } = await setup()
  const id = async (n: number) => (await octokit.issues.get({ ...o, issue_number: n })).data.id
  const [a, b] = [await id(2), await id(3)]
  const added = await call('sub_issue_write', { ...o, method: 'add', issue_number: 1, sub_issue_id: a })
  expect(added.isError, added.text).toBe(false)
  expect(JSON.parse(added.text)).toMatchObject({ number: 1, sub_issues_summary: { total: 1 } })
  await call('sub_issue_write', { ...o, method: 'add', issue_number: 1, sub_issue_id: b })
  const moved = await call('sub_issue_write', {
    ...o,
    method: 'reprioritize',
    issue_number: 1,
    sub_issue_id: b,
    before_id: a,
  })
  expect(moved.isError, moved.text).toBe(false)
  const listed = await call('issue_read', { ...o, method: 'get_sub_issues', issue_number: 1 })
  expect(JSON.parse(listed.text).map((i: { title: string }) => i.title)).toEqual(['Part B', 'Part A'])
  expect((await octokit.issues.listSubIssues({ ...o, issue_number: 1 })).data.map((i) => i.id)).toEqual([
    b,
    a,
  ])

  const removed = await call('sub_issue_write', { ...o, method: 'remove', issue_number: 1, sub_issue_id: b })
  expect(JSON.parse(removed.text).sub_issues_summary).toMatchObject({ total: 1 })

  const duplicate = await call('sub_issue_write', { ...o, method: 'add', issue_number: 1, sub_issue_id: a })
  expect(duplicate.isError).toBe(true)
  expect(duplicate.text).toMatch(
    /^failed to add sub-issue: POST https:\/\/api\.github\.com\/repos\/octo\/hello\/issues\/1\/sub_issues: 422/,
  )
  expect(
    await call('sub_issue_write', { ...o, method: 'reprioritize', issue_number: 1, sub_issue_id: a }),
  ).toEqual({
    isError: true,
    text: 'either after_id or before_id must be specified',
  })
  expect(await call('sub_issue_write', { ...o, method: 'move', issue_number: 1, sub_issue_id: a })).toEqual({
    isError: true,
    text: 'unknown method: move',
  })
  const parent = await call('issue_read', { ...o, method: 'get_parent', issue_number: 2 })
  expect(parent.isError).toBe(true)
})
