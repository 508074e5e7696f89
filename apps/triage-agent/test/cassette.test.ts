import { join } from 'node:path'
import { createUnderstudyServer, type UnderstudyServer } from '@understudy/cli'
import { resolveRecordMode, withCassette } from '@understudy/core'
import { createWebhookRequest } from '@understudy/mock-github'
import { expect, test } from 'vitest'
import { createTriageAgent } from '../src/agent'
import { createClients } from '../src/clients'
import { DEMO, demoSeed, sandboxConfig } from '../src/demo'
import type { TriageResult } from '../src/triage'
import { llmAnswer, makePayingCustomer } from './helpers'

// The happy path, recorded once from `understudy serve` acting as the live APIs and committed under
// cassettes/. CI (CI=true) and plain runs replay it with mode `none`: nothing reaches the network.
// Re-record with: UNDERSTUDY_RECORD_MODE=all pnpm vitest run test/cassette.test.ts
const LIVE = 'http://127.0.0.1:4010'
const dir = join(import.meta.dirname, 'cassettes')
const mode = resolveRecordMode('none')

const issue = {
  number: 1,
  title: 'Checkout page returns 500',
  body: 'Since this morning every checkout fails with a 500.',
  user: { login: DEMO.author.login },
  html_url: `https://github.com/${DEMO.repo.owner}/${DEMO.repo.name}/issues/1`,
}

async function startLiveStandIn(): Promise<UnderstudyServer> {
  const seed = {
    ...demoSeed,
    github: {
      ...demoSeed.github,
      repos: [{ ...demoSeed.github.repos[0]!, issues: [{ title: issue.title, body: issue.body }] }],
    },
  }
  const server = await createUnderstudyServer({ port: 4010, seed })
  const clients = createClients(sandboxConfig(server.url))
  await makePayingCustomer(clients)
  const openai = server.mocks.openai as unknown as {
    reply(arg: unknown, options: { partition: string }): void
  }
  openai.reply(
    { content: llmAnswer('P2', ['bug'], 'Thanks! Checkout errors are a priority for us.') },
    { partition: DEMO.openaiKey },
  )
  return server
}

test(`the happy path, replayed from a cassette (mode ${mode})`, async () => {
  const live = mode === 'none' ? undefined : await startLiveStandIn()
  try {
    const result = await withCassette('happy-path', { dir, mode: 'none' }, async () => {
      // Clients are made inside the cassette: openai-node captures fetch when it is constructed.
      const clients = createClients(sandboxConfig(LIVE))
      const agent = createTriageAgent(clients, {
        webhookSecret: DEMO.webhookSecret,
        model: 'gpt-4o-mini',
        slackChannel: DEMO.channel,
      })
      const request = await createWebhookRequest({
        secret: DEMO.webhookSecret,
        event: 'issues',
        payload: {
          action: 'opened',
          issue,
          repository: { name: DEMO.repo.name, owner: { login: DEMO.repo.owner } },
        },
      })
      const response = await agent.fetch(request)
      expect(response.status).toBe(200)
      return (await response.json()) as TriageResult
    })
    expect(result).toMatchObject({
      priority: 'P1',
      labels: ['bug', 'P1'],
      payingCustomer: true,
      steps: { llm: 'model', customer: 'paying', labels: 'ok', comment: 'ok', slack: 'ok' },
      errors: [],
    })
  } finally {
    await live?.close()
  }
})
