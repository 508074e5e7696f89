import { createAnthropic } from '@ai-sdk/anthropic'
import Anthropic from '@anthropic-ai/sdk'
import { mount, type StartedServer, startServer } from '@understudy/core'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import {
  type AnthropicMock,
  type AnthropicMockOptions,
  createAnthropicMock,
  type Reply,
  type ReplyOptions,
} from '../src/index'

export const API_KEY = 'sk-ant-test'

/** One transport a shared suite runs over. */
export interface Harness {
  readonly mode: 'in-process' | 'http'
  readonly anthropic: AnthropicMock
  /** The partition the SDK's key lands in: 'default' in-process, the key itself behind the server. */
  readonly partition: string
  /** @anthropic-ai/sdk, made after the interceptor is in place (it captures fetch when constructed). */
  client(options?: ConstructorParameters<typeof Anthropic>[0]): Anthropic
  /** The AI SDK's Anthropic provider, pointed at the mock. */
  provider(): ReturnType<typeof createAnthropic>
  /** `anthropic.reply` for this harness's partition. */
  reply(reply: Reply | readonly Reply[], options?: ReplyOptions): void
}

/**
 * Runs `suite` twice: in-process through msw's setupServer against api.anthropic.com, and over real
 * HTTP through core's server with the mock mounted at /anthropic, partitioned by API key as
 * `understudy serve` does.
 */
export function describeMatrix(
  name: string,
  suite: (h: Harness) => void,
  options: AnthropicMockOptions = {},
): void {
  describe(`${name} (in-process)`, () => {
    const anthropic = createAnthropicMock(options)
    const server = setupServer(...anthropic.handlers)
    beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
    afterAll(() => server.close())
    beforeEach(() => anthropic.reset())
    suite({
      mode: 'in-process',
      anthropic,
      partition: 'default',
      client: (clientOptions) => new Anthropic({ apiKey: API_KEY, maxRetries: 0, ...clientOptions }),
      provider: () => createAnthropic({ apiKey: API_KEY }),
      reply: (reply, replyOptions) => anthropic.reply(reply, replyOptions),
    })
  })
  describe(`${name} (http, mounted at /anthropic)`, () => {
    const anthropic = createAnthropicMock({ ...options, partitionBy: 'credential' })
    let started: StartedServer
    beforeAll(async () => {
      started = await startServer(mount([{ prefix: '/anthropic', target: anthropic }]))
    })
    afterAll(() => started.close())
    beforeEach(() => anthropic.reset())
    suite({
      mode: 'http',
      anthropic,
      partition: API_KEY,
      client: (clientOptions) =>
        new Anthropic({
          apiKey: API_KEY,
          maxRetries: 0,
          baseURL: `${started.url}/anthropic`,
          ...clientOptions,
        }),
      provider: () => createAnthropic({ apiKey: API_KEY, baseURL: `${started.url}/anthropic/v1` }),
      reply: (reply, replyOptions) => anthropic.reply(reply, { ...replyOptions, partition: API_KEY }),
    })
  })
}
