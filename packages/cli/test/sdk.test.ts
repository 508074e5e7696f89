import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import Anthropic from '@anthropic-ai/sdk'
import { GoogleGenAI } from '@google/genai'
import { Octokit } from '@octokit/rest'
import { WebClient } from '@slack/web-api'
import { github as githubSignature, slack as slackSignature } from '@understudy/signature-utils'
import OpenAI from 'openai'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createUnderstudyServer, type UnderstudyServer } from '../src/index'
import { startReceiver } from './helpers/receiver'

// `understudy serve` driven over real HTTP by each service's official SDK, through its base-URL
// setting, and by curl as a client in another language would.

const run = promisify(execFile)
let server: UnderstudyServer

beforeAll(async () => {
  server = await createUnderstudyServer({
    port: 0,
    seed: {
      github: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'Seeded bug', labels: ['bug'] }] }] },
      slack: { channels: [{ name: 'triage' }], users: [{ name: 'ada' }] },
    },
  })
})
afterAll(() => server?.close())
beforeEach(() => server.app.reset())

const quiet = { debug() {}, info() {}, warn() {}, error() {} }
const octokit = (token = 'ghp_test') =>
  new Octokit({ auth: token, baseUrl: `${server.url}/github`, log: quiet })

describe('GitHub through Octokit (baseUrl: <url>/github)', () => {
  test('issues.get, issues.create then listForRepo, with URLs that point back at the server', async () => {
    const gh = octokit()
    const { data: seeded } = await gh.rest.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
    expect(seeded).toMatchObject({ number: 1, title: 'Seeded bug', labels: [{ name: 'bug' }] })
    const { data: created, status } = await gh.rest.issues.create({
      owner: 'octo',
      repo: 'hello',
      title: 'New',
    })
    expect(status).toBe(201)
    expect(created.url).toBe(`${server.url}/github/repos/octo/hello/issues/2`)
    const { data: list } = await gh.rest.issues.listForRepo({ owner: 'octo', repo: 'hello' })
    expect(list.map((i) => i.title)).toEqual(['New', 'Seeded bug'])
  })

  test('a missing repository is a 404 RequestError, as from api.github.com', async () => {
    await expect(octokit().rest.repos.get({ owner: 'octo', repo: 'nope' })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found' } },
    })
  })

  test('two tokens are two partitions: neither sees the other’s issues', async () => {
    await octokit('ghp_alice').rest.issues.create({ owner: 'octo', repo: 'hello', title: 'Alice only' })
    await octokit('ghp_bob').rest.issues.create({ owner: 'octo', repo: 'hello', title: 'Bob only' })
    const titles = async (token: string) =>
      (await octokit(token).rest.issues.listForRepo({ owner: 'octo', repo: 'hello' })).data.map(
        (i) => i.title,
      )
    expect(await titles('ghp_alice')).toEqual(['Alice only', 'Seeded bug'])
    expect(await titles('ghp_bob')).toEqual(['Bob only', 'Seeded bug'])
    const { requests } = await (await fetch(`${server.url}/_understudy/requests?service=github`)).json()
    expect(new Set(requests.map((r: { partition: string }) => r.partition))).toEqual(
      new Set(['ghp_alice', 'ghp_bob']),
    )
  })

  test('a repo hook gets a signed `issues` event over real HTTP when an issue is opened', async () => {
    const receiver = await startReceiver()
    try {
      const gh = octokit()
      await gh.rest.repos.createWebhook({
        owner: 'octo',
        repo: 'hello',
        config: { url: `${receiver.url}/webhooks/github`, secret: 'whsec_test', content_type: 'json' },
        events: ['issues'],
      })
      await gh.rest.issues.create({ owner: 'octo', repo: 'hello', title: 'Webhook me' })
      await server.app.settled()
      const deliveries = receiver.received.filter((r) => r.headers['x-github-event'] === 'issues')
      expect(deliveries).toHaveLength(1)
      const [delivery] = deliveries
      expect(JSON.parse(delivery!.body)).toMatchObject({ action: 'opened', issue: { title: 'Webhook me' } })
      expect(
        await githubSignature.verify(
          'whsec_test',
          delivery!.body,
          delivery!.headers['x-hub-signature-256'] as string,
        ),
      ).toBe(true)
      const { deliveries: shown } = await (await fetch(`${server.url}/_understudy/webhooks`)).json()
      expect(shown.filter((d: { event: string }) => d.event === 'issues')).toMatchObject([
        {
          status: 'delivered',
          partition: 'ghp_test',
          response: { status: 200 },
          signature: { scheme: 'github', verified: true },
        },
      ])
    } finally {
      await receiver.close()
    }
  })
})

