/**
 * The environment variables that point SDKs at a running server, and how each shell sets them.
 * Only the OpenAI and Anthropic SDKs (Python and Node) read a base URL from the environment; for
 * the others the variables follow the nearest convention (GitHub Actions' GITHUB_API_URL, Bolt's
 * SLACK_BOT_TOKEN) and the agent passes them to its client. The README's table says which SDK reads
 * which variable.
 *
 * @module
 */

/** One variable: its name, its value and the service it points at. */
export interface EnvVar {
  readonly name: string
  readonly value: string
  readonly service: string
}

/**
 * Placeholder credentials, shaped as each service's own (so SDKs that check a prefix accept them).
 * They name the partition the shell's clients share; the pytest plugin makes one set per test.
 */
export const DEFAULT_CREDENTIALS: Readonly<Record<string, string>> = {
  github: 'ghp_understudy',
  slack: 'xoxb-understudy',
  stripe: 'sk_test_understudy',
  openai: 'sk-understudy',
  anthropic: 'sk-ant-understudy',
  gemini: 'understudy-gemini',
}

type Recipe = (url: string, credential: string) => Array<[string, string]>

/** Per service: the variables, in the order they are printed. */
const RECIPES: Readonly<Record<string, Recipe>> = {
  // PyGithub and Octokit read neither; @actions/github reads GITHUB_API_URL, gh and most agents GITHUB_TOKEN.
  github: (url, token) => [
    ['GITHUB_API_URL', `${url}/github`],
    ['GITHUB_TOKEN', token],
  ],
  // slack_sdk and @slack/web-api read neither; Bolt for Python reads SLACK_BOT_TOKEN.
  slack: (url, token) => [
    ['SLACK_API_URL', `${url}/slack/api/`],
    ['SLACK_BOT_TOKEN', token],
  ],
  // stripe-python's api_base and stripe-node's host/port/protocol come from code, never the environment.
  stripe: (url, key) => [
    ['STRIPE_API_BASE', url],
    ['STRIPE_API_KEY', key],
  ],
  // Read by openai (Python) and openai (Node) as their defaults.
  openai: (url, key) => [
    ['OPENAI_BASE_URL', `${url}/openai/v1`],
    ['OPENAI_API_KEY', key],
  ],
  // Read by anthropic (Python) and @anthropic-ai/sdk as their defaults.
  anthropic: (url, key) => [
    ['ANTHROPIC_BASE_URL', `${url}/anthropic`],
    ['ANTHROPIC_API_KEY', key],
  ],
  // google-genai reads GEMINI_API_KEY; the base URL goes in http_options / httpOptions.
  gemini: (url, key) => [
    ['GOOGLE_GEMINI_BASE_URL', `${url}/gemini`],
    ['GEMINI_API_KEY', key],
  ],
}

/**
 * The variables for the services a server mounts, in service order. Services this version does not
 * know are skipped (a newer server may mount more than this CLI can name).
 *
 * @example
 * environmentFor('http://127.0.0.1:4010', ['openai'])
 * // [{ name: 'OPENAI_BASE_URL', value: 'http://127.0.0.1:4010/openai/v1', service: 'openai' }, …]
 */
export function environmentFor(
  url: string,
  services: readonly string[],
  credentials: Readonly<Record<string, string>> = DEFAULT_CREDENTIALS,
): EnvVar[] {
  const base = url.replace(/\/+$/, '')
  return services.flatMap((service) => {
    const recipe = RECIPES[service]
    if (!recipe) return []
    const credential = credentials[service] ?? DEFAULT_CREDENTIALS[service] ?? 'understudy'
    return recipe(base, credential).map(([name, value]) => ({ name, value, service }))
  })
}

export const SHELLS = ['sh', 'fish', 'powershell', 'dotenv'] as const
export type Shell = (typeof SHELLS)[number]

const quote: Record<Shell, (value: string) => string> = {
  sh: (value) => `'${value.replaceAll("'", `'\\''`)}'`,
  fish: (value) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  powershell: (value) => `'${value.replaceAll("'", "''")}'`,
  // dotenv parsers (python-dotenv, dotenv, docker --env-file) take a bare value up to the end of the line.
  dotenv: (value) => (/^[\w./:@+-]*$/.test(value) ? value : JSON.stringify(value)),
}

/**
 * One line per variable, in the syntax of `shell`.
 *
 * @example
 * formatEnvironment(vars, 'fish') // "set -gx OPENAI_BASE_URL 'http://…'\n…"
 */
export function formatEnvironment(vars: readonly EnvVar[], shell: Shell): string {
  return vars
    .map(({ name, value }) => {
      const quoted = quote[shell](value)
      if (shell === 'sh') return `export ${name}=${quoted}`
      if (shell === 'fish') return `set -gx ${name} ${quoted}`
      if (shell === 'powershell') return `$env:${name} = ${quoted}`
      return `${name}=${quoted}`
    })
    .join('\n')
}
