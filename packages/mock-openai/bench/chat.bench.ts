/**
 * An openai-node call answered by the mock vs the same call answered by a bare msw handler that
 * returns a constant: what the mock's parsing, scripting, token counting and SSE cost on top of msw.
 * `pnpm bench` prints calls/s for each and the ratio bare / mock.
 */

import { reportRatios } from '@understudy/test-utils/bench-ratios'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import OpenAI from 'openai'
import { afterAll, beforeAll, test } from 'vitest'
import { createOpenAIMock } from '../src/index'

const BARE = 'https://bare.openai.test/v1'
const CONTENT = 'Quiet harbor keeps the amber lantern across the silver meadow.'

const completion = {
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_760_000_000,
  model: 'gpt-4o-2024-08-06',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: CONTENT, refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 16, total_tokens: 28 },
}

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ ...completion, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`
}
const sse = [
  chunk({ role: 'assistant', content: '' }),
  ...CONTENT.split(/(?= )/).map((piece) => chunk({ content: piece })),
  chunk({}, 'stop'),
  'data: [DONE]\n\n',
].join('')

const openai = createOpenAIMock()
const server = setupServer(
  ...openai.handlers,
  http.post(`${BARE}/chat/completions`, async ({ request }) => {
    const body = (await request.json()) as { stream?: boolean }
    return body.stream
      ? new HttpResponse(sse, { headers: { 'content-type': 'text/event-stream' } })
      : HttpResponse.json(completion)
  }),
)
let viaMock: OpenAI
let viaBare: OpenAI
const params = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Say something calm.' }] }

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' })
  viaMock = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 })
  viaBare = new OpenAI({ apiKey: 'sk-test', maxRetries: 0, baseURL: BARE })
})
afterAll(() => server.close())

async function drain(client: OpenAI): Promise<void> {
  const stream = await client.chat.completions.create({ ...params, stream: true })
  for await (const _ of stream) {
    // consume every chunk, as a caller would
  }
}

const BARE_NAME = 'bare msw handler (constant)'
const MOCK_NAME = 'understudy mock (unscripted)'
const SCRIPTED_NAME = 'understudy mock (scripted reply)'

test('chat.completions.create, JSON', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE_NAME, async () => {
      await viaBare.chat.completions.create(params)
    }),
    bench(MOCK_NAME, async () => {
      await viaMock.chat.completions.create(params)
    }),
    bench(SCRIPTED_NAME, async () => {
      openai.reply({ content: CONTENT })
      await viaMock.chat.completions.create(params)
    }),
    { time: 1000, warmupTime: 200 },
  )
  reportRatios('chat.completions.create (JSON)', results, [BARE_NAME, MOCK_NAME, SCRIPTED_NAME], BARE_NAME)
})

// A one-second run of each side swings by ±30% on a shared machine, more than the gap being
// measured, and whichever side runs second meets a different load. So the streamed comparison runs
// in ROUNDS short rounds, the order alternating, and the figure is the median of the rounds' ratios.
const ROUNDS = 7

test('chat.completions.create, stream: true', async ({ bench }) => {
  const ratios: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const tasks = [bench(BARE_NAME, () => drain(viaBare)), bench(MOCK_NAME, () => drain(viaMock))]
    const results = await bench.compare(...(round % 2 ? tasks.reverse() : tasks), {
      time: 400,
      warmupTime: 100,
    })
    ratios.push(results.get(BARE_NAME).throughput.mean / results.get(MOCK_NAME).throughput.mean)
    if (round === ROUNDS - 1)
      reportRatios(
        'chat.completions.create (stream: true, drained), last round',
        results,
        [BARE_NAME, MOCK_NAME],
        BARE_NAME,
      )
  }
  const sorted = [...ratios].sort((a, b) => a - b)
  console.log(
    `stream: true, bare / mock over ${ROUNDS} rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${sorted[ROUNDS >> 1]!.toFixed(2)}x`,
  )
})