describe('Slack through WebClient (slackApiUrl: <url>/slack/api/)', () => {
  const slack = (token = 'xoxb-test') =>
    new WebClient(token, { slackApiUrl: `${server.url}/slack/api/`, retryConfig: { retries: 0 } })

  test('chat.postMessage then conversations.history', async () => {
    const client = slack()
    const { channels } = await client.conversations.list()
    const triage = channels!.find((c) => c.name === 'triage')!
    const posted = await client.chat.postMessage({ channel: triage.id!, text: 'New issue: octo/hello#1' })
    expect(posted).toMatchObject({
      ok: true,
      channel: triage.id,
      message: { text: 'New issue: octo/hello#1' },
    })
    const history = await client.conversations.history({ channel: triage.id! })
    expect(history.messages!.map((m) => m.text)).toEqual(['New issue: octo/hello#1'])
  })

  test('POST /_understudy/slack/events sets the Request URL; messages arrive there signed', async () => {
    const receiver = await startReceiver()
    try {
      const configured = await fetch(`${server.url}/_understudy/slack/events`, {
        method: 'POST',
        body: JSON.stringify({
          requestUrl: `${receiver.url}/slack/events`,
          signingSecret: 'slack_signing_test',
        }),
      })
      expect(await configured.json()).toMatchObject({ ok: true, events: { signingSecret: '[set]' } })
      const client = slack()
      const { channels } = await client.conversations.list()
      await client.chat.postMessage({
        channel: channels!.find((c) => c.name === 'triage')!.id!,
        text: 'ping',
      })
      await server.app.settled()
      const [event] = receiver.received
      expect(JSON.parse(event!.body)).toMatchObject({
        type: 'event_callback',
        event: { type: 'message', text: 'ping' },
      })
      expect(
        await slackSignature.verify('slack_signing_test', event!.body, {
          signature: event!.headers['x-slack-signature'] as string,
          timestamp: event!.headers['x-slack-request-timestamp'] as string,
        }),
      ).toBe(true)
      const { deliveries } = await (await fetch(`${server.url}/_understudy/webhooks`)).json()
      expect(deliveries.at(-1)).toMatchObject({
        service: 'slack',
        signature: { scheme: 'slack', verified: true },
      })
    } finally {
      await fetch(`${server.url}/_understudy/slack/events`, { method: 'POST', body: '{"requestUrl":""}' })
      await receiver.close()
    }
  })

  test('POST /_understudy/slack/events with a credential configures only that partition (issue 19)', async () => {
    const receiver = await startReceiver()
    try {
      const configured = await fetch(`${server.url}/_understudy/slack/events`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-mine' },
        body: JSON.stringify({
          requestUrl: `${receiver.url}/slack/events`,
          signingSecret: 'slack_signing_test',
        }),
      })
      expect(await configured.json()).toMatchObject({ ok: true, events: { signingSecret: '[set]' } })
      for (const token of ['xoxb-other', 'xoxb-mine']) {
        const client = slack(token)
        const { channels } = await client.conversations.list()
        await client.chat.postMessage({
          channel: channels!.find((c) => c.name === 'triage')!.id!,
          text: token,
        })
      }
      await server.app.settled()
      const texts = receiver.received
        .map((r) => (JSON.parse(r.body) as { event?: { text?: string } }).event?.text)
        .filter(Boolean)
      expect(texts).toEqual(['xoxb-mine'])
    } finally {
      await receiver.close()
    }
  })

  test('an unknown channel is a Slack platform error (ok: false, channel_not_found)', async () => {
    await expect(slack().chat.postMessage({ channel: 'C_NOPE', text: 'x' })).rejects.toMatchObject({
      data: { ok: false, error: 'channel_not_found' },
    })
  })
})

