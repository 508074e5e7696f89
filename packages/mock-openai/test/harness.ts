import { createOpenAI } from '@ai-sdk/openai'
import { mount, type StartedServer, startServer } from '@understudy/core'
import { setupServer } from 'msw/node'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import {
  createOpenAIMock,
  type OpenAIMock,
  type OpenAIMockOptions,
  type Reply,
  type ReplyOptions,
} from '../src/index'

export const API_KEY = 'sk-test'

/** One transport a shared suite runs over. */
export interface Harness {
  readonly mode: 'in-process' | 'http'
  readonly openai: OpenAIMock
  /** The partition the SDK's key lands in: 'default' in-process, the key itself behind the server. */
  readonly partition: string
  /** openai-node, made after the interceptor is in place (it captures fetch when constructed). */
  client(options?: ConstructorParameters<typeof OpenAI>[0]): OpenAI
  /** The AI SDK's OpenAI provider, pointed at the mock. */
  provider(): ReturnType<typeof createOpenAI>
  /** `openai.reply` for this harness's partition. */
  reply(reply: Reply | readonly Reply[], options?: ReplyOptions): void
}

/**
 * Runs `suite` twice: in-process through msw's setupServer against api.openai.com, and over real HTTP
 * through core's server with the mock mounted at /openai, partitioned by API key as `understudy serve` does.
 */
export function describeMatrix(
  name: string,
  suite: (h: Harness) => void,
  options: OpenAIMockOptions = {},
): void {
  describe(`${name} (in-process)`, () => {
    const openai = createOpenAIMock(options)
    const server = setupServer(...openai.handlers)
    beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
    afterAll(() => server.close())
    beforeEach(() => openai.reset())
    suite({
      mode: 'in-process',
      openai,
      partition: 'default',
      client: (clientOptions) => new OpenAI({ apiKey: API_KEY, maxRetries: 0, ...clientOptions }),
      provider: () => createOpenAI({ apiKey: API_KEY }),
      reply: (reply, replyOptions) => openai.reply(reply, replyOptions),
    })
  })
  describe(`${name} (http, mounted at /openai)`, () => {
    const openai = createOpenAIMock({ ...options, partitionBy: 'credential' })
    let started: StartedServer
    beforeAll(async () => {
      started = await startServer(mount([{ prefix: '/openai', target: openai }]))
    })
    afterAll(() => started.close())
    beforeEach(() => openai.reset())
    suite({
      mode: 'http',
      openai,
      partition: API_KEY,
      client: (clientOptions) =>
        new OpenAI({ apiKey: API_KEY, maxRetries: 0, baseURL: `${started.url}/openai/v1`, ...clientOptions }),
      provider: () => createOpenAI({ apiKey: API_KEY, baseURL: `${started.url}/openai/v1` }),
      reply: (reply, replyOptions) => openai.reply(reply, { ...replyOptions, partition: API_KEY }),
    })
  })
}
