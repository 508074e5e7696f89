import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { Octokit } from '@octokit/rest'
import { WebClient } from '@slack/web-api'
import { type TestDir, testdir } from '@understudy/test-utils'
import OpenAI from 'openai'
import type { Browser, Page } from 'playwright-core'
import Stripe from 'stripe'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createUnderstudyServer, type UnderstudyServer } from '../src/index'
import { launchChromium } from './helpers/browser'
import { startReceiver } from './helpers/receiver'

// The dashboard in a real headless Chromium: it loads, follows the live feed, and shows what the
// SDKs did. Screenshots go to packages/cli/artifacts/ (git-ignored) for people to look at.

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts')
const quiet = { debug() {}, info() {}, warn() {}, error() {} }

let browser: Browser
let server: UnderstudyServer
let receiver: Awaited<ReturnType<typeof startReceiver>>
let cassettes: TestDir
beforeAll(async () => {
  browser = await launchChromium()
  receiver = await startReceiver()
  const recordedAt = new Date(Date.now() - 3 * 86_400_000).toISOString()
  cassettes = await testdir({
    'github/triage.json': JSON.stringify({
      format: 'understudy-cassette',
      version: 1,
      name: 'github/triage',
      expiresIn: '30d',
      interactions: [
        {
          recordedAt,
          request: { method: 'GET', url: 'https://api.github.com/zen', headers: {} },
          response: {
            status: 200,
            headers: { 'content-type': 'text/plain' },
            body: { text: 'Keep it logically awesome.' },
          },
        },
      ],
    }),
    'openai/old.json': JSON.stringify({
      format: 'understudy-cassette',
      version: 1,
      name: 'openai/old',
      expiresIn: '1d',
      interactions: [
        {
          recordedAt,
          request: { method: 'GET', url: 'https://api.openai.com/v1/models', headers: {} },
          response: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: { json: { data: [] } },
          },
        },
      ],
    }),
  })
  server = await createUnderstudyServer({
    port: 0,
    cassetteDir: cassettes.path,
    replay: [cassettes.join('github/triage.json')],
    seed: {
      github: {
        repos: [
          {
            full_name: 'octo/hello',
            issues: [
              { title: 'Crash on empty config', labels: ['bug'] },
              { title: 'Document the retry policy', labels: ['documentation'] },
            ],
          },
        ],
      },
      slack: { channels: [{ name: 'triage' }, { name: 'general' }], users: [{ name: 'ada' }] },
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await receiver?.close()
  await cassettes?.rm()
})

async function openDashboard(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(`${server.url}/`)
  await page.locator('#live.on').waitFor()
  return { page, errors }
}

test('an MCP tool call appears live as the tool call, with the REST request it made', async () => {
  const { page } = await openDashboard()
  const client = new Client({ name: 'dashboard-test', version: '0.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp/github`), {
      requestInit: { headers: { authorization: 'Bearer ghp_mcp_123' } },
    }),
  )
  try {
    await client.callTool({
      name: 'issue_read',
      arguments: { method: 'get', owner: 'octo', repo: 'hello', issue_number: 1 },
    })
  } finally {
    await client.close()
  }
  const row = page.locator('#requests tbody tr[data-path="mcp:tools/call issue_read"]')
  await row.waitFor()
  expect(await row.locator('.path').textContent()).toBe(
    'mcp:tools/call issue_read \u2192 GET /repos/octo/hello/issues/1',
  )
})

test('a call to an endpoint GitHub has and the mock lacks is flagged unimplemented, not shown as a 404', async () => {
  const { page, errors } = await openDashboard()
  const octokit = new Octokit({ auth: 'ghp_gap_123', baseUrl: `${server.url}/github`, log: quiet })
  const answer = await octokit.rest.repos.listDeployments({ owner: 'octo', repo: 'hello' }).catch((e) => e)
  expect(answer.status).toBe(501)
  const row = page.locator('#requests tbody tr[data-path="/repos/octo/hello/deployments"][data-method="GET"]')
  await row.waitFor()
  expect(await row.locator('.status').textContent()).toBe('501')
  expect(await row.locator('.tag.unimplemented').textContent()).toBe('unimplemented')
  // A path GitHub does not have stays an ordinary 404, without the flag.
  await octokit.request('GET /no/such/endpoint').catch(() => {})
  const missing = page.locator('#requests tbody tr[data-path="/no/such/endpoint"]')
  await missing.waitFor()
  expect(await missing.locator('.status').textContent()).toBe('404')
  expect(await missing.locator('.tag.unimplemented').count()).toBe(0)
  expect(errors).toEqual([])
  await page.close()
})

test('a request made with Octokit appears live; clicking it shows its bodies', async () => {
  const { page, errors } = await openDashboard()
  expect(await page.title()).toBe('Understudy')
  expect(await page.locator('#services .svc').allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('github')]),
  )

  const octokit = new Octokit({ auth: 'ghp_test_123', baseUrl: `${server.url}/github`, log: quiet })
  await octokit.rest.repos.createWebhook({
    owner: 'octo',
    repo: 'hello',
    config: { url: `${receiver.url}/webhooks/github`, secret: 'whsec_test', content_type: 'json' },
    events: ['issues'],
  })
  await octokit.rest.issues.create({
    owner: 'octo',
    repo: 'hello',
    title: 'Agent opened this',
    body: 'From the dashboard test',
  })

  const row = page.locator('#requests tbody tr[data-path="/repos/octo/hello/issues"][data-method="POST"]')
  await row.waitFor()
  expect(await row.locator('.status').textContent()).toBe('201')
  expect(await row.locator('.partition').textContent()).toBe('ghp_…123')

  // Traffic from the other SDKs, so the page shows what a real session looks like.
  const slack = new WebClient('xoxb-test-123', {
    slackApiUrl: `${server.url}/slack/api/`,
    retryConfig: { retries: 0 },
  })
  const { channels } = await slack.conversations.list()
  await slack.chat.postMessage({
    channel: channels!.find((c) => c.name === 'triage')!.id!,
    text: 'Opened octo/hello#3',
  })
  // Slack answers errors as HTTP 200 with ok: false: the dashboard shows them as failures.
  await slack.chat.postMessage({ channel: 'C0NOSUCHCHAN', text: 'lost' }).catch(() => {})
  const slackFailure = page.locator('#requests tbody tr[data-path="/api/chat.postMessage"] .slack-failed')
  await slackFailure.first().waitFor()
  expect(await slackFailure.first().textContent()).toBe('200 ok:false')
  expect(
    await page
      .locator('#requests tbody tr[data-path="/api/chat.postMessage"] .tag.bad')
      .first()
      .textContent(),
  ).toBe('channel_not_found')
  await fetch(`${server.url}/_understudy/openai/replies`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test-123' },
    body: JSON.stringify([
      { content: 'bug' },
      { content: 'Thanks, labelled as a bug.' },
      { content: 'Queued for later' },
    ]),
  })
  const openai = new OpenAI({ apiKey: 'sk-test-123', baseURL: `${server.url}/openai/v1`, maxRetries: 0 })
  await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Classify: crash' }],
  })
  const stripe = new Stripe('sk_test_123', {
    host: '127.0.0.1',
    port: server.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  })
  const customer = await stripe.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace' })
  await stripe.paymentIntents.create({ amount: 4200, currency: 'usd', customer: customer.id })
  await octokit.rest.issues.get({ owner: 'octo', repo: 'hello', issue_number: 42 }).catch(() => {})
  await server.app.settled()
  await page.locator('#requests tbody tr[data-path="/v1/chat/completions"]').waitFor()

  await row.click()
  await expect.poll(() => page.locator('#detail-request-body').textContent()).toContain('Agent opened this')
  expect(await page.locator('#detail-response-body').textContent()).toContain('"number": 3')
  expect(await page.locator('#detail').textContent()).toContain('token ghp_…123')
  await mkdir(artifacts, { recursive: true })
  await page.screenshot({ path: join(artifacts, 'dashboard-requests.png') })

  await page.locator('nav.tabs button[data-tab="webhooks"]').click()
  const delivery = page.locator('#webhooks tbody tr').first()
  await delivery.waitFor()
  expect(await delivery.textContent()).toContain('delivered')
  expect(await delivery.textContent()).toContain('✓ github')
  await delivery.click()
  await page.screenshot({ path: join(artifacts, 'dashboard-webhooks.png') })

  await page.locator('nav.tabs button[data-tab="state"]').click()
  await page.locator('.partition-select[data-service="github"]').selectOption('ghp_test_123')
  await expect
    .poll(() => page.locator('.svc-card[data-service="github"]').textContent())
    .toContain('Agent opened this')
  await page.screenshot({ path: join(artifacts, 'dashboard-state.png'), fullPage: true })

  await page.locator('nav.tabs button[data-tab="cassettes"]').click()
  await page.locator('#cassettes tbody tr').nth(1).waitFor()
  const rows = await page.locator('#cassettes tbody tr').allTextContents()
  expect(rows[0]).toMatch(/github\/triage.*replaying.*1.*3 d ago.*expires in 27 d.*ok/)
  expect(rows[1]).toMatch(/openai\/old.*expired 2 d ago.*expired/)
  await page.screenshot({ path: join(artifacts, 'dashboard-cassettes.png') })

  expect(errors).toEqual([])
  await page.close()

  // The same page in a browser set to dark mode.
  const dark = await browser.newPage({ viewport: { width: 1440, height: 860 }, colorScheme: 'dark' })
  await dark.goto(`${server.url}/`)
  await dark.locator('#requests tbody tr').first().waitFor()
  await dark.locator('#requests tbody tr[data-path="/v1/chat/completions"]').click()
  await dark.screenshot({ path: join(artifacts, 'dashboard-dark.png') })
  await dark.close()
}, 60_000)
