import { setupServer } from 'msw/node'
import OpenAI from 'openai'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createOpenAIMock } from '../src/index'

const openai = createOpenAIMock({ baseUrl: 'http://localhost:4999/openai/v1' })
const server = setupServer(...openai.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterAll(() => server.close())

test("baseUrl may be openai-node's baseURL itself (…/v1): a client pointed at it is answered", async () => {
  openai.reply({ content: 'via baseURL' })
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: 'http://localhost:4999/openai/v1', maxRetries: 0 })
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hi' }],
  })
  expect(completion.choices[0]?.message.content).toBe('via baseURL')
  expect(openai.requests.at(-1)?.path).toBe('/v1/chat/completions')
})
