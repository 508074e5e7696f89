/**
 * WebClient.chat.postMessage answered by the stateful mock vs the same call answered by a bare msw
 * handler returning a constant: what the mock's auth, scope checks, state and request log cost on
 * top of msw and the SDK. `pnpm bench` prints calls/s for each and the ratio bare / mock.
 */
import { LogLevel, WebClient } from '@slack/web-api'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, test } from 'vitest'
import { createSlackMock } from '../src/index'

const BARE = 'https://bare.slack.test/api/'
const BARE_NAME = 'bare msw handler (constant)'
const MOCK_NAME = 'understudy mock-slack'

const slack = createSlackMock({
  seed: { channels: [{ name: 'general' }], users: [{ name: 'alice' }] },
  logLimit: 1000,
})
const constant = {
  ok: true,
  channel: 'C0123456789',
  ts: '1767225600.000100',
  message: {
    type: 'message',
    text: 'hello',
    user: 'U0123456789',
    bot_id: 'B0123456789',
    ts: '1767225600.000100',
  },
}
const server = setupServer(
  ...slack.handlers,
  http.post(`${BARE}chat.postMessage`, () => HttpResponse.json(constant)),
)
const options = { retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }
let viaMock: WebClient
let viaBare: WebClient
let posts = 0

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' })
  // WebClient captures fetch when constructed: make the clients after listen().
  viaMock = new WebClient('xoxb-test', options)
  viaBare = new WebClient('xoxb-test', { ...options, slackApiUrl: BARE })
})
afterAll(() => server.close())

test('chat.postMessage', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE_NAME, async () => {
      await viaBare.chat.postMessage({ channel: '#general', text: 'hello' })
    }),
    bench(MOCK_NAME, async () => {
      // Keep #general from growing without bound over the run.
      if (++posts % 2000 === 0) slack.reset()
      await viaMock.chat.postMessage({ channel: '#general', text: 'hello' })
    }),
    { time: 1000, warmupTime: 200 },
  )
  const bare = results.get(BARE_NAME).throughput.mean
  const mock = results.get(MOCK_NAME).throughput.mean
  console.log(
    [
      'chat.postMessage via WebClient:',
      `  ${BARE_NAME.padEnd(28)} ${Math.round(bare).toLocaleString('en-US')} calls/s`,
      `  ${MOCK_NAME.padEnd(28)} ${Math.round(mock).toLocaleString('en-US')} calls/s`,
      `  ratio bare / mock: ${(bare / mock).toFixed(2)}x`,
    ].join('\n'),
  )
})
