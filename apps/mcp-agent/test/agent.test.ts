import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { Octokit } from '@octokit/rest'
import { WebClient } from '@slack/web-api'
import { createUnderstudyServer } from '@understudy/cli'
import { createMcpServer } from '@understudy/mcp'
import { createGitHubMock } from '@understudy/mock-github'
import { createOpenAIMock } from '@understudy/mock-openai'
import { createSlackMock } from '@understudy/mock-slack'
import { setupServer } from 'msw/node'
import OpenAI from 'openai'
import { expect, onTestFinished, test } from 'vitest'
import { runAgent } from '../src/index'

const seed = {
  github: { repos: [{ full_name: 'octo/hello' }] },
  slack: { channels: [{ name: 'releases' }], users: [{ name: 'ada' }] },
}

// What the scripted model does: open an issue through the GitHub MCP server, announce it through the
// Slack one, then answer.
const script = [
  {
    toolCalls: [
      {
        name: 'issue_write',
        arguments: {
          method: 'create',
          owner: 'octo',
          repo: 'hello',
          title: 'Release 1.2 blocked',
          labels: ['release'],
        },
      },
    ],
  },
  {
    toolCalls: [
      {
        name: 'slack_post_message',
        arguments: { channel_id: 'releases', text: 'Release 1.2 is blocked: octo/hello#1' },
      },
    ],
  },
  { content: 'Opened octo/hello#1 and told #releases.' },
]
const task = 'Release 1.2 is blocked by a crash: track it and tell the team.'

test('in-process: the agent’s MCP tool calls land in mock-github and mock-slack', async () => {
  const github = createGitHubMock({ seed: seed.github })
  const slack = createSlackMock({ seed: seed.slack })
  const llm = createOpenAIMock()
  const msw = setupServer(...llm.handlers, ...slack.handlers)
  msw.listen({ onUnhandledFrame: 'error' })
  onTestFinished(() => msw.close())

  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  await createMcpServer({ github, slack }).connect(serverSide)
  const mcp = new Client({ name: 'mcp-agent', version: '0.0.0' })
  await mcp.connect(clientSide)
  onTestFinished(() => mcp.close())

  llm.reply(script)
  const run = await runAgent(task, {
    openai: new OpenAI({ apiKey: 'sk-test', maxRetries: 0 }),
    servers: [mcp],
  })
  expect(run.answer).toBe('Opened octo/hello#1 and told #releases.')
  expect(run.toolCalls.map((c) => [c.name, c.isError])).toEqual([
    ['issue_write', false],
    ['slack_post_message', false],
  ])

  const octokit = new Octokit({ auth: 'ghp_test', request: { fetch: github.fetch } })
  const { data: issue } = await octokit.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
  expect(issue).toMatchObject({ title: 'Release 1.2 blocked', labels: [{ name: 'release' }] })
  const web = new WebClient('xoxb-test', { retryConfig: { retries: 0 } })
  const channel = (await web.conversations.list()).channels!.find((c) => c.name === 'releases')!
  const history = await web.conversations.history({ channel: channel.id! })
  expect(history.messages?.map((m) => m.text)).toEqual(['Release 1.2 is blocked: octo/hello#1'])
  // The model was offered the official tools, with their schemas.
  const offered = (llm.requests[0]!.body as { tools: Array<{ function: { name: string } }> }).tools
  expect(offered.map((t) => t.function.name)).toEqual(
    expect.arrayContaining(['issue_write', 'slack_post_message']),
  )
})

test('over HTTP: the same agent against `understudy serve` (/openai, /mcp/github, /mcp/slack), in its own partition', async () => {
  const server = await createUnderstudyServer({ port: 0, seed })
  onTestFinished(() => server.close())
  const connect = async (service: string, token: string) => {
    const client = new Client({ name: 'mcp-agent', version: '0.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp/${service}`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    )
    onTestFinished(() => client.close())
    return client
  }
  const servers = [await connect('github', 'ghp_agent'), await connect('slack', 'xoxb-agent')]
  const replies = await fetch(`${server.url}/_understudy/openai/replies`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-agent', 'content-type': 'application/json' },
    body: JSON.stringify(script),
  })
  expect(replies.status).toBeLessThan(300)

  const openai = new OpenAI({ apiKey: 'sk-agent', baseURL: `${server.url}/openai/v1`, maxRetries: 0 })
  const run = await runAgent(task, { openai, servers })
  expect(run.answer).toBe('Opened octo/hello#1 and told #releases.')

  const octokit = new Octokit({ auth: 'ghp_agent', baseUrl: `${server.url}/github` })
  const { data: issues } = await octokit.issues.listForRepo({ owner: 'octo', repo: 'hello' })
  expect(issues.map((i) => i.title)).toEqual(['Release 1.2 blocked'])
  const web = new WebClient('xoxb-agent', {
    slackApiUrl: `${server.url}/slack/api/`,
    retryConfig: { retries: 0 },
  })
  const channel = (await web.conversations.list()).channels!.find((c) => c.name === 'releases')!
  expect((await web.conversations.history({ channel: channel.id! })).messages?.map((m) => m.text)).toEqual([
    'Release 1.2 is blocked: octo/hello#1',
  ])
  const { requests } = await (await fetch(`${server.url}/_understudy/requests`)).json()
  expect(
    requests
      .filter((r: { path: string }) => r.path.startsWith('mcp:'))
      .map((r: { path: string; partition: string }) => `${r.partition} ${r.path}`),
  ).toEqual(['ghp_agent mcp:tools/call issue_write', 'xoxb-agent mcp:tools/call slack_post_message'])
})
