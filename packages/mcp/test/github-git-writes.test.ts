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
        { full_name: 'octo/hello', files: { 'README.md': '# hello\n', 'docs/guide.md': 'guide\n' } },
        { full_name: 'octo/empty' },
      ],
      hooks: [{ repo: 'octo/hello', url: 'http://127.0.0.1:9/hooks', secret: 'whsec_test' }],
    },
    webhooks: { transport: hook.transport },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  const read = async (repo: string, path: string, ref?: string) => {
    const { data } = await octokit.repos.getContent({ owner: 'octo', repo, path, ...(ref ? { ref } : {}) })
    return Buffer.from((data as { content: string }).content, 'base64').toString('utf8')
  }
  return { github, octokit, call, hook, read }
}

const o = { owner: 'octo', repo: 'hello' }

test('delete_file commits the deletion through the Git data API and answers { commit, content: null }', async () => {
  const { github, octokit, call, hook } = await setup()
  const before = (await octokit.repos.getBranch({ ...o, branch: 'main' })).data.commit.sha
  const deleted = await call('delete_file', {
    ...o,
    path: 'docs/guide.md',
    message: 'Drop guide',
    branch: 'main',
  })
  expect(deleted.isError, deleted.text).toBe(false)
  const answer = JSON.parse(deleted.text)
  expect(answer).toEqual({
    commit: expect.objectContaining({
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      message: 'Drop guide',
      parents: [expect.objectContaining({ sha: before })],
      tree: expect.objectContaining({ sha: expect.any(String) }),
    }),
    content: null,
  })
  expect((await octokit.repos.getBranch({ ...o, branch: 'main' })).data.commit.sha).toBe(answer.commit.sha)
  const gone = await octokit.repos.getContent({ ...o, path: 'docs/guide.md' }).catch((e) => e)
  expect(gone.status).toBe(404)

  await github.webhooks.settled()
  const push = hook.received.find((r) => r.headers.get('x-github-event') === 'push')!
  expect(JSON.parse(await push.clone().text())).toMatchObject({
    before,
    after: answer.commit.sha,
    commits: [{ message: 'Drop guide', removed: ['docs/guide.md'] }],
  })
  expect(
    github.calls({ path: 'mcp:tools/call delete_file' }).map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual([
    'GET /repos/octo/hello/git/ref/heads/main',
    `GET /repos/octo/hello/git/commits/${before}`,
    'POST /repos/octo/hello/git/trees',
    'POST /repos/octo/hello/git/commits',
    'PATCH /repos/octo/hello/git/refs/heads/main',
  ])

  const missing = await call('delete_file', { ...o, path: 'README.md', message: 'x', branch: 'nope' })
  expect(missing).toEqual({
    isError: true,
    text: 'failed to get branch reference: GET https://api.github.com/repos/octo/hello/git/ref/heads/nope: 404 Not Found []',
  })
})

test('push_files writes several files in one commit, making the branch from the default one when absent', async () => {
  const { octokit, call, read } = await setup()
  const pushed = await call('push_files', {
    ...o,
    branch: 'main',
    message: 'Add two',
    files: [
      { path: 'src/a.ts', content: 'export const a = 1\n' },
      { path: 'README.md', content: '# hello again\n' },
    ],
  })
  expect(pushed.isError, pushed.text).toBe(false)
  const ref = JSON.parse(pushed.text)
  expect(ref).toEqual({
    ref: 'refs/heads/main',
    url: 'https://api.github.com/repos/octo/hello/git/refs/heads/main',
    object: {
      type: 'commit',
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      url: expect.stringContaining('/git/commits/'),
    },
    node_id: expect.any(String),
  })
  expect(await read('hello', 'src/a.ts')).toBe('export const a = 1\n')
  expect(await read('hello', 'README.md')).toBe('# hello again\n')
  expect(await read('hello', 'docs/guide.md')).toBe('guide\n')
  const { data: head } = await octokit.git.getCommit({ ...o, commit_sha: ref.object.sha })
  expect(head).toMatchObject({ message: 'Add two', parents: [{ sha: expect.any(String) }] })

  const branched = await call('push_files', {
    ...o,
    branch: 'feature/x',
    message: 'On a branch',
    files: [{ path: 'x.txt', content: 'x\n' }],
  })
  expect(branched.isError, branched.text).toBe(false)
  expect(JSON.parse(branched.text).ref).toBe('refs/heads/feature/x')
  expect(await read('hello', 'x.txt', 'feature/x')).toBe('x\n')
  expect(await read('hello', 'src/a.ts', 'feature/x')).toBe('export const a = 1\n')
})

test('push_files initializes an empty repository with an empty README.md first, as the official server does', async () => {
  const { call, read } = await setup()
  const pushed = await call('push_files', {
    owner: 'octo',
    repo: 'empty',
    branch: 'main',
    message: 'First files',
    files: [{ path: 'app.py', content: 'print(1)\n' }],
  })
  expect(pushed.isError, pushed.text).toBe(false)
  expect(await read('empty', 'app.py')).toBe('print(1)\n')
  expect(await read('empty', 'README.md')).toBe('')
})

test("push_files' own checks come after the branch is resolved, in the official server's words", async () => {
  const { octokit, call } = await setup()
  const noPath = await call('push_files', {
    ...o,
    branch: 'made-anyway',
    message: 'x',
    files: [{ path: '', content: 'x' }],
  })
  expect(noPath).toEqual({ isError: true, text: 'each file must have a path' })
  // The branch was created before the files were checked.
  expect((await octokit.repos.getBranch({ ...o, branch: 'made-anyway' })).status).toBe(200)
  const wrongRepo = await call('push_files', {
    owner: 'octo',
    repo: 'nope',
    branch: 'main',
    message: 'x',
    files: [{ path: 'a', content: 'a' }],
  })
  expect(wrongRepo.isError).toBe(true)
  expect(wrongRepo.text).toBe(
    'failed to create branch from default: failed to resolve default branch: failed to get repository info: GET https://api.github.com/repos/octo/nope: 404 Not Found []',
  )
})
