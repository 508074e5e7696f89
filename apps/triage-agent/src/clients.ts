import { Octokit } from '@octokit/rest'
import { WebClient } from '@slack/web-api'
import OpenAI from 'openai'
import Stripe from 'stripe'
import type { TriageConfig } from './config'

export interface TriageClients {
  octokit: Octokit
  openai: OpenAI
  slack: WebClient
  stripe: Stripe
}

/**
 * Builds the four official SDK clients from the configuration. Create them after msw's
 * `server.listen()` in in-process tests: openai-node captures `fetch` when it is constructed.
 */
export function createClients(config: TriageConfig): TriageClients {
  return {
    octokit: new Octokit({ auth: config.github.token, baseUrl: config.github.baseUrl }),
    openai: new OpenAI({
      apiKey: config.openai.apiKey,
      baseURL: config.openai.baseURL,
      maxRetries: config.openai.maxRetries,
    }),
    slack: new WebClient(config.slack.token, {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    }),
    stripe: new Stripe(config.stripe.secretKey, {
      maxNetworkRetries: 0,
      ...(config.stripe.host ? { host: config.stripe.host } : {}),
      ...(config.stripe.port ? { port: config.stripe.port } : {}),
      ...(config.stripe.protocol ? { protocol: config.stripe.protocol } : {}),
    }),
  }
}
