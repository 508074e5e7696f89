import { createGitHubMock } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createMcpServer } from '../src/index'
import { connect, toolCaller } from './helpers'

const refused = (tool: string) => ({
  isError: true,
  text: `[understudy:mcp] ${tool} is not supported by the stand-in (mock-github has no GraphQL API)`,
})

test('get_teams, get_team_members and list_issue_fields (GraphQL in the official server) are listed and say so', async () => {
  const github = createGitHubMock({ seed: { users: [{ login: 'acme', type: 'Organization' }] } })
  const client = await connect(createMcpServer({ github }))
  const call = toolCaller(client)
  const { tools } = await client.listTools()
  expect(tools.map((t) => t.name)).toEqual(
    expect.arrayContaining(['get_teams', 'get_team_members', 'list_issue_fields']),
  )
  // Without `user`, the official server asks REST for the caller's login before its GraphQL query.
  expect(await call('get_teams', {})).toEqual(refused('get_teams'))
  expect(
    github.calls({ path: 'mcp:tools/call get_teams' }).map((c) => `${c.via?.method} ${c.via?.path}`),
  ).toEqual(['GET /user'])
  expect(await call('get_teams', { user: 'octocat' })).toEqual(refused('get_teams'))
  expect(github.calls({ path: 'mcp:tools/call get_teams' })).toHaveLength(1)
  expect(await call('get_team_members', { org: 'acme', team_slug: 'core' })).toEqual(
    refused('get_team_members'),
  )
  expect(await call('list_issue_fields', { owner: 'acme' })).toEqual(refused('list_issue_fields'))
  expect(github.calls({ path: 'mcp:tools/call get_team_members' })).toEqual([])
  expect(github.calls({ path: 'mcp:tools/call list_issue_fields' })).toEqual([])
})
