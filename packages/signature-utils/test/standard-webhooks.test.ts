import OpenAI from 'openai'
import { Webhook } from 'standardwebhooks'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { openai, standardWebhooks } from '../src/index'
import { bytes, flipChar, standardSecret as secret, T } from './common'

const body = JSON.stringify({
  id: 'evt_test',
  object: 'event',
  created_at: T,
  type: 'response.completed',
  data: { id: 'resp_test' },
})

// The official libraries read the system clock; freeze it (only Date) instead of signing with "now".
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T * 1000)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('against the standardwebhooks package', () => {
  const reference = new Webhook(secret)

  test('sign(secret, payload, { id, timestamp }) gives the same signature as Webhook#sign', async () => {
    const official = reference.sign('msg_test', new Date(T * 1000), body)
    expect(await standardWebhooks.sign(secret, body, { id: 'msg_test', timestamp: T })).toBe(official)
  })

  test('Webhook#verify accepts what headers(secret, payload) made', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    expect(reference.verify(body, headers)).toEqual(JSON.parse(body))
  })

  test('verify(secret, payload, headers) accepts what Webhook#sign made', async () => {
    const headers = {
      'webhook-id': 'msg_test',
      'webhook-timestamp': String(T),
      'webhook-signature': reference.sign('msg_test', new Date(T * 1000), body),
    }
    expect(await standardWebhooks.verify(secret, body, headers, { now: T })).toBe(true)
  })

  test('verify(secret, payload, headers) and Webhook#verify agree on a wrong secret, a stale message and a tampered body', async () => {
    const headers = await standardWebhooks.headers(secret, body, { id: 'msg_test', timestamp: T - 301 })
    const fresh = await standardWebhooks.headers(secret, body, { id: 'msg_test', timestamp: T })
    const other = `whsec_${btoa('other-secret')}`
    const cases = [
      { key: other, h: fresh, b: body },
      { key: secret, h: headers, b: body },
      { key: secret, h: fresh, b: `${body} ` },
      { key: secret, h: { ...fresh, 'webhook-id': 'msg_other' }, b: body },
      { key: secret, h: fresh, b: body },
    ]
    for (const { key, h, b } of cases) {
      let official = true
      try {
        new Webhook(key).verify(b, h)
      } catch {
        official = false
      }
      expect.soft(await standardWebhooks.verify(key, b, h)).toBe(official)
    }
  })
})

describe("against openai-node's client.webhooks.unwrap", () => {
  const client = new OpenAI({ apiKey: 'sk-test', webhookSecret: secret })

  test('unwrap accepts what openai.headers(secret, payload) made', async () => {
    const headers = await openai.headers(secret, body)
    await expect(client.webhooks.unwrap(body, headers)).resolves.toMatchObject({ type: 'response.completed' })
  })

  test('unwrap rejects what openai.headers() made with another secret', async () => {
    const headers = await openai.headers(`whsec_${btoa('other-secret')}`, body)
    await expect(client.webhooks.unwrap(body, headers)).rejects.toThrow(/signature/)
  })

  test('unwrap accepts a header with several signatures, as does verify(secret, payload, headers)', async () => {
    const headers = await openai.headers(secret, body, { id: 'msg_test' })
    const old = await openai.sign(`whsec_${btoa('old-secret')}`, body, { id: 'msg_test' })
    const rotated = { ...headers, 'webhook-signature': `${old} ${headers['webhook-signature']}` }
    await expect(client.webhooks.unwrap(body, rotated)).resolves.toBeTruthy()
    expect(await openai.verify(secret, body, rotated)).toBe(true)
  })
})

