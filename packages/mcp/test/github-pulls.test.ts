import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, toolCaller } from './helpers'

async function setup() {
  const github = createGitHubMock({
    seed: {
      repos: [
        {
          full_name: 'octocat/hello',
          files: { 'README.md': '# hello\n' },
          branches: { feature: { 'src/a.ts': 'a\n' } },
        },
      ],
    },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  return { github, octokit, call }
}

const o = { owner: 'octocat', repo: 'hello' }

test('update_pull_request_branch answers "Pull request branch update is in progress" for GitHub\'s 202 and merges base into head', async () => {
  const { github, octokit, call } = await setup()
  const { data: pr } = await octokit.pulls.create({ ...o, title: 'PR', head: 'feature', base: 'main' })
  await octokit.repos.createOrUpdateFileContents({
    ...o,
    path: 'docs/new.md',
    message: 'docs',
    content: Buffer.from('new\n').toString('base64'),
    branch: 'main',
  })
  const updated = await call('update_pull_request_branch', {
    ...o,
    pullNumber: pr.number,
    expectedHeadSha: pr.head.sha,
  })
  expect(updated).toEqual({ isError: false, text: 'Pull request branch update is in progress' })
  expect(
    github
      .calls({ path: 'mcp:tools/call update_pull_request_branch' })
      .map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual([`PUT /repos/octocat/hello/pulls/${pr.number}/update-branch`])
  const { data: feature } = await octokit.repos.getBranch({ ...o, branch: 'feature' })
  const { data: merge } = await octokit.repos.getCommit({ ...o, ref: feature.commit.sha })
  expect(merge.parents).toHaveLength(2)
  expect(merge.parents[0]!.sha).toBe(pr.head.sha)

  const stale = await call('update_pull_request_branch', {
    ...o,
    pullNumber: pr.number,
    expectedHeadSha: pr.head.sha,
  })
  expect(stale).toEqual({
    isError: true,
    text: `failed to update pull request branch: PUT https://api.github.com/repos/octocat/hello/pulls/${pr.number}/update-branch: 422 expected head sha didn’t match current head ref. []`,
  })
  expect(await call('update_pull_request_branch', { ...o, pullNumber: 99 })).toEqual({
    isError: true,
    text: 'failed to update pull request branch: PUT https://api.github.com/repos/octocat/hello/pulls/99/update-branch: 404 Not Found []',
  })
})
