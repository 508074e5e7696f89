import { createOpenAI } from '@ai-sdk/openai'
import { mount, startServer } from '@understudy/core'
import { describeTransports, type MatrixRuntime } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import OpenAI from 'openai'
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

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime

/**
 * Runs `suite` on the shared transport matrix: in-process through msw against api.openai.com, through
 * `openai.fetch` (the SDK's `fetch` option), and over real HTTP through core's server with the mock
 * mounted at /openai, partitioned by API key as `understudy serve` does.
 */
export function describeMatrix(
  name: string,
  suite: (h: Harness) => void,
  options: OpenAIMockOptions = {},
): void {
  describeTransports(
    runtime,
    name,
    {
      create: (transport) =>
        createOpenAIMock(transport === 'http' ? { ...options, partitionBy: 'credential' } : options),
      realBase: 'https://api.openai.com',
      prefix: '/openai',
    },
    (served) => {
      // The base and fetch are read when a client is made: the server's port is known only then.
      const where = () => ({
        ...(served.transport === 'http' ? { baseURL: `${served.baseUrl}/v1` } : {}),
        ...(served.transport === 'fetch' ? { fetch: served.fetch } : {}),
      })
      const partition = served.partition(API_KEY)
      suite({
        mode: served.transport === 'http' ? 'http' : 'in-process',
        openai: served.mock,
        partition,
        client: (clientOptions) =>
          new OpenAI({ apiKey: API_KEY, maxRetries: 0, ...where(), ...clientOptions }),
        provider: () => createOpenAI({ apiKey: API_KEY, ...where() }),
        reply: (reply, replyOptions) =>
          served.mock.reply(reply, { ...replyOptions, ...(partition !== 'default' ? { partition } : {}) }),
      })
    },
  )
}
