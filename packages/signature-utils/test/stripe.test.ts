import Stripe from 'stripe'
import { describe, expect, test } from 'vitest'
import { stripe } from '../src/index'
import { bytes, stripeSecret as secret, T } from './common'

const client = new Stripe('sk_test_123')
const event = JSON.stringify({
  id: 'evt_test',
  object: 'event',
  type: 'customer.created',
  data: { object: {} },
})

describe('against stripe-node', () => {
  test('sign(secret, payload, timestamp) gives the same header as generateTestHeaderString', async () => {
    const official = client.webhooks.generateTestHeaderString({ payload: event, secret, timestamp: T })
    expect(await stripe.sign(secret, event, T)).toBe(official)
  })

  test('constructEvent accepts what sign(secret, payload, timestamp) made', async () => {
    const header = await stripe.sign(secret, event, T)
    // receivedAt (milliseconds) pins stripe-node's clock, as `now` pins ours.
    const parsed = client.webhooks.constructEvent(event, header, secret, 300, undefined, T * 1000)
    expect(parsed.id).toBe('evt_test')
  })

  test('constructEvent accepts what headers(secret, bytes) made from a Buffer body', async () => {
    const headers = await stripe.headers(secret, bytes(event), T)
    const parsed = client.webhooks.constructEvent(
      Buffer.from(event),
      headers['Stripe-Signature']!,
      secret,
      300,
      undefined,
      T * 1000,
    )
    expect(parsed.type).toBe('customer.created')
  })

  test('verify(secret, payload, header) accepts what generateTestHeaderString made', async () => {
    const header = client.webhooks.generateTestHeaderString({ payload: event, secret, timestamp: T })
    expect(await stripe.verify(secret, event, header, { now: T })).toBe(true)
  })

  test('verify(secret, payload, header) and constructEvent agree on a wrong secret, a stale event and a tampered body', async () => {
    const header = await stripe.sign(secret, event, T)
    const cases = [
      { key: 'whsec_other', body: event, now: T },
      { key: secret, body: event, now: T + 301 },
      { key: secret, body: event.replace('customer', 'invoice'), now: T },
      { key: secret, body: event, now: T + 299 },
    ]
    for (const { key, body, now } of cases) {
      let official = true
      try {
        client.webhooks.constructEvent(body, header, key, 300, undefined, now * 1000)
      } catch {
        official = false
      }
      expect.soft(await stripe.verify(key, body, header, { now })).toBe(official)
    }
  })
})

describe('stripe.verify', () => {
  test('verify(secret, payload, header) accepts any of several v1 signatures (secret rolling)', async () => {
    const ours = (await stripe.sign(secret, event, T)).split(',')[1]!
    const old = (await stripe.sign('whsec_old', event, T)).split(',')[1]!
    expect(await stripe.verify(secret, event, `t=${T},${old},${ours}`, { now: T })).toBe(true)
    expect(await stripe.verify(secret, event, `t=${T},${ours},${old}`, { now: T })).toBe(true)
    expect(await stripe.verify('whsec_old', event, `t=${T},${ours},${old}`, { now: T })).toBe(true)
    expect(await stripe.verify('whsec_none', event, `t=${T},${ours},${old}`, { now: T })).toBe(false)
  })

  test('verify(secret, payload, header) ignores v0 and unknown schemes', async () => {
    const header = await stripe.sign(secret, event, T)
    const withExtras = `${header},v0=${'0'.repeat(64)},v2=abc,foo`
    expect(await stripe.verify(secret, event, withExtras, { now: T })).toBe(true)
  })

  test('verify(secret, payload, header) returns false when only a v0 signature is present', async () => {
    const v1 = (await stripe.sign(secret, event, T)).split('v1=')[1]!
    const result = await stripe.verifyDetailed(secret, event, `t=${T},v0=${v1}`, { now: T })
    expect(result).toMatchObject({ ok: false, reason: 'malformed', header: 'stripe-signature' })
  })

  test('verify(secret, payload, header) skips a malformed v1 entry and still matches a good one', async () => {
    const header = await stripe.sign(secret, event, T)
    expect(await stripe.verify(secret, event, `${header},v1=nothex`, { now: T })).toBe(true)
  })

  test('verify(secret, payload, header) returns false without a t= timestamp, or with two', async () => {
    const v1 = (await stripe.sign(secret, event, T)).split(',')[1]!
    for (const header of [v1, `t=${T},t=${T},${v1}`, `t=abc,${v1}`, `t=,${v1}`]) {
      expect
        .soft(await stripe.verifyDetailed(secret, event, header, { now: T }))
        .toMatchObject({ reason: 'malformed' })
    }
  })

  test('verify(secret, payload, header) returns false when the timestamp was changed', async () => {
    const header = await stripe.sign(secret, event, T)
    expect(await stripe.verify(secret, event, header.replace(`t=${T}`, `t=${T + 1}`), { now: T })).toBe(false)
  })

  test('verifyDetailed(secret, payload, header) hints that a Stripe secret starts with whsec_', async () => {
    const header = await stripe.sign(secret, event, T)
    const result = await stripe.verifyDetailed('sk_test_123', event, header, { now: T })
    expect(!result.ok && result.message).toMatch(/whsec_/)
  })
})

describe('stripe.headers', () => {
  test('headers(secret, payload, timestamp) gives the header set Stripe sends', async () => {
    expect(await stripe.headers(secret, event, T)).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'Stripe-Signature': client.webhooks.generateTestHeaderString({ payload: event, secret, timestamp: T }),
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    })
  })

  test('sign(secret, payload, timestamp) throws an InvalidArgumentError for a timestamp that is not whole seconds', async () => {
    await expect(stripe.sign(secret, event, Date.now() / 1000)).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'timestamp',
    })
  })
})
