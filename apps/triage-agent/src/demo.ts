import { createUnderstudyServer, type UnderstudyServer } from '@understudy/cli'
import { createTriageAgent, type TriageAgent } from './agent'
import { createClients, type TriageClients } from './clients'
import type { TriageConfig } from './config'
import { serve } from './serve'

/** The demo's credentials: placeholders the sandbox accepts; each names its own state partition. */
export const DEMO = {
  githubToken: 'ghp_test',
  openaiKey: 'sk-test',
  slackToken: 'xoxb-test',
  stripeKey: 'sk_test_123',
  webhookSecret: 'whsec_test',
  repo: { owner: 'octocat', name: 'hello-world' },
  channel: '#triage',
  author: { login: 'octocat', email: 'octocat@example.com' },
} as const

export const demoSeed = {
  github: {
    users: [{ login: DEMO.author.login, name: 'The Octocat', email: DEMO.author.email }],
    repos: [
      {
        full_name: `${DEMO.repo.owner}/${DEMO.repo.name}`,
        labels: [
          { name: 'bug', color: 'd73a4a' },
          { name: 'feature', color: 'a2eeef' },
          { name: 'question', color: 'd876e3' },
          { name: 'P0', color: 'b60205' },
          { name: 'P1', color: 'd93f0b' },
          { name: 'P2', color: 'fbca04' },
          { name: 'P3', color: '0e8a16' },
        ],
      },
    ],
  },
  slack: { channels: [{ name: 'triage' }, { name: 'general' }], users: [{ name: 'triage-bot' }] },
}

export interface DemoOptions {
  /** Port for the Understudy server (0: any free port). Default 4010. */
  port?: number
  /** Port for the agent (0: any free port). Default 0. */
  agentPort?: number
  log?: (line: string) => void
}

export interface RunningDemo {
  server: UnderstudyServer
  agent: TriageAgent
  agentUrl: string
  clients: TriageClients
  config: TriageConfig
  close(): Promise<void>
}

/** The agent's configuration when it runs against the standalone server at `url`. */
export function sandboxConfig(url: string, port = 0): TriageConfig {
  const stripe = new URL(url)
  return {
    port,
    webhookSecret: DEMO.webhookSecret,
    github: { token: DEMO.githubToken, baseUrl: `${url}/github` },
    openai: { apiKey: DEMO.openaiKey, baseURL: `${url}/openai/v1`, model: 'gpt-4o-mini', maxRetries: 2 },
    slack: { token: DEMO.slackToken, apiUrl: `${url}/slack/api/`, channel: DEMO.channel },
    stripe: { secretKey: DEMO.stripeKey, host: stripe.hostname, port: Number(stripe.port), protocol: 'http' },
  }
}

/**
 * Starts the sandbox: the Understudy server with a seeded demo, the triage agent, and the
 * GitHub repository hook that points at the agent. Nothing is triaged until an issue is opened.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => {})
  const server = await createUnderstudyServer({ port: options.port ?? 4010, seed: demoSeed })
  const config = sandboxConfig(server.url)
  const clients = createClients(config)
  const agent = createTriageAgent(clients, {
    webhookSecret: config.webhookSecret,
    model: config.openai.model,
    slackChannel: config.slack.channel,
    log: (line) => log(`agent: ${line}`),
  })
  const agentServer = await serve(agent.fetch, { port: options.agentPort ?? 0 })
  const agentUrl = `${agentServer.url}/webhooks/github`

  // A paying customer: the issue author's email has an active subscription.
  const customer = await clients.stripe.customers.create({
    email: DEMO.author.email,
    name: 'The Octocat',
    payment_method: 'pm_card_visa',
    invoice_settings: { default_payment_method: 'pm_card_visa' },
  })
  const price = await clients.stripe.prices.create({
    currency: 'usd',
    unit_amount: 2000,
    recurring: { interval: 'month' },
    product_data: { name: 'Understudy Pro' },
  })
  await clients.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })

  await clients.octokit.repos.createWebhook({
    owner: DEMO.repo.owner,
    repo: DEMO.repo.name,
    events: ['issues'],
    config: { url: agentUrl, content_type: 'json', secret: DEMO.webhookSecret },
  })
  log(`agent listening on ${agentUrl}; repository hook registered on ${DEMO.repo.owner}/${DEMO.repo.name}`)

  return {
    server,
    agent,
    agentUrl,
    clients,
    config,
    async close() {
      await agentServer.close()
      await server.close()
    },
  }
}

/** What the scripted LLM answers for the demo issue (P2, raised to P1 for the paying author). */
export const demoReply = {
  labels: ['bug'],
  priority: 'P2',
  comment: 'Thanks for reporting! This looks like a bug in the login flow; we are on it.',
}

/** Opens the demo issue; the repository hook delivers `issues.opened` to the agent. */
export async function openDemoIssue(demo: RunningDemo) {
  const openai = demo.server.mocks.openai as
    | { reply?: (arg: unknown, options?: { partition?: string }) => void }
    | undefined
  openai?.reply?.({ content: JSON.stringify(demoReply) }, { partition: DEMO.openaiKey })
  const { data: issue } = await demo.clients.octokit.issues.create({
    owner: DEMO.repo.owner,
    repo: DEMO.repo.name,
    title: 'Login button does nothing on Safari',
    body: 'Clicking "Sign in" on Safari 18 does nothing. Console shows a TypeError.',
  })
  await demo.server.mocks.github?.webhooks.settled()
  return issue
}
