// The contract every scheme keeps, run once per scheme (like hono's common.case.test.ts).

import { describe, expect, test } from 'vitest'
import { bytes, payload, T } from './common'
import { at, schemes } from './schemes'

describe.each(schemes)('$name', (scheme) => {
  const { secret } = scheme
  const now = at(T)

  test('verify(secret, payload, signed) returns true for what sign(secret, payload) made', async () => {
    const signed = await scheme.sign(secret, payload, T)
    expect(await scheme.verify(secret, payload, signed, now)).toBe(true)
    expect(await scheme.verifyDetailed(secret, payload, signed, now)).toEqual({ ok: true })
  })

  test('verify(secret, bytes, signed) returns true for the same body as a Uint8Array', async () => {
    const fromString = await scheme.sign(secret, payload, T)
    const fromBytes = await scheme.sign(secret, bytes(payload), T)
    expect(fromBytes).toEqual(fromString)
    expect(await scheme.verify(secret, bytes(payload), fromString, now)).toBe(true)
    expect(await scheme.verify(secret, Buffer.from(payload), fromString, now)).toBe(true)
  })

  test('verify(secret, "", signed) returns true for an empty body', async () => {
    expect(await scheme.verify(secret, '', await scheme.sign(secret, '', T), now)).toBe(true)
  })

  test('verify(secret, payload, signed) returns false for a wrong secret', async () => {
    const signed = await scheme.sign(secret, payload, T)
    const other = scheme.name === 'standardWebhooks' ? `whsec_${btoa('other-secret')}` : `${secret}_other`
    expect(await scheme.verify(other, payload, signed, now)).toBe(false)
    expect(await scheme.verifyDetailed(other, payload, signed, now)).toMatchObject({
      ok: false,
      reason: 'mismatch',
    })
  })

  test('verify(secret, payload, signed) returns false for a tampered body', async () => {
    const signed = await scheme.sign(secret, payload, T)
    const tampered = [
      payload.replace('opened', 'closed'),
      `${payload}\n`,
      JSON.stringify(JSON.parse(payload), null, 2), // re-serialized: same data, other bytes
      payload.slice(0, -1),
    ]
    for (const body of tampered) {
      expect.soft(await scheme.verify(secret, body, signed, now), body).toBe(false)
    }
    expect(await scheme.verifyDetailed(secret, tampered[0], signed, now)).toMatchObject({
      reason: 'mismatch',
    })
  })

  test('verify(secret, payload, signed) returns false for a tampered signature', async () => {
    const signed = scheme.tamper(await scheme.sign(secret, payload, T))
    expect(await scheme.verify(secret, payload, signed, now)).toBe(false)
    expect(await scheme.verifyDetailed(secret, payload, signed, now)).toMatchObject({ reason: 'mismatch' })
  })

  test('verify(secret, payload, signed) returns false when the signature header is missing', async () => {
    const signed = scheme.withoutSignature(await scheme.sign(secret, payload, T))
    expect(await scheme.verify(secret, payload, signed, now)).toBe(false)
    expect(await scheme.verifyDetailed(secret, payload, signed, now)).toMatchObject({
      ok: false,
      reason: 'missing_header',
      header: scheme.signatureHeader,
    })
  })

  test('verify(secret, payload, signed) returns false for a malformed signature header', async () => {
    const signed = await scheme.sign(secret, payload, T)
    for (const value of ['garbage', 'sha256=zz', 'v0=', 't=1,v1=', 'v1,', ' ', 'sha256=' + 'a'.repeat(63)]) {
      const result = await scheme.verifyDetailed(secret, payload, scheme.withSignature(signed, value), now)
      expect.soft(result.ok, value).toBe(false)
      expect.soft(['malformed', 'missing_header'], value).toContain(!result.ok && result.reason)
    }
  })

  test('verify(secret, payload, signed) never throws for a bad secret, payload or options', async () => {
    const signed = await scheme.sign(secret, payload, T)
    const secrets = [undefined, null, '', 0, 42, {}, [], Symbol('s'), () => secret, new Uint8Array(0)]
    for (const bad of secrets) {
      expect.soft(await scheme.verify(bad, payload, signed, now)).toBe(false)
      expect
        .soft(await scheme.verifyDetailed(bad, payload, signed, now))
        .toMatchObject({ reason: 'invalid_secret' })
    }
    for (const bad of [undefined, null, 0, {}, JSON.parse(payload), [1, 2], new ArrayBuffer(2)]) {
      expect
        .soft(await scheme.verifyDetailed(secret, bad, signed, now))
        .toMatchObject({ reason: 'invalid_payload' })
    }
    for (const bad of ['x', 5, { toleranceSeconds: -1 }, { toleranceSeconds: Number.NaN }, { now: 'soon' }]) {
      const result = await scheme.verifyDetailed(secret, payload, signed, bad)
      // github has no options to get wrong.
      if (scheme.timestamped) expect.soft(result).toMatchObject({ reason: 'invalid_options' })
      else expect.soft(result.ok).toBe(true)
    }
  })

  test('verifyDetailed(secret, payload, signed) explains a failure in its message', async () => {
    const result = await scheme.verifyDetailed(secret, payload, scheme.withoutSignature({}), now)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toMatch(/missing/)
  })

  // github signs no timestamp: these tests exist only for the other schemes.
  if (scheme.timestamped)
    describe('timestamps', () => {
      test('verify(secret, payload, signed) returns false for a stale timestamp', async () => {
        const signed = await scheme.sign(secret, payload, T)
        expect(await scheme.verify(secret, payload, signed, at(T + 301))).toBe(false)
        const result = await scheme.verifyDetailed(secret, payload, signed, at(T + 301))
        expect(result).toMatchObject({ ok: false, reason: 'expired' })
        expect(!result.ok && result.message).toContain('301 s older')
      })

      test('verify(secret, payload, signed) returns true at the edge of the default 300 s tolerance', async () => {
        const signed = await scheme.sign(secret, payload, T)
        expect(await scheme.verify(secret, payload, signed, at(T + 300))).toBe(true)
        expect(await scheme.verify(secret, payload, signed, at(T - 300))).toBe(true)
      })

      test('verify(secret, payload, signed) returns false for a timestamp too far in the future', async () => {
        const signed = await scheme.sign(secret, payload, T)
        expect(await scheme.verifyDetailed(secret, payload, signed, at(T - 301))).toMatchObject({
          reason: 'not_yet_valid',
        })
      })

      test('verify(secret, payload, signed, { toleranceSeconds }) widens or narrows the window', async () => {
        const signed = await scheme.sign(secret, payload, T)
        expect(await scheme.verify(secret, payload, signed, at(T + 500, 600))).toBe(true)
        expect(await scheme.verify(secret, payload, signed, at(T + 10, 5))).toBe(false)
        expect(await scheme.verify(secret, payload, signed, at(T, 0))).toBe(true)
        expect(await scheme.verify(secret, payload, signed, at(T + 1e9, Number.POSITIVE_INFINITY))).toBe(true)
      })

      test('verify(secret, payload, signed) uses the system clock when now is not given', async () => {
        const fresh = await scheme.sign(secret, payload, Math.floor(Date.now() / 1000))
        expect(await scheme.verify(secret, payload, fresh)).toBe(true)
        expect(await scheme.verify(secret, payload, await scheme.sign(secret, payload, T))).toBe(false)
      })

      test('verifyDetailed(secret, payload, signed) hints at milliseconds for a far-future timestamp', async () => {
        const signed = await scheme.sign(secret, payload, T * 1000)
        const result = await scheme.verifyDetailed(secret, payload, signed, now)
        expect(!result.ok && result.message).toMatch(/milliseconds/)
      })
    })
})
