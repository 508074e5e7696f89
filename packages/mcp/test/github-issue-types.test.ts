import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, toolCaller } from './helpers'

test("list_issue_types answers the organization's issue types, or a repository's when repo is given", async () => {
  const github = createGitHubMock({
    seed: {
      users: [{ login: 'acme', type: 'Organization' }],
      repos: [{ full_name: 'acme/app' }, { full_name: 'octocat/hello' }],
    },
  })
  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const client = await connect(createMcpServer({ github }))
  const tool = toolCaller(client)
  const call = (args: Record<string, unknown>) => tool('list_issue_types', args)
  const { data: rest } = await octokit.request('GET /orgs/{org}/issue-types', { org: 'acme' })
  const org = await call({ owner: 'acme' })
  expect(org.isError, org.text).toBe(false)
  expect(JSON.parse(org.text)).toEqual(rest)
  expect(rest.map((t) => t?.name)).toEqual(['Task', 'Bug', 'Feature'])
  expect(JSON.parse((await call({ owner: 'acme', repo: 'app' })).text)).toEqual(rest)
  expect(
    github.calls({ path: 'mcp:tools/call list_issue_types' }).map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual(['GET /orgs/acme/issue-types', 'GET /repos/acme/app/issue-types'])
  expect(await call({ owner: 'octocat' })).toEqual({
    isError: true,
    text: 'failed to list issue types: GET https://api.github.com/orgs/octocat/issue-types: 404 Not Found []',
  })
})