describe('OpenAI through openai-node (baseURL: <url>/openai/v1)', () => {
  const openai = (apiKey = 'sk-test') =>
    new OpenAI({ apiKey, baseURL: `${server.url}/openai/v1`, maxRetries: 0 })

  test('POST /_understudy/openai/replies scripts the next reply for the caller’s key only', async () => {
    const scripted = await fetch(`${server.url}/_understudy/openai/replies`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body: JSON.stringify([{ content: 'Label it "bug".' }]),
    })
    expect(await scripted.json()).toEqual({ ok: true, partition: 'sk-test', queued: 1 })
    const ask = (key: string) =>
      openai(key).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Triage' }],
      })
    const other = await ask('sk-other')
    expect(other.choices[0]!.message.content).not.toBe('Label it "bug".')
    const mine = await ask('sk-test')
    expect(mine.choices[0]!.message.content).toBe('Label it "bug".')
  })

  test('a scripted error reaches the SDK as its APIError', async () => {
    await fetch(`${server.url}/_understudy/openai/replies`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test' },
      body: JSON.stringify({ error: { status: 429, type: 'rate_limit_exceeded', message: 'Slow down' } }),
    })
    await expect(
      openai().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toMatchObject({ status: 429, message: expect.stringContaining('Slow down') })
  })
})

describe('Anthropic through @anthropic-ai/sdk (baseURL: <url>/anthropic)', () => {
  const anthropic = (apiKey = 'sk-ant-test') =>
    new Anthropic({ apiKey, baseURL: `${server.url}/anthropic`, maxRetries: 0 })
  const ask = (key?: string) =>
    anthropic(key).messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Triage' }],
    })

  test('POST /_understudy/anthropic/replies scripts the next reply for the caller’s key only', async () => {
    const scripted = await fetch(`${server.url}/_understudy/anthropic/replies`, {
      method: 'POST',
      headers: { 'x-api-key': 'sk-ant-test', 'content-type': 'application/json' },
      body: JSON.stringify([{ content: 'Label it "bug".' }]),
    })
    expect(await scripted.json()).toEqual({ ok: true, partition: 'sk-ant-test', queued: 1 })
    expect((await ask('sk-ant-other')).content).not.toEqual([{ type: 'text', text: 'Label it "bug".' }])
    expect((await ask()).content).toEqual([{ type: 'text', text: 'Label it "bug".' }])
    const [logged] = (
      await (await fetch(`${server.url}/_understudy/requests?service=anthropic`)).json()
    ).requests.filter((r: { partition: string }) => r.partition === 'sk-ant-test')
    expect(logged).toMatchObject({ service: 'anthropic', path: '/v1/messages', status: 200 })
  })

  test('a scripted 529 reaches the SDK as Anthropic’s overloaded_error', async () => {
    await fetch(`${server.url}/_understudy/anthropic/replies`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-ant-test' },
      body: JSON.stringify({ error: { status: 529 } }),
    })
    await expect(ask()).rejects.toMatchObject({ status: 529, error: { error: { type: 'overloaded_error' } } })
  })
})

