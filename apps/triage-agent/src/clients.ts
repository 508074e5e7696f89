import Anthropic from '@anthropic-ai/sdk'
import { GoogleGenAI } from '@google/genai'
import { Octokit } from '@octokit/rest'
import { WebClient } from '@slack/web-api'
import OpenAI from 'openai'
import Stripe from 'stripe'
import { ConfigError, type TriageConfig } from './config'

/** The LLM that classifies issues, with the model to ask: one of three SDKs, per `llmProvider`. */
export type LlmClient =
  | { provider: 'openai'; client: OpenAI; model: string }
  | { provider: 'anthropic'; client: Anthropic; model: string }
  | { provider: 'gemini'; client: GoogleGenAI; model: string }

export interface TriageClients {
  octokit: Octokit
  openai: OpenAI
  llm: LlmClient
  slack: WebClient
  stripe: Stripe
}

/**
 * Builds the four official SDK clients from the configuration. Create them after msw's
 * `server.listen()` in in-process tests: openai-node captures `fetch` when it is constructed.
 */
export function createClients(config: TriageConfig): TriageClients {
  const openai = new OpenAI({
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseURL,
    maxRetries: config.openai.maxRetries,
  })
  return {
    octokit: new Octokit({ auth: config.github.token, baseUrl: config.github.baseUrl }),
    openai,
    llm: llmClient(config, openai),
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

function llmClient(config: TriageConfig, openai: OpenAI): LlmClient {
  const provider = config.llmProvider ?? 'openai'
  if (provider === 'anthropic') {
    const settings = config.anthropic
    if (!settings) throw new ConfigError('llmProvider is "anthropic" but the anthropic settings are missing.')
    return {
      provider,
      model: settings.model,
      client: new Anthropic({
        apiKey: settings.apiKey,
        baseURL: settings.baseURL,
        maxRetries: settings.maxRetries,
      }),
    }
  }
  if (provider === 'gemini') {
    const settings = config.gemini
    if (!settings) throw new ConfigError('llmProvider is "gemini" but the gemini settings are missing.')
    return {
      provider,
      model: settings.model,
      client: new GoogleGenAI({ apiKey: settings.apiKey, httpOptions: { baseUrl: settings.baseUrl } }),
    }
  }
  return { provider: 'openai', client: openai, model: config.openai.model }
}
