import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api'
import { mount, startServer } from '@understudy/core'
import { describeTransports as describeMatrix, type MatrixRuntime } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import { beforeEach, expect } from 'vitest'
import { createSlackMock, type SlackMock, type SlackMockOptions, type SlackSeed } from '../src/index'

export const TOKEN = 'xoxb-test'

/** The workspace most tests start from. */
export const workspace: SlackSeed = {
  team: { name: 'Acme', domain: 'acme' },
  users: [
    { name: 'alice', real_name: 'Alice Smith' },
    { name: 'bob', real_name: 'Bob Jones' },
  ],
  channels: [{ name: 'general' }, { name: 'random' }, { name: 'secret', is_private: true }],
}

export interface Transport {
  readonly mode: 'msw' | 'http'
  /** The mock, reset to `workspace` before each test. */
  readonly slack: SlackMock
  /** The Web API base the SDK is given (`https://slack.com/api/` or the mounted server's). */
  readonly apiUrl: string
  /** A WebClient on this transport; no retries, rate limits rejected, quiet logs. */
  client(token?: string, options?: WebClientOptions): WebClient
}

const noop = () => {}
/** A logger that drops everything: WebClient logs `[ERROR]` messages from error responses tests expect. */
export const quietLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  setLevel: noop,
  getLevel: () => LogLevel.ERROR,
  setName: noop,
}

/** Quiet, fast WebClient settings: no retries, rate limits surface as errors. */
export function clientOptions(apiUrl: string, options: WebClientOptions = {}): WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quietLogger,
    ...options,
  }
}

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime

/**
 * Runs the same tests on the shared transport matrix: in-process (msw) and over real HTTP behind
 * `mount()` at /slack, as the standalone server serves it.
 */
export function describeTransports(
  name: string,
  body: (t: Transport) => void,
  options: Omit<SlackMockOptions, 'seed'> = {},
): void {
  describeMatrix(
    runtime,
    name,
    {
      create: (mode) => createSlackMock({ ...options, partitionBy: mode === 'http' ? 'credential' : 'none' }),
      realBase: 'https://slack.com',
      prefix: '/slack',
      // Not through `slack.fetch`: files.uploadV2 posts the bytes with the global fetch, and some tests
      // make their own WebClient. The contract suite covers the mock.fetch transport.
      transports: ['msw', 'http'],
    },
    (served) => {
      beforeEach(() => served.mock.seed(workspace))
      body({
        mode: served.transport === 'http' ? 'http' : 'msw',
        slack: served.mock,
        get apiUrl() {
          return `${served.baseUrl}/api/`
        },
        client(token = TOKEN, clientOpts: WebClientOptions = {}) {
          return new WebClient(token, clientOptions(this.apiUrl, clientOpts))
        },
      })
    },
  )
}

/** The error WebClient throws, for `expect(...).rejects.toMatchObject(platformError('x'))`. */
export function platformError(error: string, extra: Record<string, unknown> = {}) {
  return {
    code: 'slack_webapi_platform_error',
    data: expect.objectContaining({ ok: false, error, ...extra }),
  }
}
