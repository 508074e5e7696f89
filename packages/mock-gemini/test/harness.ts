import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { GoogleGenAI, type GoogleGenAIOptions } from '@google/genai'
import { mount, type StartedServer, startServer } from '@understudy/core'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import {
  createGeminiMock,
  type GeminiMock,
  type GeminiMockOptions,
  type Reply,
  type ReplyOptions,
} from '../src/index'

export const API_KEY = 'gemini-test-key'

/** One transport a shared suite runs over. */
export interface Harness {
  readonly mode: 'in-process' | 'http'
  readonly gemini: GeminiMock
  /** The partition the SDK's key lands in: 'default' in-process, the key itself behind the server. */
  readonly partition: string
  /** @google/genai, pointed at the mock. */
  client(options?: Partial<GoogleGenAIOptions>): GoogleGenAI
  /** The AI SDK's Google provider, pointed at the mock. */
  provider(): ReturnType<typeof createGoogleGenerativeAI>
  /** Where the SDK's requests go: the real host in-process, the mount behind the server. */
  baseUrl(): string
  /** `gemini.reply` for this harness's partition. */
  reply(reply: Reply | readonly Reply[], options?: ReplyOptions): void
}

/**
 * Runs `suite` twice: in-process through msw's setupServer against generativelanguage.googleapis.com,
 * and over real HTTP through core's server with the mock mounted at /gemini, partitioned by API key
 * as `understudy serve` does.
 */
export function describeMatrix(
  name: string,
  suite: (h: Harness) => void,
  options: GeminiMockOptions = {},
): void {
  describe(`${name} (in-process)`, () => {
    const gemini = createGeminiMock(options)
    const server = setupServer(...gemini.handlers)
    beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
    afterAll(() => server.close())
    beforeEach(() => gemini.reset())
    suite({
      mode: 'in-process',
      gemini,
      partition: 'default',
      client: (clientOptions) => new GoogleGenAI({ apiKey: API_KEY, ...clientOptions }),
      provider: () => createGoogleGenerativeAI({ apiKey: API_KEY }),
      baseUrl: () => 'https://generativelanguage.googleapis.com',
      reply: (reply, replyOptions) => gemini.reply(reply, replyOptions),
    })
  })
  describe(`${name} (http, mounted at /gemini)`, () => {
    const gemini = createGeminiMock({ ...options, partitionBy: 'credential' })
    let started: StartedServer
    beforeAll(async () => {
      started = await startServer(mount([{ prefix: '/gemini', target: gemini }]))
    })
    afterAll(() => started.close())
    beforeEach(() => gemini.reset())
    suite({
      mode: 'http',
      gemini,
      partition: API_KEY,
      client: (clientOptions) =>
        new GoogleGenAI({
          apiKey: API_KEY,
          ...clientOptions,
          httpOptions: { baseUrl: `${started.url}/gemini`, ...clientOptions?.httpOptions },
        }),
      provider: () => createGoogleGenerativeAI({ apiKey: API_KEY, baseURL: `${started.url}/gemini/v1beta` }),
      baseUrl: () => `${started.url}/gemini`,
      reply: (reply, replyOptions) => gemini.reply(reply, { ...replyOptions, partition: API_KEY }),
    })
  })
}
