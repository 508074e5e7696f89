import OpenAI from 'openai'
import { expect, test } from 'vitest'
import { createOpenAIMock, type OpenAISeed } from '../src/index'

test('seed() names the path of an unknown key or a wrong type, with a did-you-mean hint (#13)', () => {
  const openai = createOpenAIMock()
  expect(() =>
    openai.seed({ models: [{ id: 'tiny', contextWindw: 50 }] } as unknown as OpenAISeed),
  ).toThrowError(
    expect.objectContaining({
      name: 'SeedError',
      message:
        '[understudy:openai] Invalid OpenAI seed at models[0].contextWindw: unknown key "contextWindw"; did you mean "contextWindow"? Nothing was seeded.',
    }),
  )
  expect(() => openai.seed({ replies: [] } as unknown as OpenAISeed)).toThrowError(
    /unknown seed field "replies".*scripted with openai\.reply\(\)/,
  )
  expect(() => openai.seed({ models: [{ id: 'tiny', kind: 'chatt' as never }] })).toThrowError(
    /models\[0\]\.kind: expected "chat", "reasoning", "embedding" or "moderation", got "chatt"; did you mean "chat"\?/,
  )
})

test('a bad seed adds no model, not even the valid ones before it', async () => {
  const openai = createOpenAIMock()
  expect(() => openai.seed({ models: ['ft:ok', { id: 'bad', contextWindow: -1 }] })).toThrowError(
    /at models\[1\]\.contextWindow: expected a whole number >= 0, got -1/,
  )
  const client = new OpenAI({ apiKey: 'sk-test', fetch: openai.fetch as typeof fetch, maxRetries: 0 })
  const ids = (await client.models.list()).data.map((m) => m.id)
  expect(ids).not.toContain('ft:ok')
})

test('createOpenAIMock(options) names a wrong option and shows a valid value (#13)', () => {
  expect(() => createOpenAIMock({ strict: 'yes' as never })).toThrowError(
    expect.objectContaining({
      name: 'InvalidOptionError',
      option: 'strict',
      message: '[understudy:openai] Invalid option "strict": expected true or false, got "yes".',
    }),
  )
  expect(() => createOpenAIMock({ rateLimits: { requestsPerMinit: 5 } } as never)).toThrowError(
    /Invalid option "rateLimits.requestsPerMinit": unknown key "requestsPerMinit"; did you mean "requestsPerMinute"\?/,
  )
})
