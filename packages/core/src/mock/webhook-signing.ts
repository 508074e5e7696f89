/**
 * How each service signs a webhook, in one place: the headers a delivery carries for its scheme, and
 * the check a receiver (or the dashboard) makes against a recorded delivery.
 *
 * @module
 */

import { github, slack, standardWebhooks, stripe } from '@understudy/signature-utils'

/**
 * The signature scheme of a delivery: `github` (X-Hub-Signature-256 and the legacy X-Hub-Signature),
 * `slack` (X-Slack-Signature v0), `stripe` (Stripe-Signature), `standard-webhooks` (webhook-signature,
 * as OpenAI sends), or `none` (unsigned).
 */
export type WebhookScheme = 'github' | 'slack' | 'stripe' | 'standard-webhooks' | 'none'

export const WEBHOOK_SCHEMES: readonly WebhookScheme[] = [
  'github',
  'slack',
  'stripe',
  'standard-webhooks',
  'none',
]

/** What a signature is computed over. */
export interface SignInput {
  readonly scheme: WebhookScheme
  readonly secret?: string | undefined
  readonly body: string
  /** Standard Webhooks' `webhook-id`. */
  readonly id?: string | undefined
  /**
   * Signed timestamp, Unix seconds. Default: wall-clock now, not the mock clock: receivers (Bolt,
   * `stripe.webhooks.constructEvent`) check it against their own clock with a five-minute tolerance.
   */
  readonly timestamp?: number | undefined
}

const encoder = new TextEncoder()

/** `X-Hub-Signature`: the legacy HMAC-SHA1 GitHub still sends beside the SHA-256 one (not in signature-utils, which only verifies what GitHub recommends). */
async function githubSha1(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  )
  const bytes = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)))
  return `sha1=${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

const wallSeconds = () => Math.floor(Date.now() / 1000)

/**
 * The signature headers for a body under a scheme; none without a secret (GitHub sends unsigned
 * deliveries to hooks that have no secret).
 *
 * @example
 * await signatureHeaders({ scheme: 'stripe', secret: 'whsec_test', body }) // { 'Stripe-Signature': 't=…,v1=…' }
 */
export async function signatureHeaders(input: SignInput): Promise<Record<string, string>> {
  const { scheme, secret, body } = input
  if (scheme === 'none' || !secret) return {}
  switch (scheme) {
    case 'github': {
      const [sha1, sha256] = await Promise.all([githubSha1(secret, body), github.sign(secret, body)])
      return { 'X-Hub-Signature': sha1, 'X-Hub-Signature-256': sha256 }
    }
    case 'slack': {
      const signed = await slack.sign(secret, body, input.timestamp ?? wallSeconds())
      return { 'X-Slack-Request-Timestamp': String(signed.timestamp), 'X-Slack-Signature': signed.signature }
    }
    case 'stripe':
      return { 'Stripe-Signature': await stripe.sign(secret, body, input.timestamp ?? wallSeconds()) }
    case 'standard-webhooks': {
      const id = input.id ?? `msg_${crypto.randomUUID().replace(/-/g, '')}`
      const timestamp = input.timestamp ?? wallSeconds()
      return {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': await standardWebhooks.sign(secret, body, { id, timestamp }),
      }
    }
  }
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value
  return undefined
}

/**
 * Checks a recorded delivery's signature with the secret it was signed with, as its receiver would.
 * Resolves `undefined` for unsigned deliveries; never throws.
 *
 * @example
 * const ok = await verifyDelivery(mock.webhooks.deliveries[0]) // true
 */
export async function verifyDelivery(delivery: {
  readonly scheme: WebhookScheme
  readonly secret?: string | undefined
  readonly body: string
  readonly headers: Record<string, string>
}): Promise<boolean | undefined> {
  const { scheme, secret, body, headers } = delivery
  if (scheme === 'none' || !secret) return undefined
  // Recorded deliveries are checked after the fact, so the timestamp tolerance does not apply.
  const whenever = { toleranceSeconds: Number.MAX_SAFE_INTEGER }
  switch (scheme) {
    case 'github':
      return github.verify(secret, body, header(headers, 'x-hub-signature-256') ?? '')
    case 'slack':
      return slack.verify(
        secret,
        body,
        {
          signature: header(headers, 'x-slack-signature') ?? '',
          timestamp: header(headers, 'x-slack-request-timestamp') ?? '',
        },
        whenever,
      )
    case 'stripe':
      return stripe.verify(secret, body, header(headers, 'stripe-signature') ?? '', whenever)
    case 'standard-webhooks':
      return standardWebhooks.verify(secret, body, headers, whenever)
  }
}
