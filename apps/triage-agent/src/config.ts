/**
 * Configuration from the environment. Every service has a base-URL variable, so the same agent runs
 * against the real services, `understudy serve`, or in-process mocks.
 */
/** Which LLM classifies issues (`LLM_PROVIDER`); each has its own key, base URL and model settings. */
export type LlmProvider = 'openai' | 'anthropic' | 'gemini'
export const LLM_PROVIDERS: readonly LlmProvider[] = ['openai', 'anthropic', 'gemini']

export interface TriageConfig {
  port: number
  webhookSecret: string
  github: { token: string; baseUrl: string }
  /** Default `'openai'`. */
  llmProvider?: LlmProvider
  openai: { apiKey: string; baseURL: string; model: string; maxRetries: number }
  anthropic?: { apiKey: string; baseURL: string; model: string; maxRetries: number }
  gemini?: { apiKey: string; baseUrl: string; model: string }
  slack: { token: string; apiUrl: string; channel: string }
  stripe: { secretKey: string; host?: string; port?: number; protocol?: 'http' | 'https' }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

function required(env: NodeJS.ProcessEnv, name: string, example: string): string {
  const value = env[name]
  if (!value) throw new ConfigError(`Missing ${name}: set it in the environment, e.g. ${name}=${example}`)
  return value
}

/** Stripe's SDK takes host/port/protocol rather than a URL; STRIPE_API_URL is split into them. */
function stripeTarget(url: string | undefined): Pick<TriageConfig['stripe'], 'host' | 'port' | 'protocol'> {
  if (!url) return {}
  const parsed = new URL(url)
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https'
  return { host: parsed.hostname, port: Number(parsed.port || (protocol === 'http' ? 80 : 443)), protocol }
}

function llmProvider(env: NodeJS.ProcessEnv): LlmProvider {
  const value = env.LLM_PROVIDER ?? 'openai'
  if (!(LLM_PROVIDERS as readonly string[]).includes(value))
    throw new ConfigError(
      `LLM_PROVIDER must be one of ${LLM_PROVIDERS.join(', ')}, got "${value}"; e.g. LLM_PROVIDER=anthropic`,
    )
  return value as LlmProvider
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TriageConfig {
  const provider = llmProvider(env)
  return {
    port: Number(env.PORT ?? 3000),
    webhookSecret: required(env, 'GITHUB_WEBHOOK_SECRET', 'whsec_test'),
    github: {
      token: required(env, 'GITHUB_TOKEN', 'ghp_test'),
      baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    },
    llmProvider: provider,
    ...(provider === 'anthropic'
      ? {
          anthropic: {
            apiKey: required(env, 'ANTHROPIC_API_KEY', 'sk-ant-test'),
            baseURL: env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com',
            model: env.ANTHROPIC_MODEL ?? 'claude-haiku-4-5',
            maxRetries: Number(env.ANTHROPIC_MAX_RETRIES ?? 2),
          },
        }
      : {}),
    ...(provider === 'gemini'
      ? {
          gemini: {
            apiKey: required(env, 'GEMINI_API_KEY', 'gemini-test'),
            baseUrl: env.GEMINI_BASE_URL ?? 'https://generativelanguage.googleapis.com',
            model: env.GEMINI_MODEL ?? 'gemini-2.5-flash',
          },
        }
      : {}),
    openai: {
      apiKey: provider === 'openai' ? required(env, 'OPENAI_API_KEY', 'sk-test') : (env.OPENAI_API_KEY ?? ''),
      baseURL: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      model: env.OPENAI_MODEL ?? 'gpt-4o-mini',
      maxRetries: Number(env.OPENAI_MAX_RETRIES ?? 2),
    },
    slack: {
      token: required(env, 'SLACK_BOT_TOKEN', 'xoxb-test'),
      apiUrl: env.SLACK_API_URL ?? 'https://slack.com/api/',
      channel: env.SLACK_CHANNEL ?? '#triage',
    },
    stripe: {
      secretKey: required(env, 'STRIPE_SECRET_KEY', 'sk_test_123'),
      ...stripeTarget(env.STRIPE_API_URL),
    },
  }
}
