/**
 * Configuration from the environment. Every service has a base-URL variable, so the same agent runs
 * against the real services, `understudy serve`, or in-process mocks.
 */
export interface TriageConfig {
  port: number
  webhookSecret: string
  github: { token: string; baseUrl: string }
  openai: { apiKey: string; baseURL: string; model: string; maxRetries: number }
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TriageConfig {
  return {
    port: Number(env.PORT ?? 3000),
    webhookSecret: required(env, 'GITHUB_WEBHOOK_SECRET', 'whsec_test'),
    github: {
      token: required(env, 'GITHUB_TOKEN', 'ghp_test'),
      baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    },
    openai: {
      apiKey: required(env, 'OPENAI_API_KEY', 'sk-test'),
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
