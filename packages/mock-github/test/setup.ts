import { Octokit } from '@octokit/rest'
import { mount, startServer } from '@understudy/core'
import { describeTransports, type MatrixRuntime } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import { createGitHubMock, type GitHubMock, type GitHubMockOptions } from '../src/index'

export type Mode = 'msw' | 'http'

export interface Env {
  readonly mode: Mode
  /** A fresh mock for this test, served in this mode. */
  setup(options?: GitHubMockOptions): {
    github: GitHubMock
    octokit: (auth?: string | null) => Octokit
    baseUrl: string
  }
}

/** Captured webhook deliveries, answered 200 (pass as `webhooks.transport`). */
export function receiver() {
  const received: Request[] = []
  return {
    received,
    transport: async (request: Request) => {
      received.push(request)
      return new Response('ok')
    },
    async bodies() {
      return Promise.all(
        received.map(async (r) => ({
          event: r.headers.get('x-github-event'),
          body: JSON.parse(await r.clone().text()),
        })),
      )
    },
  }
}

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime

/**
 * Runs a suite on the shared transport matrix: in-process through msw, and over real HTTP through the
 * core's node adapter mounted at /github, as `understudy serve` mounts it. Each test makes its own mock.
 */
export function describeModes(title: string, suite: (env: Env) => void): void {
  describeTransports(
    runtime,
    title,
    {
      create: () => createGitHubMock(),
      realBase: 'https://api.github.com',
      prefix: '/github',
      transports: ['msw', 'http'],
      partitionedOverHttp: false,
    },
    (served) => {
      const mode = served.transport as Mode
      suite({
        mode,
        setup(options = {}) {
          const github = createGitHubMock({ webhooks: { sleep: async () => {} }, ...options })
          served.use(github)
          const baseUrl = served.baseUrl
          const octokit = (auth: string | null = 'ghp_test') =>
            new Octokit({
              ...(auth ? { auth } : {}),
              baseUrl,
              log: { debug() {}, info() {}, warn() {}, error() {} },
            })
          return { github, octokit, baseUrl }
        },
      })
    },
  )
}

export const seed = {
  repos: [
    {
      full_name: 'octo/hello',
      issues: [
        { title: 'Crash on start', body: 'It crashes', labels: ['bug'] },
        { title: 'Add dark mode', labels: ['enhancement'] },
        { title: 'Old thing', state: 'closed' as const },
      ],
    },
  ],
}

/** What Octokit's RequestError carries (read structurally: tests do not import @octokit/request-error). */
export interface RequestError extends Error {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: error bodies vary per endpoint
  response?: { data: any; headers: Record<string, string | undefined>; url: string }
}
