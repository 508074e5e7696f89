import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { Octokit } from '@octokit/rest'
import { github as githubSignature } from '@understudy/signature-utils'
import { testdir } from '@understudy/test-utils'
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFinished, test } from 'vitest'
import { createUnderstudyServer, type UnderstudyServer } from '../src/index'
import { requireBin, runBin } from './helpers/cli'
import { startReceiver } from './helpers/receiver'

// `understudy serve` at /mcp/<service> over Streamable HTTP, driven by the official MCP SDK client.

let server: UnderstudyServer
beforeAll(async () => {
  server = await createUnderstudyServer({
    port: 0,
    seed: {
      github: { repos: [{ full_name: 'octo/hello' }] },
      slack: { channels: [{ name: 'triage' }], users: [{ name: 'ada' }] },
    },
  })
})
afterAll(() => server?.close())
beforeEach(() => server.app.reset())

async function mcpClient(service: string, token: string): Promise<Client> {
  const client = new Client({ name: 'understudy-test', version: '0.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp/${service}`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  )
  onTestFinished(() => client.close())
  return client
}

const text = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0]!.text

test('/mcp/github: an issue created by a tool call is returned by Octokit, fires the signed delivery, shows in the admin log', async () => {
  const receiver = await startReceiver()
  onTestFinished(() => receiver.close())
  const gh = new Octokit({ auth: 'ghp_mcp', baseUrl: `${server.url}/github` })
  await gh.rest.repos.createWebhook({
    owner: 'octo',
    repo: 'hello',
    config: { url: `${receiver.url}/hooks`, secret: 'whsec_test', content_type: 'json' },
    events: ['issues'],
  })
  const client = await mcpClient('github', 'ghp_mcp')
  const result = await client.callTool({
    name: 'issue_write',
    arguments: { method: 'create', owner: 'octo', repo: 'hello', title: 'Over MCP' },
  })
  expect(result.isError, text(result)).toBeFalsy()

  const { data: issues } = await gh.rest.issues.listForRepo({ owner: 'octo', repo: 'hello' })
  expect(issues.map((i) => i.title)).toEqual(['Over MCP'])
  // Another bearer is another partition.
  const other = new Octokit({ auth: 'ghp_other', baseUrl: `${server.url}/github` })
  expect((await other.rest.issues.listForRepo({ owner: 'octo', repo: 'hello' })).data).toEqual([])

  await server.app.settled()
  const [delivery] = receiver.received.filter((r) => r.headers['x-github-event'] === 'issues')
  expect(JSON.parse(delivery!.body)).toMatchObject({ action: 'opened', issue: { title: 'Over MCP' } })
  expect(
    await githubSignature.verify(
      'whsec_test',
      delivery!.body,
      delivery!.headers['x-hub-signature-256'] as string,
    ),
  ).toBe(true)

  const { requests } = await (await fetch(`${server.url}/_understudy/requests`)).json()
  expect(requests.filter((r: { path: string }) => r.path.startsWith('mcp:'))).toMatchObject([
    { service: 'github', partition: 'ghp_mcp', path: 'mcp:tools/call issue_write', status: 201 },
  ])
})

test('/mcp/slack and /mcp/stripe serve their tools; a missing bearer or unknown service is a clear error', async () => {
  const slack = await mcpClient('slack', 'xoxb-mcp')
  const posted = await slack.callTool({
    name: 'slack_post_message',
    arguments: { channel_id: 'triage', text: 'hi' },
  })
  expect(JSON.parse(text(posted))).toMatchObject({ ok: true, message: { text: 'hi' } })
  const stripe = await mcpClient('stripe', 'sk_test_mcp')
  const customer = JSON.parse(
    text(await stripe.callTool({ name: 'create_customer', arguments: { name: 'Ada' } })),
  )
  expect(customer.id).toMatch(/^cus_/)

  const anonymous = await fetch(`${server.url}/mcp/github`, { method: 'POST', body: '{}' })
  expect(anonymous.status).toBe(401)
  expect((await anonymous.json()).error).toMatch(
    /needs an Authorization bearer.*For example: Authorization: Bearer ghp_test/,
  )
  const unknown = await fetch(`${server.url}/mcp/jira`, { method: 'POST', body: '{}' })
  expect(unknown.status).toBe(404)
  expect((await unknown.json()).error).toMatch(/MCP servers: \/mcp\/github, \/mcp\/slack, \/mcp\/stripe/)
})

describe('understudy mcp <service> on stdio (the built binary, spawned by the SDK client)', () => {
  async function spawnClient(args: string[]): Promise<Client> {
    const client = new Client({ name: 'understudy-test', version: '0.0.0' })
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [requireBin(), 'mcp', ...args],
        stderr: 'pipe',
      }),
    )
    onTestFinished(() => client.close())
    return client
  }

  test('standalone, seeded from a file: the tool calls act on its own mock', async () => {
    const dir = await testdir({
      'seed.json': JSON.stringify({ github: { repos: [{ full_name: 'octo/hello' }] } }),
    })
    const client = await spawnClient(['github', '--seed', dir.join('seed.json')])
    const created = await client.callTool({
      name: 'issue_write',
      arguments: { method: 'create', owner: 'octo', repo: 'hello', title: 'On stdio' },
    })
    expect(JSON.parse(text(created))).toMatchObject({ url: 'https://github.com/octo/hello/issues/1' })
    const read = await client.callTool({
      name: 'issue_read',
      arguments: { method: 'get', owner: 'octo', repo: 'hello', issue_number: 1 },
    })
    expect(JSON.parse(text(read))).toMatchObject({ title: 'On stdio', state: 'open' })
  })

  test('--server bridges to a running server: its partition, its state, its log', async () => {
    const client = await spawnClient(['github', '--server', server.url, '--token', 'ghp_bridge'])
    const created = await client.callTool({
      name: 'issue_write',
      arguments: { method: 'create', owner: 'octo', repo: 'hello', title: 'Bridged' },
    })
    expect(created.isError, text(created)).toBeFalsy()
    const gh = new Octokit({ auth: 'ghp_bridge', baseUrl: `${server.url}/github` })
    expect(
      (await gh.rest.issues.listForRepo({ owner: 'octo', repo: 'hello' })).data.map((i) => i.title),
    ).toEqual(['Bridged'])
    expect(
      server.mocks.github!.calls({ path: 'mcp:tools/call issue_write', partition: 'ghp_bridge' }),
    ).toHaveLength(1)
  })

  test('a wrong service is a usage error that lists the services', () => {
    const result = runBin(['mcp', 'jira'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/understudy mcp takes one service: github, slack, stripe \(got "jira"\)/)
  })
})