describe('standardWebhooks.verify', () => {
  test('verify(secret, payload, headers) takes a Headers object or a plain object in any case', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]))
    expect(await standardWebhooks.verify(secret, body, new Headers(headers), { now: T })).toBe(true)
    expect(await standardWebhooks.verify(secret, body, upper, { now: T })).toBe(true)
  })

  test('verify(secret, payload, headers) ignores v1a and unknown versions next to a good v1', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    const signature = `v1a,${btoa('x'.repeat(64))} v2,abc ${headers['webhook-signature']}`
    expect(await standardWebhooks.verify(secret, body, { ...headers, 'webhook-signature': signature })).toBe(
      true,
    )
  })

  test('verify(secret, payload, headers) returns false for a v1 signature that is not base64 of 32 bytes', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    for (const signature of [
      'v1,!!!',
      `v1,${btoa('short')}`,
      'v1a,abc',
      'v1',
      `v1,${btoa('x'.repeat(33))}`,
    ]) {
      expect
        .soft(
          await standardWebhooks.verifyDetailed(secret, body, { ...headers, 'webhook-signature': signature }),
        )
        .toMatchObject({ reason: 'malformed', header: 'webhook-signature' })
    }
  })

  test('verify(secret, payload, headers) returns false when the webhook-id was changed', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    expect(await standardWebhooks.verify(secret, body, { ...headers, 'webhook-id': 'msg_x' })).toBe(false)
  })

  test('verify(secret, payload, headers) returns false when webhook-id or webhook-timestamp is missing', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    for (const name of ['webhook-id', 'webhook-timestamp'] as const) {
      const { [name]: _, ...rest } = headers
      expect
        .soft(await standardWebhooks.verifyDetailed(secret, body, rest))
        .toMatchObject({ reason: 'missing_header', header: name })
    }
  })

  test('verify(secret, payload, headers) returns false for a secret without whsec_ or not base64', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    for (const bad of [secret.slice(6), 'whsec_', 'whsec_not base64!', 'whsec_-_-_']) {
      expect
        .soft(await standardWebhooks.verifyDetailed(bad, body, headers))
        .toMatchObject({ reason: 'invalid_secret' })
    }
  })

  test('verify(rawKey, payload, headers) takes the key as bytes', async () => {
    const headers = await standardWebhooks.headers(bytes('test-secret'), body, { timestamp: T })
    expect(await standardWebhooks.verify(secret, body, headers)).toBe(true)
    expect(await standardWebhooks.verify(bytes('test-secret'), body, headers)).toBe(true)
  })

  test('verify(secret, payload, headers) returns false for a tampered signature', async () => {
    const headers = await standardWebhooks.headers(secret, body, { timestamp: T })
    const tampered = { ...headers, 'webhook-signature': flipChar(headers['webhook-signature']!, 5) }
    expect(await standardWebhooks.verifyDetailed(secret, body, tampered)).toMatchObject({
      reason: 'mismatch',
    })
  })
})

describe('standardWebhooks.sign and headers', () => {
  test('headers(secret, payload) gives webhook-id, webhook-timestamp, webhook-signature and content-type', async () => {
    const headers = await standardWebhooks.headers(secret, body)
    expect(Object.keys(headers).sort()).toEqual([
      'content-type',
      'webhook-id',
      'webhook-signature',
      'webhook-timestamp',
    ])
    expect(headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9]{27}$/)
    expect(headers['webhook-timestamp']).toBe(String(T))
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
  })

  test('sign(secret, payload, {}) throws an InvalidArgumentError naming options.id', async () => {
    await expect(standardWebhooks.sign(secret, body, {} as never)).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'options.id',
    })
  })

  test('sign(secret, payload, options) throws for a secret that is not whsec_<base64>, showing one that is', async () => {
    await expect(standardWebhooks.sign('whsec_test!', body, { id: 'msg_1' })).rejects.toThrow(
      /\[understudy:signature-utils\] Failed to sign a Standard Webhooks message: .* whsec_/,
    )
    await expect(standardWebhooks.sign('plain-secret', body, { id: 'msg_1' })).rejects.toMatchObject({
      argument: 'secret',
    })
  })
})
