import { createGitHubMock } from '@understudy/mock-github'
import { createSlackMock } from '@understudy/mock-slack'
import { createStripeMock } from '@understudy/mock-stripe'
import { expect, test } from 'vitest'
import githubGenerated from '../src/generated/github-tools.json' with { type: 'json' }
import slackGenerated from '../src/generated/slack-tools.json' with { type: 'json' }
import stripeGenerated from '../src/generated/stripe-tools.json' with { type: 'json' }
import { createMcpServer, unsupportedStripeTools } from '../src/index'
import { connect } from './helpers'

test('tools/list serves the official definitions verbatim: names, descriptions, input schemas, annotations', async () => {
  const client = await connect(
    createMcpServer({ github: createGitHubMock(), slack: createSlackMock(), stripe: createStripeMock() }),
  )
  const { tools } = await client.listTools()
  const served = new Map(tools.map((tool) => [tool.name, tool]))
  const expected = [
    ...githubGenerated.tools,
    ...slackGenerated.tools,
    ...stripeGenerated.tools.filter((t) => !(unsupportedStripeTools as readonly string[]).includes(t.name)),
  ]
  expect([...served.keys()].sort()).toEqual(expected.map((t) => t.name).sort())
  for (const tool of expected) expect(served.get(tool.name)).toEqual(tool)
})

test('the generated files name the release they mirror', () => {
  expect(githubGenerated.source).toMatchObject({ repository: 'github/github-mcp-server', release: 'v1.10.1' })
  expect(githubGenerated.source.commit).toMatch(/^[0-9a-f]{40}$/)
  expect(stripeGenerated.source).toMatchObject({ package: '@stripe/agent-toolkit', release: '0.7.12' })
  expect(slackGenerated.source).toMatchObject({
    package: '@modelcontextprotocol/server-slack',
    release: '2025.4.25',
  })
})

test('the GitHub tools cover the default toolsets: issues, comments, labels, pull requests, contents, search', () => {
  const names = githubGenerated.tools.map((t) => t.name)
  for (const name of [
    'issue_read',
    'issue_write',
    'add_issue_comment',
    'list_issues',
    'get_label',
    'label_write',
    'list_pull_requests',
    'pull_request_read',
    'create_pull_request',
    'get_file_contents',
    'search_issues',
    'search_repositories',
    'search_code',
    'search_users',
    'get_me',
    'delete_file',
    'push_files',
    'list_commits',
    'get_commit',
    'list_tags',
    'get_tag',
    'list_releases',
    'get_latest_release',
    'get_release_by_tag',
    'create_repository',
    'fork_repository',
    'update_pull_request_branch',
    'list_issue_types',
    'list_issue_fields',
    'get_teams',
    'get_team_members',
    'list_repository_collaborators',
    'add_reply_to_pull_request_comment',
    'pull_request_review_write',
    'add_comment_to_pending_review',
  ]) {
    expect(names).toContain(name)
  }
})

test('a server only lists the tools of the mocks it was given', async () => {
  const client = await connect(createMcpServer({ slack: createSlackMock() }))
  const { tools } = await client.listTools()
  expect(tools.map((t) => t.name).sort()).toEqual(slackGenerated.tools.map((t) => t.name).sort())
})

test('bad options are typed errors that say how to fix them', () => {
  expect(() => createMcpServer({})).toThrow(
    /names no mock.*For example: createMcpServer\(\{ github, slack \}\)/,
  )
  expect(() => createMcpServer({ github: {} as never })).toThrow(/must be an Understudy mock/)
  expect(() => createMcpServer({ jira: createGitHubMock() } as never)).toThrow(
    /not a service with an MCP stand-in/,
  )
})
