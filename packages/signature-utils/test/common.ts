// Fixtures shared by the tests. Secrets are placeholders: short and obviously fake.

/** Serialized the way the senders do: no indentation and no line breaks. */
export const payload = JSON.stringify({
  action: 'opened',
  issue: { number: 1, title: 'Héllo wörld ✓', body: 'unicode matters: the HMAC covers UTF-8 bytes' },
  repository: { full_name: 'octo/hello' },
})

export const githubSecret = 'gh_webhook_test'
export const slackSecret = 'slack_signing_test'
export const stripeSecret = 'whsec_test'
/** A Standard Webhooks secret: whsec_ + base64 of an obvious string. */
export const standardSecret = `whsec_${btoa('test-secret')}`

/** A fixed clock, Unix seconds (2023-11-14T22:13:20Z). */
export const T = 1_700_000_000

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

/**
 * Changes one character of a signature, keeping it well-formed. The default, the last character, suits
 * hex; for base64 pick a character whose bits are all data (the last one before "=" is not).
 */
export function flipChar(value: string, index = value.length - 1): string {
  const c = value[index]!
  const replacement = c === 'a' ? 'b' : c === 'A' ? 'B' : 'a'
  return value.slice(0, index) + replacement + value.slice(index + 1)
}
