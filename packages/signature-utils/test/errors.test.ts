// sign and headers throw only when called wrongly, with a typed error that says how to fix the call.

import { describe, expect, test } from 'vitest'
import {
  github,
  InvalidArgumentError,
  isSignatureUtilsError,
  SignatureUtilsError,
  slack,
  standardWebhooks,
  stripe,
} from '../src/index'
import { githubSecret, payload, slackSecret, standardSecret, stripeSecret, T } from './common'

type Call = (secret: unknown, body: unknown) => Promise<unknown>

const calls: [string, Call, string][] = [
  ['github.sign', (s, b) => github.sign(s as string, b as string), githubSecret],
  ['github.headers', (s, b) => github.headers(s as string, b as string, { event: 'ping' }), githubSecret],
  ['slack.sign', (s, b) => slack.sign(s as string, b as string, T), slackSecret],
  ['slack.headers', (s, b) => slack.headers(s as string, b as string, T), slackSecret],
  ['stripe.sign', (s, b) => stripe.sign(s as string, b as string, T), stripeSecret],
  ['stripe.headers', (s, b) => stripe.headers(s as string, b as string, T), stripeSecret],
  [
    'standardWebhooks.sign',
    (s, b) => standardWebhooks.sign(s as string, b as string, { id: 'msg_1', timestamp: T }),
    standardSecret,
  ],
  [
    'standardWebhooks.headers',
    (s, b) => standardWebhooks.headers(s as string, b as string, { timestamp: T }),
    standardSecret,
  ],
]

describe.each(calls)('%s', (_name, call, secret) => {
  test.each([undefined, null, '', 42])(
    '%s(secret = %j) throws an InvalidArgumentError naming the secret',
    async (bad) => {
      const error = await call(bad, payload).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidArgumentError)
      expect(error).toMatchObject({ name: 'InvalidArgumentError', argument: 'secret' })
      expect((error as Error).message).toMatch(
        /^\[understudy:signature-utils\] Failed to (sign|build) .*secret/,
      )
      expect(isSignatureUtilsError(error)).toBe(true)
    },
  )

  test('throws an InvalidArgumentError for a parsed object instead of the raw body, suggesting JSON.stringify', async () => {
    await expect(call(secret, JSON.parse(payload))).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'payload',
      message: expect.stringContaining('JSON.stringify'),
    })
  })

  test('does not echo the secret in its message', async () => {
    const error = (await call(secret, { not: 'a body' }).catch((e: unknown) => e)) as Error
    expect(error.message).not.toContain(secret)
  })
})

test('isSignatureUtilsError(error) is false for other errors', () => {
  expect(isSignatureUtilsError(new Error('[understudy:core] x'))).toBe(false)
  expect(isSignatureUtilsError(new TypeError('boom'))).toBe(false)
  expect(isSignatureUtilsError('[understudy:signature-utils] string')).toBe(false)
  expect(isSignatureUtilsError(new SignatureUtilsError('x'))).toBe(true)
})

test('SignatureUtilsError adds the package prefix once', () => {
  expect(new SignatureUtilsError('[understudy:signature-utils] already').message).toBe(
    '[understudy:signature-utils] already',
  )
  expect(new SignatureUtilsError('plain').message).toBe('[understudy:signature-utils] plain')
})
