import { createWebhookRequest } from '@understudy/mock-github'
import { describe, expect, test } from 'vitest'
import type { TriageResult } from '../src/triage'
import { createHarness, llmAnswer, makePayingCustomer, useMocks } from './helpers'

const mocks = useMocks()
const LABELS_ROUTE = 'POST /repos/:owner/:repo/issues/:number/labels'
const COMMENTS_ROUTE = 'POST /repos/:owner/:repo/issues/:number/comments'

/** The logged request body of a call that must have happened. */
function bodyOf<T>(entry: { body: unknown } | undefined): T {
  expect(entry, 'the call was made').toBeDefined()
  return entry!.body as T
}

async function deliver(harness: ReturnType<typeof createHarness>, request: Request) {
  const response = await harness.agent.fetch(request)
  return { status: response.status, result: (await response.json()) as TriageResult }
}

describe('happy path: request assertions', () => {
  test("a paying customer's P2 bug becomes P1: labels, a comment naming P1, and a Slack notice", async () => {
    const harness = createHarness()
    await makePayingCustomer(harness.clients)
    mocks.openai.reply({ content: llmAnswer('P2', ['bug']) })

    const { status, result } = await deliver(harness, await harness.openIssue('Login broken', 'Safari 18'))

    expect(status).toBe(200)
    expect(result).toMatchObject({ priority: 'P1', payingCustomer: true, errors: [] })
    const [labels] = mocks.github.calls(LABELS_ROUTE)
    expect(labels?.body).toEqual({ labels: ['bug', 'P1'] })
    const comment = bodyOf<{ body: string }>(mocks.github.calls(COMMENTS_ROUTE)[0])
    expect(comment.body).toContain('P1')
    expect(comment.body).toContain('raised: paying customer')
    const notice = bodyOf<{ channel: string; text: string }>(mocks.slack.calls('/api/chat.postMessage')[0])
    expect(notice.channel).toBe('#triage')
    expect(notice.text).toMatch(/^P1 issue in octocat\/hello-world#1/)
  })

  test('the LLM is asked with a strict JSON schema and the issue text', async () => {
    const harness = createHarness()
    mocks.openai.reply({ content: llmAnswer('P3', ['question']) })
    await deliver(harness, await harness.openIssue('How do I log in?', 'Where is the button?'))
    const [call] = mocks.openai.calls('POST /v1/chat/completions')
    const body = call?.body as {
      response_format: { type: string; json_schema: { strict: boolean } }
      messages: Array<{ content: string }>
    }
    expect(body.response_format.type).toBe('json_schema')
    expect(body.response_format.json_schema.strict).toBe(true)
    expect(body.messages.at(-1)?.content).toContain('Where is the button?')
    // P3 for a non-customer: no Slack notice at all.
    expect(mocks.slack.calls('/api/chat.postMessage')).toHaveLength(0)
  })
})

describe('edge cases: the agent degrades as designed', () => {
  test('LLM 429 with Retry-After, then success: openai-node retries and the model answer is used', async () => {
    const harness = createHarness()
    mocks.openai.reply([{ error: { status: 429, retryAfter: 0 } }, { content: llmAnswer('P2', ['bug']) }])
    const { result } = await deliver(harness, await harness.openIssue('Crash on start'))
    expect(result.steps.llm).toBe('model')
    expect(mocks.openai.calls('POST /v1/chat/completions').map((c) => c.status)).toEqual([429, 200])
    expect(mocks.openai.requests[0]?.responseHeaders['retry-after']).toBe('0')
  })

  test('LLM returns invalid JSON: the fallback labels the issue needs-triage', async () => {
    const harness = createHarness()
    mocks.openai.reply({ content: 'Sure! This is a bug, priority high.' })
    const { result } = await deliver(harness, await harness.openIssue('Something odd'))
    expect(result).toMatchObject({ labels: ['needs-triage', 'P2'], steps: { llm: 'fallback' } })
    expect(result.errors).toContain('the model did not answer with valid JSON')
    expect(mocks.github.calls(COMMENTS_ROUTE)).toHaveLength(1)
  })

  test('GitHub 422 on the labels call: the comment is still posted and the failure reported', async () => {
    const harness = createHarness()
    mocks.openai.reply({ content: llmAnswer('P2') })
    mocks.github.fail({
      method: 'POST',
      path: '/repos/:owner/:repo/issues/:number/labels',
      status: 422,
      message: 'Validation Failed',
    })
    const { status, result } = await deliver(harness, await harness.openIssue('Typo in docs'))
    expect(status).toBe(200)
    expect(result.steps).toMatchObject({ labels: 'failed', comment: 'ok' })
    expect(result.errors.join()).toMatch(/Labels not applied: .*Validation Failed/)
  })

  test('Slack channel_not_found: the notice fails, triage still completes', async () => {
    const harness = createHarness({
      slack: { token: 'xoxb-test', apiUrl: 'https://slack.com/api/', channel: '#no-such-channel' },
    })
    mocks.openai.reply({ content: llmAnswer('P0', ['security']) })
    const { result } = await deliver(harness, await harness.openIssue('Token leak in logs'))
    expect(result.steps).toMatchObject({ labels: 'ok', comment: 'ok', slack: 'failed' })
    expect(result.errors).toContain('Slack notice not sent: channel_not_found')
  })

  test('Stripe down: no priority raise, everything else done', async () => {
    const harness = createHarness()
    mocks.openai.reply({ content: llmAnswer('P2') })
    mocks.stripe.fail({ path: '/v1/*', status: 503, times: 'always' })
    const { result } = await deliver(harness, await harness.openIssue('Slow page'))
    expect(result).toMatchObject({
      priority: 'P2',
      payingCustomer: false,
      steps: { customer: 'unavailable', labels: 'ok' },
    })
    expect(result.errors.join()).toMatch(/Stripe unavailable/)
  })
})

describe('webhook signatures', () => {
  test('a valid signature is accepted (200)', async () => {
    const harness = createHarness()
    mocks.openai.reply({ content: llmAnswer('P3') })
    expect((await harness.agent.fetch(await harness.openIssue('Valid'))).status).toBe(200)
  })

  test('an invalid signature gets 401 and nothing else happens', async () => {
    const harness = createHarness()
    const forged = await createWebhookRequest({
      secret: 'not-the-secret',
      event: 'issues',
      payload: {
        action: 'opened',
        issue: { number: 1 },
        repository: { name: 'hello-world', owner: { login: 'octocat' } },
      },
    })
    const before = mocks.github.requests.length
    expect((await harness.agent.fetch(forged)).status).toBe(401)
    expect(mocks.github.requests).toHaveLength(before)
    expect(mocks.openai.requests).toHaveLength(0)
    expect(mocks.slack.requests).toHaveLength(0)
    expect(mocks.stripe.requests).toHaveLength(0)
  })

  test('a missing signature gets 401', async () => {
    const harness = createHarness()
    const unsigned = await createWebhookRequest({ event: 'issues', payload: { action: 'opened' } })
    expect((await harness.agent.fetch(unsigned)).status).toBe(401)
    expect(mocks.openai.requests).toHaveLength(0)
  })

  test('a replayed delivery (same X-GitHub-Delivery) is ignored: GitHub signatures carry no timestamp', async () => {
    const harness = createHarness()
    mocks.openai.reply({ content: llmAnswer('P3') })
    const request = await harness.openIssue('Once only')
    const replay = request.clone()
    expect((await harness.agent.fetch(request)).status).toBe(200)
    const second = await harness.agent.fetch(replay)
    expect(await second.json()).toEqual({ status: 'duplicate delivery ignored' })
    expect(mocks.openai.calls('POST /v1/chat/completions')).toHaveLength(1)
    expect(harness.agent.results).toHaveLength(1)
  })
})
