/**
 * The secret scanner: finds known credential shapes anywhere in a value, so no cassette (or HAR,
 * or fixture) that holds one is ever written.
 *
 * Real credentials are long and random; the placeholders this project uses in tests (`ghp_test`,
 * `xoxb-test`, `sk_test_123`, `whsec_test`, `sk-test`) are short and obviously fake. So every shape
 * below asks for the length the real thing has, and a placeholder never trips it. Stripe's public
 * documentation key `sk_test_4eC39HqLyjWDarjtT1zdp7dc` (24 characters) stays allowed too: real
 * test-mode keys are over 90 characters long.
 *
 * @module
 */

import type { SecretFinding } from '../cassette/errors'
import { fromBase64 } from '../cassette/format'
import { childPath } from './json-path'

export type { SecretFinding } from '../cassette/errors'

interface SecretShape {
  kind: string
  label: string
  pattern: RegExp
}

// Not preceded by a token character, so `desk-…` or `task_live_…` do not count.
const B = '(?<![A-Za-z0-9_-])'

/**
 * The shapes the scanner knows. Each needs the length the real credential has.
 *
 * @example
 * SECRET_SHAPES.map((s) => s.label) // ['GitHub token', 'GitHub fine-grained token', 'Slack token', ...]
 */
export const SECRET_SHAPES: readonly SecretShape[] = [
  // https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
  { kind: 'github-token', label: 'GitHub token', pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36,}`) },
  {
    kind: 'github-token',
    label: 'GitHub fine-grained token',
    pattern: new RegExp(`${B}github_pat_[A-Za-z0-9_]{50,}`),
  },
  // https://api.slack.com/concepts/token-types: xoxb-<team>-<bot>-<secret>, xoxp-…, xoxa-…, xoxr-…
  {
    kind: 'slack-token',
    label: 'Slack token',
    pattern: new RegExp(`${B}xox[abpr]-[0-9]{6,}-[A-Za-z0-9-]{10,}`),
  },
  // App-level tokens (Socket Mode) and the refresh and access tokens of apps with token rotation.
  {
    kind: 'slack-token',
    label: 'Slack app-level or rotating token',
    pattern: new RegExp(`${B}(?:xapp|xoxe(?:\\.xox[abpr])?)-[0-9]+-[A-Za-z0-9-]{20,}`),
  },
  {
    kind: 'slack-webhook',
    label: 'Slack incoming-webhook URL',
    pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/,
  },
  // https://docs.stripe.com/keys
  {
    kind: 'stripe-live-key',
    label: 'Stripe live key',
    pattern: new RegExp(`${B}[sr]k_live_[A-Za-z0-9]{20,}`),
  },
  {
    kind: 'stripe-test-key',
    label: 'Stripe test-mode key',
    pattern: new RegExp(`${B}[sr]k_test_[A-Za-z0-9]{40,}`),
  },
  {
    kind: 'webhook-secret',
    label: 'webhook signing secret (whsec_)',
    pattern: new RegExp(`${B}whsec_[A-Za-z0-9+/=]{24,}`),
  },
  {
    kind: 'anthropic-key',
    label: 'Anthropic API key',
    pattern: new RegExp(`${B}sk-ant-[A-Za-z0-9]+-[A-Za-z0-9_-]{40,}`),
  },
  // https://platform.openai.com/docs/api-reference/authentication: sk-proj-…, sk-svcacct-…, legacy sk-<48>
  {
    kind: 'openai-key',
    label: 'OpenAI API key',
    pattern: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-|None-)?(?!ant-)[A-Za-z0-9_-]{32,}`),
  },
  {
    kind: 'jwt',
    label: 'JSON Web Token',
    pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/,
  },
  { kind: 'bearer-token', label: 'Bearer token', pattern: /\b[Bb]earer\s+[A-Za-z0-9._~+/-]{32,}=*/ },
  { kind: 'aws-access-key', label: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'private-key', label: 'private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
]

// One cheap test first: most strings hold none of these prefixes, and skip the shapes entirely.
const PREFILTER =
  /gh[pousr]_|github_pat_|xox[abpre]|xapp-|hooks\.slack|k_live_|k_test_|whsec_|sk-|eyJ|[Bb]earer|AKIA|ASIA|-----BEGIN/

/**
 * Find every known credential shape in `value` (any JSON-like value, a cassette, a HAR log...).
 * Strings are scanned, and so are base64 fields (decoded), since binary bodies are stored that way.
 * Each finding says where (a JSONPath), what, and a preview that never holds the whole secret.
 *
 * @example
 * scanForSecrets({ headers: { authorization: `token ghp_${'a'.repeat(36)}` } })
 * // [{ path: '$.headers.authorization', kind: 'github-token', label: 'GitHub token', preview: 'ghp_aaaa… (40 chars)' }]
 * scanForSecrets({ token: 'ghp_test' }) // []: placeholders are too short to be real
 */
export function scanForSecrets(value: unknown, path = '$'): SecretFinding[] {
  const findings: SecretFinding[] = []
  visit(value, path, findings, new Set())
  return findings
}

/** Scan one string. */
export function findSecretsInString(text: string, path = '$'): SecretFinding[] {
  const findings: SecretFinding[] = []
  scanString(text, path, findings)
  return findings
}

function visit(value: unknown, path: string, findings: SecretFinding[], seen: Set<object>): void {
  if (typeof value === 'string') {
    scanString(value, path, findings)
    return
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return
  seen.add(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) visit(value[i], childPath(path, i), findings, seen)
    return
  }
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key]
    const at = childPath(path, key)
    // Keys are written too: a JSON body (or a header) may be keyed by a token.
    scanString(key, at, findings)
    if (key === 'base64' && typeof child === 'string') {
      scanString(child, at, findings)
      if (child.length < 10_000_000)
        scanString(Buffer.from(fromBase64(child)).toString('latin1'), at, findings)
      continue
    }
    visit(child, at, findings, seen)
  }
}

function scanString(text: string, path: string, findings: SecretFinding[]): void {
  if (text.length < 16 || !PREFILTER.test(text)) return
  const found = new Set<string>()
  for (const shape of SECRET_SHAPES) {
    const match = shape.pattern.exec(text)
    if (!match) continue
    // A JWT inside "Bearer <jwt>" is one finding, not two.
    if (shape.kind === 'bearer-token' && found.size > 0) continue
    found.add(shape.kind)
    findings.push({ path, kind: shape.kind, label: shape.label, preview: preview(match[0]) })
  }
}

function preview(secret: string): string {
  const prefix = secret.match(/^(?:[Bb]earer\s+)?[A-Za-z]+[_-](?:[a-z]+[_-])?/)?.[0] ?? ''
  const shown = secret.slice(0, Math.min(prefix.length + 4, Math.floor(secret.length / 3)))
  return `${shown}… (${secret.length} chars)`
}

/** "GitHub token (ghp_Ab12…, 40 chars) at $.interactions[0].request.headers.authorization" lines. */
export function formatFindings(findings: SecretFinding[], limit = 5): string {
  const lines = findings.slice(0, limit).map((f) => `${f.label} (${f.preview}) at ${f.path}`)
  if (findings.length > limit) lines.push(`and ${findings.length - limit} more`)
  return lines.join('; ')
}