describe('Gemini through @google/genai (httpOptions.baseUrl: <url>/gemini)', () => {
  const genai = (apiKey = 'gemini-test') =>
    new GoogleGenAI({ apiKey, httpOptions: { baseUrl: `${server.url}/gemini` } })

  test('POST /_understudy/gemini/replies scripts the next reply for the caller’s key only', async () => {
    const scripted = await fetch(`${server.url}/_understudy/gemini/replies`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'gemini-test', 'content-type': 'application/json' },
      body: JSON.stringify({ toolCalls: [{ name: 'label_issue', arguments: { label: 'bug' } }] }),
    })
    expect(await scripted.json()).toEqual({ ok: true, partition: 'gemini-test', queued: 1 })
    const ask = (key?: string) =>
      genai(key).models.generateContent({ model: 'gemini-2.5-flash', contents: 'Triage' })
    expect((await ask('gemini-other')).functionCalls).toBeUndefined()
    expect((await ask()).functionCalls).toEqual([{ name: 'label_issue', args: { label: 'bug' } }])
  })
})

describe("Stripe through stripe-node (host, port, protocol: 'http'), at /v1", () => {
  const stripe = (key = 'sk_test_123') =>
    new Stripe(key, { host: '127.0.0.1', port: server.port, protocol: 'http', maxNetworkRetries: 0 })

  test('customers.create then list, at /v1 and partitioned by key', async () => {
    const customer = await stripe().customers.create({ email: 'ada@example.com' })
    expect(customer).toMatchObject({ object: 'customer', email: 'ada@example.com' })
    expect((await stripe().customers.list()).data.map((c) => c.id)).toEqual([customer.id])
    expect((await stripe('sk_test_other').customers.list()).data).toEqual([])
  })

  test('a webhook endpoint gets a signed customer.created event that stripe.webhooks verifies', async () => {
    const receiver = await startReceiver()
    try {
      const endpoint = await stripe().webhookEndpoints.create({
        url: `${receiver.url}/webhooks/stripe`,
        enabled_events: ['customer.created'],
      })
      await stripe().customers.create({ email: 'grace@example.com' })
      await server.app.settled()
      const [delivery] = receiver.received
      const event = stripe().webhooks.constructEvent(
        delivery!.body,
        delivery!.headers['stripe-signature'] as string,
        endpoint.secret!,
      )
      expect(event).toMatchObject({
        type: 'customer.created',
        data: { object: { email: 'grace@example.com' } },
      })
      const { deliveries } = await (await fetch(`${server.url}/_understudy/webhooks`)).json()
      expect(deliveries.at(-1)).toMatchObject({
        service: 'stripe',
        partition: 'sk_test_123',
        status: 'delivered',
        signature: { scheme: 'stripe', verified: true },
      })
    } finally {
      await receiver.close()
    }
  })

  test('the same API answers under /stripe/v1', async () => {
    const res = await fetch(`${server.url}/stripe/v1/customers`, {
      headers: { authorization: 'Bearer sk_test_123' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ object: 'list', data: [] })
  })
})

describe('curl, as a client in any other language', () => {
  test('GET a repository and seed through the admin API', async () => {
    await run('curl', [
      '-sf',
      '-X',
      'POST',
      '-H',
      'Authorization: token ghp_curl',
      '-H',
      'Content-Type: application/json',
      '--data',
      JSON.stringify({ github: { repos: [{ full_name: 'curl/only' }] } }),
      `${server.url}/_understudy/seed`,
    ])
    const { stdout } = await run('curl', [
      '-sf',
      '-H',
      'Authorization: token ghp_curl',
      `${server.url}/github/repos/curl/only`,
    ])
    expect(JSON.parse(stdout)).toMatchObject({
      full_name: 'curl/only',
      url: `${server.url}/github/repos/curl/only`,
    })
    const other = await run('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-H',
      'Authorization: token ghp_other',
      `${server.url}/github/repos/curl/only`,
    ])
    expect(other.stdout).toBe('404')
    const health = await run('curl', ['-sf', `${server.url}/_understudy/health`])
    expect(JSON.parse(health.stdout)).toEqual({ ok: true })
  })
})
