/**
 * A @google/genai call answered by the mock vs the same call answered by a bare msw handler
 * returning the very bytes the mock sent: what the mock's parsing, scripting, token counting and SSE
 * cost on top of msw. `pnpm bench` prints calls/s for each and the ratio bare / mock.
 */
import { GoogleGenAI } from '@google/genai'
import { BARE_NAME, MOCK_NAME, reportRatios, SCRIPTED_NAME } from '@understudy/test-utils/bench-ratios'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, test } from 'vitest'
import { createGeminiMock } from '../src/index'

const BARE = 'https://bare.gemini.test'
const MODEL = 'gemini-2.5-flash'
const params = { model: MODEL, contents: 'Say something calm.' }

const gemini = createGeminiMock()
let jsonBytes = ''
let sseBytes = ''
const server = setupServer(
  ...gemini.handlers,
  http.post(`${BARE}/*`, ({ request }) =>
    new URL(request.url).searchParams.get('alt') === 'sse'
      ? new HttpResponse(sseBytes, { headers: { 'content-type': 'text/event-stream' } })
      : new HttpResponse(jsonBytes, { headers: { 'content-type': 'application/json' } }),
  ),
)
let viaMock: GoogleGenAI
let viaBare: GoogleGenAI

async function capture(method: string): Promise<string> {
  const response = await gemini.fetch(
    `https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:${method}`,
    {
      method: 'POST',
      headers: { 'x-goog-api-key': 'gemini-test', 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: params.contents }] }] }),
    },
  )
  return response.text()
}

beforeAll(async () => {
  jsonBytes = await capture('generateContent')
  sseBytes = await capture('streamGenerateContent?alt=sse')
  server.listen({ onUnhandledFrame: 'error' })
  viaMock = new GoogleGenAI({ apiKey: 'gemini-test' })
  viaBare = new GoogleGenAI({ apiKey: 'gemini-test', httpOptions: { baseUrl: BARE } })
})
afterAll(() => server.close())

async function drain(client: GoogleGenAI): Promise<void> {
  for await (const _ of await client.models.generateContentStream(params)) {
    // consume every chunk, as a caller would
  }
}

test('models.generateContent', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE_NAME, async () => {
      await viaBare.models.generateContent(params)
    }),
    bench(MOCK_NAME, async () => {
      await viaMock.models.generateContent(params)
    }),
    bench(SCRIPTED_NAME, async () => {
      gemini.reply({ content: 'Quiet harbor keeps the amber lantern across the silver meadow.' })
      await viaMock.models.generateContent(params)
    }),
    { time: 1000, warmupTime: 200 },
  )
  reportRatios('models.generateContent', results, [BARE_NAME, MOCK_NAME, SCRIPTED_NAME])
})

test('models.generateContentStream (alt=sse)', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE_NAME, () => drain(viaBare)),
    bench(MOCK_NAME, () => drain(viaMock)),
    { time: 1000, warmupTime: 200 },
  )
  reportRatios('models.generateContentStream (drained)', results, [BARE_NAME, MOCK_NAME])
})
