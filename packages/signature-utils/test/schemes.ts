// One adapter per scheme, so the contract every scheme keeps (round trip, wrong secret, tampering,
// tolerance, never throwing) is written once, in contract.test.ts and fuzz.test.ts.

import { github, slack, standardWebhooks, stripe } from '../src/index'
import type { Payload, TimestampOptions, VerifyResult } from '../src/types'
import { flipChar, githubSecret, slackSecret, standardSecret, stripeSecret } from './common'

export interface SchemeUnderTest {
  name: string
  secret: string
  /** Whether a timestamp is signed and checked against `toleranceSeconds`. */
  timestamped: boolean
  /** The header that carries the signature, lower-case. */
  signatureHeader: string
  /** Signs, giving what `verify` takes as its third argument. */
  sign(secret: string, payload: Payload, timestamp: number): Promise<unknown>
  verify(secret: unknown, payload: unknown, signed: unknown, options?: unknown): Promise<boolean>
  verifyDetailed(secret: unknown, payload: unknown, signed: unknown, options?: unknown): Promise<VerifyResult>
  /** The same signed value with one character of the signature changed. */
  tamper(signed: unknown): unknown
  /** The same signed value without the signature header. */
  withoutSignature(signed: unknown): unknown
  /** The same signed value with `signature` in place of the real one (for fuzzing). */
  withSignature(signed: unknown, signature: unknown): unknown
}

type Loose = (...args: unknown[]) => Promise<never>
const loose = <T>(fn: T) => fn as unknown as Loose

export const schemes: SchemeUnderTest[] = [
  {
    name: 'github',
    secret: githubSecret,
    timestamped: false,
    signatureHeader: 'x-hub-signature-256',
    sign: (secret, payload) => github.sign(secret, payload),
    verify: loose(github.verify),
    verifyDetailed: loose(github.verifyDetailed),
    tamper: (signed) => flipChar(signed as string),
    withoutSignature: () => undefined,
    withSignature: (_signed, signature) => signature,
  },
  {
    name: 'slack',
    secret: slackSecret,
    timestamped: true,
    signatureHeader: 'x-slack-signature',
    sign: (secret, payload, timestamp) => slack.sign(secret, payload, timestamp),
    verify: loose(slack.verify),
    verifyDetailed: loose(slack.verifyDetailed),
    tamper: (signed) => {
      const s = signed as slack.SlackSignature
      return { ...s, signature: flipChar(s.signature) }
    },
    withoutSignature: (signed) => ({ ...(signed as slack.SlackSignature), signature: undefined }),
    withSignature: (signed, signature) => ({ ...(signed as slack.SlackSignature), signature }),
  },
  {
    name: 'stripe',
    secret: stripeSecret,
    timestamped: true,
    signatureHeader: 'stripe-signature',
    sign: (secret, payload, timestamp) => stripe.sign(secret, payload, timestamp),
    verify: loose(stripe.verify),
    verifyDetailed: loose(stripe.verifyDetailed),
    tamper: (signed) => flipChar(signed as string),
    withoutSignature: () => undefined,
    withSignature: (_signed, signature) => signature,
  },
  {
    name: 'standardWebhooks',
    secret: standardSecret,
    timestamped: true,
    signatureHeader: 'webhook-signature',
    sign: (secret, payload, timestamp) =>
      standardWebhooks.headers(secret, payload, { id: 'msg_test', timestamp }),
    verify: loose(standardWebhooks.verify),
    verifyDetailed: loose(standardWebhooks.verifyDetailed),
    tamper: (signed) => {
      const h = signed as Record<string, string>
      return { ...h, 'webhook-signature': flipChar(h['webhook-signature']!, 3) }
    },
    withoutSignature: (signed) => {
      const { 'webhook-signature': _, ...rest } = signed as Record<string, string>
      return rest
    },
    withSignature: (signed, signature) => ({
      ...(signed as Record<string, string>),
      'webhook-signature': signature,
    }),
  },
]

export const at = (now: number, toleranceSeconds?: number): TimestampOptions =>
  toleranceSeconds === undefined ? { now } : { now, toleranceSeconds }
