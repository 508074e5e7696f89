import type { WebhookDelivery } from '@understudy/core'
import { github, slack, standardWebhooks, stripe } from '@understudy/signature-utils'

export type SignatureScheme = 'github' | 'slack' | 'stripe' | 'standard-webhooks'

/**
 * What the dashboard shows about a delivery's signature: which scheme signed it and whether it
 * verifies with a secret the mock knows (a hook's `secret`, an endpoint's `whsec_...`).
 * `verified` is null when no known secret was found to check it with.
 */
export interface SignatureStatus {
  scheme: SignatureScheme | null
  header: string | null
  verified: boolean | null
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value
  return undefined
}

/**
 * Every string held under a key that names a signing secret (`secret`, `signingSecret`...), anywhere
 * in a mock's live state or options: Maps, Sets and arrays included, cycles and depth bounded.
 */
export function collectSecrets(value: unknown, into: Set<string> = new Set()): Set<string> {
  const seen = new Set<object>()
  // `secretish`: the node sits under a key that names secrets (`secrets: Map<id, 'whsec_...'>`).
  const walk = (node: unknown, depth: number, secretish: boolean): void => {
    if (typeof node === 'string') {
      if (secretish && node.length > 0) into.add(node)
      return
    }
    if (depth > 8 || node === null || typeof node !== 'object' || seen.has(node)) return
    seen.add(node)
    if (ArrayBuffer.isView(node)) return
    if (node instanceof Map || node instanceof Set || Array.isArray(node)) {
      for (const child of node.values()) walk(child, depth + 1, secretish)
      return
    }
    for (const [key, child] of Object.entries(node)) walk(child, depth + 1, /secret/i.test(key))
  }
  walk(value, 0, false)
  return into
}

/**
 * Detects the signature scheme from the delivery's headers and tries each candidate secret.
 * Timestamped schemes are checked at the delivery's own time, so an old delivery still verifies.
 */
export async function signatureStatus(
  delivery: Pick<WebhookDelivery, 'headers' | 'body'>,
  secrets: Iterable<string>,
): Promise<SignatureStatus> {
  const { headers, body } = delivery
  const candidates = [...secrets]
  const githubHeader = header(headers, 'x-hub-signature-256')
  const slackHeader = header(headers, 'x-slack-signature')
  const stripeHeader = header(headers, 'stripe-signature')
  const webhookHeader = header(headers, 'webhook-signature')
  let scheme: SignatureScheme | null = null
  let value: string | null = null
  let check: ((secret: string) => Promise<boolean>) | undefined
  if (githubHeader) {
    scheme = 'github'
    value = githubHeader
    check = (secret) => github.verify(secret, body, githubHeader)
  } else if (slackHeader) {
    scheme = 'slack'
    value = slackHeader
    const timestamp = header(headers, 'x-slack-request-timestamp') ?? ''
    const now = Number(timestamp)
    check = (secret) =>
      slack.verify(secret, body, { signature: slackHeader, timestamp }, Number.isFinite(now) ? { now } : {})
  } else if (stripeHeader) {
    scheme = 'stripe'
    value = stripeHeader
    const now = Number(/(?:^|,)t=(\d+)/.exec(stripeHeader)?.[1])
    check = (secret) => stripe.verify(secret, body, stripeHeader, Number.isFinite(now) ? { now } : {})
  } else if (webhookHeader) {
    scheme = 'standard-webhooks'
    value = webhookHeader
    const now = Number(header(headers, 'webhook-timestamp'))
    check = (secret) =>
      standardWebhooks.verify(
        secret,
        body,
        {
          'webhook-id': header(headers, 'webhook-id') ?? '',
          'webhook-timestamp': header(headers, 'webhook-timestamp') ?? '',
          'webhook-signature': webhookHeader,
        },
        Number.isFinite(now) ? { now } : {},
      )
  }
  if (!check) return { scheme: null, header: null, verified: null }
  if (candidates.length === 0) return { scheme, header: value, verified: null }
  for (const secret of candidates) if (await check(secret)) return { scheme, header: value, verified: true }
  return { scheme, header: value, verified: false }
}
