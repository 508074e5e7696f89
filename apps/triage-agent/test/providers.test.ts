import { describe, expect, test } from 'vitest'
import type { LlmProvider } from '../src/config'
import { loadConfig } from '../src/config'
import type { TriageResult } from '../src/triage'
import { createHarness, llmAnswer, makePayingCustomer, useMocks } from './helpers'

// The same classification, run on each provider the agent supports (one setting: llmProvider /
// LLM_PROVIDER), scripted with the same reply() on that provider's mock.
const mocks = useMocks()
const PATHS: Record<LlmProvider, RegExp> = {
  openai: /^\/v1\/chat\/completions$/,
  anthropic: /^\/v1\/messages$/,
  gemini: /^\/v1(beta)?\/models\/gemini-2\.5-flash:generateContent$/,
}

for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
  describe(`classification on ${provider}`, () => {
    test("a paying customer's P2 bug becomes P1, classified by this provider only", async () => {
      const harness = createHarness({ llmProvider: provider })
      await makePayingCustomer(harness.clients)
      mocks[provider].reply({ content: llmAnswer('P2', ['bug']) })
      const response = await harness.agent.fetch(await harness.openIssue('Login broken', 'Safari 18'))
      const result = (await response.json()) as TriageResult
      expect(result).toMatchObject({ priority: 'P1', payingCustomer: true, errors: [] })
      expect(mocks.github.calls('POST /repos/:owner/:repo/issues/:number/labels')[0]?.body).toEqual({
        labels: ['bug', 'P1'],
      })
      const asked = mocks[provider].requests.filter((r) => PATHS[provider].test(r.path))
      expect(asked).toHaveLength(1)
      expect(JSON.stringify(asked[0]?.body)).toContain('Safari 18')
      for (const other of (['openai', 'anthropic', 'gemini'] as const).filter((p) => p !== provider))
        expect(mocks[other].requests).toHaveLength(0)
    })

    test('unscripted, the schema-valid default is used; a provider error falls back', async () => {
      const harness = createHarness({ llmProvider: provider })
      const first = await harness.agent.fetch(await harness.openIssue('Question', 'How?'))
      expect(((await first.json()) as TriageResult).errors).toEqual([])
      mocks[provider].reply({ error: { status: 400, message: 'Bad request' } })
      const second = await harness.agent.fetch(await harness.openIssue('Another', 'Hm'))
      const result = (await second.json()) as TriageResult
      expect(result.labels).toContain('needs-triage')
      expect(result.errors.join(' ')).toContain('LLM call failed')
    })
  })
}

test('LLM_PROVIDER picks the provider and its settings; an unknown one is a ConfigError', () => {
  const base = {
    GITHUB_WEBHOOK_SECRET: 'whsec_test',
    GITHUB_TOKEN: 'ghp_test',
    SLACK_BOT_TOKEN: 'xoxb-test',
    STRIPE_SECRET_KEY: 'sk_test_123',
  }
  expect(loadConfig({ ...base, LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-test' })).toMatchObject({
    llmProvider: 'anthropic',
    anthropic: { apiKey: 'sk-ant-test', model: 'claude-haiku-4-5' },
  })
  expect(
    loadConfig({
      ...base,
      LLM_PROVIDER: 'gemini',
      GEMINI_API_KEY: 'gemini-test',
      GEMINI_BASE_URL: 'http://127.0.0.1:4010/gemini',
    }),
  ).toMatchObject({ llmProvider: 'gemini', gemini: { baseUrl: 'http://127.0.0.1:4010/gemini' } })
  expect(() => loadConfig({ ...base, LLM_PROVIDER: 'mistral' })).toThrow(
    /LLM_PROVIDER must be one of openai, anthropic, gemini/,
  )
})
