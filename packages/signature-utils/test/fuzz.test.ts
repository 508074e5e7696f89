// Property-based tests: whatever verify is given, it resolves a boolean, and it never says true for a
// signature that was not made with the secret and body at hand.

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { github, slack, standardWebhooks, stripe } from '../src/index'
import { payload, T } from './common'
import { at, schemes } from './schemes'

const NUM_RUNS = 300

/** Anything at all, plus the values that look almost right. */
const junk = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.uint8Array(),
  fc.constantFrom(undefined, null, '', 0, Number.NaN, Number.POSITIVE_INFINITY, -1, true, [], {}),
  fc.stringMatching(/^sha256=[0-9a-fA-F]{0,70}$/),
  fc.stringMatching(/^v0=[0-9a-f]{64}$/),
  fc.stringMatching(/^t=\d{1,12}(,v[01]=[0-9a-f]{64}){0,3}$/),
  fc.stringMatching(/^(v1,[A-Za-z0-9+/]{43}= ?){1,3}$/),
)

/** An object whose every property access throws `thrown`. */
const hostileThrowing = (thrown: () => unknown) =>
  new Proxy(
    {},
    {
      get() {
        throw thrown()
      },
      has() {
        throw thrown()
      },
      ownKeys() {
        throw thrown()
      },
      getPrototypeOf() {
        throw thrown()
      },
    },
  )
const hostile = hostileThrowing(() => new Error('hostile'))
// Throws a value that cannot even be turned into a string.
const nastier = hostileThrowing(() => Object.create(null))

// HMAC pads keys shorter than its block with zero bytes, so "k" and "k\0" are the same key by design:
// secrets here have no NUL.
const secretText = fc.string({ minLength: 1 }).filter((s) => !s.includes('\0'))
const toStandardSecret = (text: string) => `whsec_${Buffer.from(text).toString('base64')}`

describe.each(schemes)('$name', (scheme) => {
  test('verify(anything, anything, anything, anything) resolves a boolean and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(junk, junk, junk, junk, async (secret, body, header, options) => {
        const ok = await scheme.verify(secret, body, header, options)
        expect(typeof ok).toBe('boolean')
        const detailed = await scheme.verifyDetailed(secret, body, header, options)
        expect(typeof detailed.ok).toBe('boolean')
        if (!detailed.ok) expect(typeof detailed.message).toBe('string')
      }),
      { numRuns: NUM_RUNS },
    )
  })

  test('verify(secret, payload, signed) never throws for objects whose getters throw', async () => {
    const signed = await scheme.sign(scheme.secret, payload, T)
    for (const args of [
      [hostile, payload, signed, at(T)],
      [scheme.secret, hostile, signed, at(T)],
      [scheme.secret, payload, hostile, at(T)],
      [scheme.secret, payload, scheme.withSignature(signed, hostile), at(T)],
      [nastier, nastier, nastier, nastier],
      [scheme.secret, payload, scheme.withSignature(signed, nastier), at(T)],
      // github takes no options, so only the others can be handed hostile ones.
      ...(scheme.timestamped ? [[scheme.secret, payload, signed, hostile]] : []),
    ]) {
      await expect(scheme.verify(...(args as [unknown, unknown, unknown, unknown]))).resolves.toBe(false)
    }
  })

  test('verify(secret, payload, randomSignature) never returns true for a signature it did not make', async () => {
    const signed = await scheme.sign(scheme.secret, payload, T)
    await fc.assert(
      fc.asyncProperty(junk, async (signature) => {
        const forged = scheme.withSignature(signed, signature)
        fc.pre(JSON.stringify(forged) !== JSON.stringify(signed))
        expect(await scheme.verify(scheme.secret, payload, forged, at(T))).toBe(false)
      }),
      { numRuns: NUM_RUNS },
    )
  })

  test('verify(otherSecret, otherBody, signed) returns false for any other secret or body', async () => {
    await fc.assert(
      fc.asyncProperty(secretText, secretText, fc.string(), fc.string(), async (a, b, bodyA, bodyB) => {
        fc.pre(a !== b || bodyA !== bodyB)
        const secretA = scheme.name === 'standardWebhooks' ? toStandardSecret(a) : a
        const secretB = scheme.name === 'standardWebhooks' ? toStandardSecret(b) : b
        const signed = await scheme.sign(secretA, bodyA, T)
        expect(await scheme.verify(secretA, bodyA, signed, at(T))).toBe(true)
        expect(await scheme.verify(secretB, bodyB, signed, at(T))).toBe(false)
      }),
      { numRuns: NUM_RUNS },
    )
  })

  test('verify(secret, bytes, sign(secret, bytes)) round-trips any body and timestamp', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 512 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        async (body, ts) => {
          const signed = await scheme.sign(scheme.secret, body, ts)
          expect(await scheme.verify(scheme.secret, body, signed, at(ts))).toBe(true)
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })
})

test('verifyRequest(secret, hostile) resolves a failure and never throws', async () => {
  for (const request of [hostile, nastier]) {
    expect((await github.verifyRequest('s', request as never)).ok).toBe(false)
    expect((await standardWebhooks.verifyRequest(hostile as never, request as never)).ok).toBe(false)
  }
})

test('verifyRequest(secret, anything) resolves a failure and never throws', async () => {
  const helpers = [
    github.verifyRequest,
    slack.verifyRequest,
    stripe.verifyRequest,
    standardWebhooks.verifyRequest,
  ]
  await fc.assert(
    fc.asyncProperty(junk, junk, async (secret, request) => {
      for (const verifyRequest of helpers) {
        const result = await (verifyRequest as (s: unknown, r: unknown) => Promise<{ ok: boolean }>)(
          secret,
          request,
        )
        expect(result.ok).toBe(false)
      }
    }),
    { numRuns: 100 },
  )
})
