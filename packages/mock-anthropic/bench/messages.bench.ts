/**
 * An @anthropic-ai/sdk call answered by the mock vs the same call answered by a bare msw handler
 * returning the very bytes the mock sent: what the mock's parsing, scripting, token counting and SSE
 * cost on top of msw. `pnpm bench` prints calls/s for each and the ratio bare / mock.
 */
import Anthropic from '@anthropic-ai/sdk'
import { BARE_NAME, MOCK_NAME, reportRatios, SCRIPTED_NAME } from '@understudy/test-utils/bench-ratios'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, test } from 'vitest'
import { createAnthropicMock } from '../src/index'

const BARE = 'https://bare.anthropic.test'
const params = {
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Say something calm.' }],
}

const anthropic = createAnthropicMock()
let jsonBytes = ''
let sseBytes = ''
const server = setupServer(
  ...anthropic.handlers,
  http.post(`${BARE}/v1/messages`, async ({ request }) => {
    const body = (await request.json()) as { stream?: boolean }
    return body.stream
      ? new HttpResponse(sseBytes, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } })
      : new HttpResponse(jsonBytes, { headers: { 'content-type': 'application/json' } })
  }),
)
let viaMock: Anthropic
let viaBare: Anthropic

async function capture(stream: boolean): Promise<string> {
  const response = await anthropic.fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: {
      'x-api-key': 'sk-ant-test',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ ...params, stream }),
  })
  return response.text()
}

beforeAll(async () => {
  jsonBytes = await capture(false)
  sseBytes = await capture(true)
  server.listen({ onUnhandledFrame: 'error' })
  viaMock = new Anthropic({ apiKey: 'sk-ant-test', maxRetries: 0 })
  viaBare = new Anthropic({ apiKey: 'sk-ant-test', maxRetries: 0, baseURL: BARE })
})
afterAll(() => server.close())

async function drain(client: Anthropic): Promise<void> {
  const stream = await client.messages.create({ ...params, stream: true })
  for await (const _ of stream) {
    // consume every event, as a caller would
  }
}

test('messages.create, JSON', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE_NAME, async () => {
      await viaBare.messages.create(params)
    }),
    bench(MOCK_NAME, async () => {
      await viaMock.messages.create(params)
    }),
    bench(SCRIPTED_NAME, async () => {
      anthropic.reply({ content: 'Quiet harbor keeps the amber lantern across the silver meadow.' })
      await viaMock.messages.create(params)
    }),
    { time: 1000, warmupTime: 200 },
  )
  reportRatios('messages.create (JSON)', results, [BARE_NAME, MOCK_NAME, SCRIPTED_NAME])
})

test('messages.create, stream: true', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE_NAME, () => drain(viaBare)),
    bench(MOCK_NAME, () => drain(viaMock)),
    { time: 1000, warmupTime: 200 },
  )
  reportRatios('messages.create (stream: true, drained)', results, [BARE_NAME, MOCK_NAME])
})
