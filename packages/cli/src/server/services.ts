import type { ServiceMock, ServiceMockOptions } from '@understudy/core'
import {
  type AnthropicMock,
  type AnthropicMockOptions,
  createAnthropicMock,
} from '@understudy/mock-anthropic'
import { createGeminiMock, type GeminiMock, type GeminiMockOptions } from '@understudy/mock-gemini'
import { createGitHubMock, type GitHubMock, type GitHubMockOptions } from '@understudy/mock-github'
import { createOpenAIMock, type OpenAIMock, type OpenAIMockOptions } from '@understudy/mock-openai'
import { createSlackMock, type SlackMock, type SlackMockOptions } from '@understudy/mock-slack'
import { createStripeMock, type StripeMock, type StripeMockOptions } from '@understudy/mock-stripe'

/** The services `understudy serve` can mount. */
export const SERVICE_NAMES = ['github', 'slack', 'stripe', 'openai', 'anthropic', 'gemini'] as const
export type ServiceName = (typeof SERVICE_NAMES)[number]

/**
 * What the server needs from a mock: the core instance. The LLM mocks (OpenAI, Anthropic, Gemini)
 * also have `reply()`, which the admin API's `POST /_understudy/<service>/replies` calls.
 */
export interface UnderstudyMock extends ServiceMock<unknown, unknown> {
  reply?(reply: unknown, options?: { partition?: string }): unknown
}

/** The mock instances of a server, typed per service. */
export interface UnderstudyMocks {
  github?: GitHubMock
  slack?: SlackMock
  stripe?: StripeMock
  openai?: OpenAIMock
  anthropic?: AnthropicMock
  gemini?: GeminiMock
}

/**
 * Options for the mocks the server creates, per service: GitHub's `rateLimits` or `tokens`, Slack's
 * `events` (Request URL and signing secret), OpenAI's `strict` or webhook endpoints...
 * `partitionBy: 'credential'` is always set.
 */
export interface ServiceOptions {
  github?: Omit<GitHubMockOptions, 'partitionBy' | 'seed'>
  slack?: Omit<SlackMockOptions, 'partitionBy' | 'seed'>
  stripe?: Omit<StripeMockOptions, 'partitionBy' | 'seed'>
  openai?: Omit<OpenAIMockOptions, 'partitionBy' | 'seed'>
  anthropic?: Omit<AnthropicMockOptions, 'partitionBy' | 'seed'>
  gemini?: Omit<GeminiMockOptions, 'partitionBy' | 'seed'>
}

export type MockFactory = (options: ServiceMockOptions<unknown> & Record<string, unknown>) => UnderstudyMock

export interface ServiceSpec {
  readonly name: ServiceName
  /** Mount prefixes; `''` (Stripe) only serves `/v1/...`, because stripe-node cannot take a path prefix. */
  readonly prefixes: readonly string[]
  /** What the official SDK is pointed at, for the banner and the dashboard. */
  readonly sdkHint: (url: string) => string
  /** The factory's export name in its package. */
  readonly factoryName: string
  readonly factory: MockFactory
}

// Each factory has its own option and instance types; the server calls them all the same way.
const loosely = (factory: unknown) => factory as MockFactory

export const SERVICES: Readonly<Record<ServiceName, ServiceSpec>> = {
  github: {
    name: 'github',
    prefixes: ['/github'],
    sdkHint: (url) => `new Octokit({ baseUrl: '${url}/github' })`,
    factoryName: 'createGitHubMock',
    factory: loosely(createGitHubMock),
  },
  slack: {
    name: 'slack',
    prefixes: ['/slack'],
    sdkHint: (url) => `new WebClient(token, { slackApiUrl: '${url}/slack/api/' })`,
    factoryName: 'createSlackMock',
    factory: loosely(createSlackMock),
  },
  stripe: {
    name: 'stripe',
    prefixes: ['/stripe', ''],
    sdkHint: (url) => {
      const { hostname, port: explicit } = new URL(url)
      // URL drops the scheme's default port (`http://127.0.0.1:80` has port ''); stripe-node needs it.
      const port = explicit || '80'
      return `new Stripe(key, { host: '${hostname}', port: ${port}, protocol: 'http' })`
    },
    factoryName: 'createStripeMock',
    factory: loosely(createStripeMock),
  },
  openai: {
    name: 'openai',
    prefixes: ['/openai'],
    sdkHint: (url) => `new OpenAI({ baseURL: '${url}/openai/v1' })`,
    factoryName: 'createOpenAIMock',
    factory: loosely(createOpenAIMock),
  },
  anthropic: {
    name: 'anthropic',
    prefixes: ['/anthropic'],
    sdkHint: (url) => `new Anthropic({ baseURL: '${url}/anthropic' })`,
    factoryName: 'createAnthropicMock',
    factory: loosely(createAnthropicMock),
  },
  gemini: {
    name: 'gemini',
    prefixes: ['/gemini'],
    sdkHint: (url) => `new GoogleGenAI({ apiKey, httpOptions: { baseUrl: '${url}/gemini' } })`,
    factoryName: 'createGeminiMock',
    factory: loosely(createGeminiMock),
  },
}

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value)
}

/**
 * The service and mount prefix a request path belongs to: `/github/repos/x` → github under `/github`;
 * `/v1/customers` → stripe at the root.
 */
export function routeFor(
  pathname: string,
  mounted: ReadonlySet<ServiceName>,
): { service: ServiceName; basePath: string } | undefined {
  for (const name of SERVICE_NAMES) {
    if (!mounted.has(name)) continue
    for (const prefix of SERVICES[name].prefixes) {
      if (prefix === '') {
        if (pathname === '/v1' || pathname.startsWith('/v1/')) return { service: name, basePath: '' }
      } else if (
        pathname.startsWith(prefix) &&
        (pathname.length === prefix.length || pathname.charCodeAt(prefix.length) === 47)
      ) {
        return { service: name, basePath: prefix }
      }
    }
  }
  return undefined
}
