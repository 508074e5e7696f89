// verifyRequest: an agent's webhook endpoint in one call, driven with real web Requests.

import { describe, expect, test } from 'vitest'
import { github, openai, slack, stripe } from '../src/index'
import { githubSecret, payload, slackSecret, standardSecret, stripeSecret, T } from './common'

const url = 'http://127.0.0.1/webhooks'
const post = (body: BodyInit, headers: Record<string, string>) =>
  new Request(url, { method: 'POST', body, headers })

describe('github.verifyRequest', () => {
  test('verifyRequest(secret, request) returns the parsed payload, raw body, event and delivery', async () => {
    const headers = await github.headers(githubSecret, payload, { event: 'issues', delivery: 'd-1' })
    const result = await github.verifyRequest<{ action: string }>(githubSecret, post(payload, headers))
    expect(result).toEqual({
      ok: true,
      payload: JSON.parse(payload),
      rawBody: payload,
      event: 'issues',
      delivery: 'd-1',
    })
    if (result.ok) expect(result.payload.action).toBe('opened')
  })

  test('verifyRequest(secret, request) parses the payload field of a form-encoded hook', async () => {
    const form = `payload=${encodeURIComponent(payload)}`
    const headers = await github.headers(githubSecret, form, { event: 'issues' })
    const result = await github.verifyRequest(githubSecret, post(form, headers))
    expect(result).toMatchObject({ ok: true, payload: JSON.parse(payload), rawBody: form })
  })

  test('verifyRequest(secret, request) returns the failure of a bad signature', async () => {
    const headers = await github.headers('other', payload, { event: 'issues' })
    expect(await github.verifyRequest(githubSecret, post(payload, headers))).toMatchObject({
      ok: false,
      reason: 'mismatch',
    })
    expect(await github.verifyRequest(githubSecret, post(payload, {}))).toMatchObject({
      reason: 'missing_header',
    })
  })

  test('verifyRequest(secret, request) returns invalid_request for a body that was already read', async () => {
    const request = post(payload, await github.headers(githubSecret, payload, { event: 'issues' }))
    await request.text()
    const result = await github.verifyRequest(githubSecret, request)
    expect(result).toMatchObject({ ok: false, reason: 'invalid_request' })
    expect(!result.ok && result.message).toMatch(/request\.clone\(\)/)
  })

  test('verifyRequest(secret, request.clone()) leaves the original request readable', async () => {
    const request = post(payload, await github.headers(githubSecret, payload, { event: 'issues' }))
    expect((await github.verifyRequest(githubSecret, request.clone())).ok).toBe(true)
    expect(await request.text()).toBe(payload)
  })

  test('verifyRequest(secret, request) returns invalid_body for a signed body that is not JSON', async () => {
    const body = '{not json'
    const headers = {
      ...(await github.headers(githubSecret, body, { event: 'issues' })),
      'Content-Type': 'application/json',
    }
    expect(await github.verifyRequest(githubSecret, post(body, headers))).toMatchObject({
      ok: false,
      reason: 'invalid_body',
    })
  })

  test('verifyRequest(secret, notARequest) never throws', async () => {
    const throwing = {
      headers: {
        get() {
          throw new Error('boom')
        },
      },
      arrayBuffer: async () => new ArrayBuffer(0),
    }
    for (const bad of [undefined, null, 'POST /', {}, { headers: {} }, throwing]) {
      const result = await github.verifyRequest(githubSecret, bad as never)
      expect.soft(result.ok).toBe(false)
    }
  })
})

describe('slack.verifyRequest', () => {
  test('verifyRequest(secret, request) returns a slash command as its fields', async () => {
    const body =
      'command=%2Fdeploy&text=staging+now&user_id=U123&response_url=https%3A%2F%2Fhooks.slack.com%2Fx'
    const result = await slack.verifyRequest(
      slackSecret,
      post(body, await slack.headers(slackSecret, body, T)),
      {
        now: T,
      },
    )
    expect(result).toEqual({
      ok: true,
      payload: {
        command: '/deploy',
        text: 'staging now',
        user_id: 'U123',
        response_url: 'https://hooks.slack.com/x',
      },
      rawBody: body,
      timestamp: T,
    })
  })

  test('verifyRequest(secret, request) returns the JSON of an interactivity payload= body', async () => {
    const action = { type: 'block_actions', user: { id: 'U123' }, actions: [{ action_id: 'approve' }] }
    const body = `payload=${encodeURIComponent(JSON.stringify(action))}`
    const result = await slack.verifyRequest(
      slackSecret,
      post(body, await slack.headers(slackSecret, body, T)),
      {
        now: T,
      },
    )
    expect(result).toMatchObject({ ok: true, payload: action })
  })

  test('verifyRequest(secret, request) returns an Events API url_verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' })
    const result = await slack.verifyRequest<{ challenge: string }>(
      slackSecret,
      post(body, await slack.headers(slackSecret, body, T)),
      { now: T },
    )
    expect(result.ok && result.payload.challenge).toBe('c-123')
  })

  test('verifyRequest(secret, request) returns false for a stale request', async () => {
    const body = 'command=%2Fdeploy'
    const request = post(body, await slack.headers(slackSecret, body, T))
    expect(await slack.verifyRequest(slackSecret, request, { now: T + 600 })).toMatchObject({
      reason: 'expired',
    })
  })
})

describe('stripe.verifyRequest', () => {
  test('verifyRequest(secret, request) returns the event and its timestamp', async () => {
    const event = JSON.stringify({
      id: 'evt_test',
      object: 'event',
      type: 'invoice.paid',
      data: { object: {} },
    })
    const result = await stripe.verifyRequest<{ type: string }>(
      stripeSecret,
      post(event, await stripe.headers(stripeSecret, event, T)),
      { now: T },
    )
    expect(result).toMatchObject({
      ok: true,
      payload: { type: 'invoice.paid' },
      rawBody: event,
      timestamp: T,
    })
  })
})

describe('openai.verifyRequest (Standard Webhooks)', () => {
  test('verifyRequest(secret, request) returns the event, the webhook-id and the timestamp', async () => {
    const event = JSON.stringify({ id: 'evt_test', type: 'response.completed', data: { id: 'resp_test' } })
    const headers = await openai.headers(standardSecret, event, { id: 'msg_test', timestamp: T })
    const result = await openai.verifyRequest(standardSecret, post(event, headers), { now: T })
    expect(result).toEqual({
      ok: true,
      payload: JSON.parse(event),
      rawBody: event,
      id: 'msg_test',
      timestamp: T,
    })
  })

  test('verifyRequest(secret, request) verifies the raw bytes of a binary body', async () => {
    const body = new Uint8Array([0xff, 0x00, 0x7b, 0x80])
    const headers = await openai.headers(standardSecret, body, { id: 'msg_bin', timestamp: T })
    const request = post(body, { ...headers, 'content-type': 'application/octet-stream' })
    expect(await openai.verifyRequest(standardSecret, request, { now: T })).toMatchObject({ ok: true })
  })
})
