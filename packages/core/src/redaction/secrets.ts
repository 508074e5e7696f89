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

import type { SecretFinding } from '../model/errors'
import { fromBase64 } from '../model/format'
import { childPath } from '../model/json-path'

export type { SecretFinding } from '../model/errors'

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
 * Strings are scanned as they are and as what they may encode (see {@link findSecretsInString}),
 * and so are base64 fields, since binary bodies are stored that way. Each finding says where (a
 * JSONPath), what, and a preview that never holds the whole secret. The walk is iterative: any
 * depth of nesting is scanned without growing the call stack.
 *
 * @example
 * scanForSecrets({ headers: { authorization: `token ghp_${'a'.repeat(36)}` } })
 * // [{ path: '$.headers.authorization', kind: 'github-token', label: 'GitHub token', preview: 'ghp_aaaa… (40 chars)' }]
 * scanForSecrets({ token: 'ghp_test' }) // []: placeholders are too short to be real
 */
export function scanForSecrets(value: unknown, path = '$'): SecretFinding[] {
  const findings: SecretFinding[] = []
  const seen = new Set<object>()
  // Paths are built only for findings, from parent links: building one per node would cost the
  // square of the depth.
  const root: Place = { path }
  const stack: Array<[unknown, Place]> = [[value, root]]
  while (stack.length) {
    const [node, place] = stack.pop()!
    if (typeof node === 'string') {
      scanString(node, place, findings)
      continue
    }
    if (typeof node !== 'object' || node === null || seen.has(node)) continue
    seen.add(node)
    // Pushed in reverse so findings come out in document order.
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], { parent: place, key: i }])
      continue
    }
    const keys = Object.keys(node)
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!
      const child = (node as Record<string, unknown>)[key]
      const where: Place = { parent: place, key }
      if (key === 'base64' && typeof child === 'string') {
        // One string, the field and its bytes, so a secret found in both is one finding.
        const bytes =
          child.length < MAX_SCANNED_LENGTH ? Buffer.from(fromBase64(child)).toString('latin1') : ''
        stack.push([`${child}\n${bytes}`, where])
      } else stack.push([child, where])
      // Keys are written too: a JSON body (or a header) may be keyed by a token.
      stack.push([key, where])
    }
  }
  return findings
}

/** Where a value sits: the root's path, or a key under a parent. */
interface Place {
  path?: string
  parent?: Place
  key?: string | number
}

function pathOf(place: Place): string {
  const keys: Array<string | number> = []
  let at: Place | undefined = place
  while (at && at.path === undefined) {
    keys.push(at.key!)
    at = at.parent
  }
  let out = at?.path ?? '$'
  for (let i = keys.length - 1; i >= 0; i--) out = childPath(out, keys[i]!)
  return out
}

/**
 * Scan one string: as it is, and as what it may encode, since a token hides as well in base64
 * (`Basic` auth, a JSON field holding base64 JSON, base64url), percent-encoding (query strings,
 * form bodies) and JSON escapes (`\u0067hp_…`, `\/`), nested up to {@link MAX_DECODE_LAYERS}
 * layers. The cost is bounded: every decoding is shorter than its input, base64 runs are tried at
 * their four alignments, and at most {@link MAX_DECODE_LAYERS} layers are peeled, so a string costs
 * a small constant times its length.
 *
 * @example
 * findSecretsInString(`data=${encodeURIComponent(`whsec_${'a/b+'.repeat(8)}`)}`) // [{ kind: 'webhook-secret', ... }]
 */
export function findSecretsInString(text: string, path = '$'): SecretFinding[] {
  const findings: SecretFinding[] = []
  scanString(text, { path }, findings)
  return findings
}

/** How many layers of encoding (base64 in percent-encoding in JSON escapes...) are peeled. */
export const MAX_DECODE_LAYERS = 3
/** Strings longer than this are scanned as they are, without decoding. */
const MAX_SCANNED_LENGTH = 10_000_000

const PERCENT = /%[0-9A-Fa-f]{2}/
const JSON_ESCAPE = /\\(?:u[0-9A-Fa-f]{4}|[/"\\bfnrt])/
const BASE64_RUN = /[A-Za-z0-9+/_-]{20,}={0,2}/g

function scanString(text: string, place: Place, findings: SecretFinding[]): void {
  if (text.length < 16) return
  const found = new Set<string>()
  const queue: Array<{ text: string; layer: number; via: string }> = [{ text, layer: 0, via: '' }]
  while (queue.length) {
    const item = queue.shift()!
    matchShapes(item.text, place, item.via, found, findings)
    if (item.layer >= MAX_DECODE_LAYERS || item.text.length > MAX_SCANNED_LENGTH) continue
    for (const [decoded, how] of decodings(item.text)) {
      if (decoded.length >= 16)
        queue.push({ text: decoded, layer: item.layer + 1, via: item.via ? `${how} in ${item.via}` : how })
    }
  }
}

function matchShapes(
  text: string,
  place: Place,
  via: string,
  found: Set<string>,
  findings: SecretFinding[],
): void {
  if (text.length < 16 || !PREFILTER.test(text)) return
  for (const shape of SECRET_SHAPES) {
    const match = shape.pattern.exec(text)
    if (!match) continue
    // A JWT inside "Bearer <jwt>" is one finding, not two; an encoded copy of one found already neither.
    if (shape.kind === 'bearer-token' && found.size > 0) continue
    if (found.has(shape.kind)) continue
    found.add(shape.kind)
    const label = via ? `${shape.label}, ${via}` : shape.label
    findings.push({ path: pathOf(place), kind: shape.kind, label, preview: preview(match[0]) })
  }
}

/** What `text` may decode to, each shorter than `text`. */
function decodings(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  if (PERCENT.test(text)) {
    out.push([
      text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'percent-encoded',
    ])
  }
  if (JSON_ESCAPE.test(text)) {
    out.push([
      text.replace(/\\(u[0-9A-Fa-f]{4}|.)/g, (_, e: string) =>
        e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (JSON_SIMPLE_ESCAPES[e] ?? e),
      ),
      'JSON-escaped',
    ])
  }
  const pieces: string[] = []
  for (const run of text.matchAll(BASE64_RUN)) {
    const body = run[0].replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/')
    // The run may start mid-token (glued to a prefix): try each alignment, keep the first that
    // decodes to text. Kept output is 3/4 of the run, so each layer is shorter than the one before.
    for (let offset = 0; offset < 4 && body.length - offset >= 20; offset++) {
      const decoded = Buffer.from(body.slice(offset), 'base64').toString('latin1')
      if (printableShare(decoded) > 0.6) {
        pieces.push(decoded)
        break
      }
    }
  }
  if (pieces.length) out.push([pieces.join('\n'), 'base64-encoded'])
  return out
}

const JSON_SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }

function printableShare(text: string): number {
  let printable = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) printable++
  }
  return text.length ? printable / text.length : 0
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
