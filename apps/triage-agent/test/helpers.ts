import { Octokit } from '@octokit/rest'
import { useMocks as serveMocks } from '@understudy/core/vitest'
import { createAnthropicMock } from '@understudy/mock-anthropic'
import { createGeminiMock } from '@understudy/mock-gemini'
import { createGitHubMock, createWebhookRequest } from '@understudy/mock-github'
import { createOpenAIMock } from '@understudy/mock-openai'
import { createSlackMock } from '@understudy/mock-slack'
import { createStripeMock } from '@understudy/mock-stripe'
import { createTriageAgent, type TriageAgent } from '../src/agent'
import { createClients, type TriageClients } from '../src/clients'
import type { TriageConfig } from '../src/config'
import { DEMO, demoSeed } from '../src/demo'

/** The agent's configuration against the real hosts, which msw answers with the mocks. */
export const inProcessConfig: TriageConfig = {
  port: 0,
  webhookSecret: DEMO.webhookSecret,
  github: { token: DEMO.githubToken, baseUrl: 'https://api.github.com' },
  openai: {
    apiKey: DEMO.openaiKey,
    baseURL: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    maxRetries: 2,
  },
  anthropic: {
    apiKey: 'sk-ant-test',
    baseURL: 'https://api.anthropic.com',
    model: 'claude-haiku-4-5',
    maxRetries: 2,
  },
  gemini: {
    apiKey: 'gemini-test',
    baseUrl: 'https://generativelanguage.googleapis.com',
    model: 'gemini-2.5-flash',
  },
  slack: { token: DEMO.slackToken, apiUrl: 'https://slack.com/api/', channel: DEMO.channel },
  stripe: { secretKey: DEMO.stripeKey },
}

/** The mocks in-process (the three LLM providers included), behind one msw server, reset after every test. */
export function useMocks() {
  const mocks = {
    github: createGitHubMock({ seed: demoSeed.github }),
    slack: createSlackMock({ seed: demoSeed.slack }),
    stripe: createStripeMock(),
    openai: createOpenAIMock(),
    anthropic: createAnthropicMock(),
    gemini: createGeminiMock(),
  }
  serveMocks(mocks.github, mocks.slack, mocks.stripe, mocks.openai, mocks.anthropic, mocks.gemini)
  return mocks
}

export interface Harness {
  clients: TriageClients
  agent: TriageAgent
  /** Opens an issue through Octokit and returns the signed `issues.opened` delivery for it. */
  openIssue(title: string, body?: string): Promise<Request>
}

/**
 * Clients and agent for one test. Made inside the test, after msw listens: openai-node captures
 * `fetch` when it is constructed.
 */
export function createHarness(config: Partial<TriageConfig> = {}): Harness {
  const full = { ...inProcessConfig, ...config }
  const clients = createClients(full)
  const agent = createTriageAgent(clients, {
    webhookSecret: full.webhookSecret,
    model: full.openai.model,
    slackChannel: full.slack.channel,
  })
  const octokit = new Octokit({ auth: DEMO.githubToken })
  return {
    clients,
    agent,
    async openIssue(title, body = '') {
      const { owner, name: repo } = DEMO.repo
      const { data: issue } = await octokit.issues.create({ owner, repo, title, body })
      const { data: repository } = await octokit.repos.get({ owner, repo })
      return createWebhookRequest({
        secret: DEMO.webhookSecret,
        event: 'issues',
        payload: { action: 'opened', issue, repository, sender: issue.user },
      })
    },
  }
}

/** Makes the demo author a paying Stripe customer (an active subscription). */
export async function makePayingCustomer(clients: TriageClients): Promise<void> {
  const customer = await clients.stripe.customers.create({
    email: DEMO.author.email,
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  })
  const price = await clients.stripe.prices.create({
    currency: 'usd',
    unit_amount: 2000,
    recurring: { interval: 'month' },
    product_data: { name: 'Pro' },
  })
  await clients.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })
}

export const llmAnswer = (priority: string, labels = ['bug'], comment = 'Thanks, looking into it.') =>
  JSON.stringify({ labels, priority, comment })
