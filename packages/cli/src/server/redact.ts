import type { LoggedRequest } from '@understudy/core'
import { maskCredential } from './mask'

/** Header names whose values are credentials or secrets. */
const SECRET_HEADERS =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|openai-api-key)$/i
/** Keys (in bodies, state, query strings) whose values are credentials or secrets. */
const SECRET_KEYS = /secret|token|password|passwd|api[_-]?key|authorization|credential|private[_-]?key/i
/** Values that are credentials whatever key holds them. */
const SECRET_VALUES =
  /^(?:whsec_|sk_(?:live|test)_|rk_(?:live|test)_|sk-|xox[abposr]-|xapp-|gh[pousr]_|github_pat_|Bearer\s|Basic\s|token\s)/i
/** Keys that merely count or describe tokens (`max_tokens`, `prompt_tokens`), not credentials. */
const NOT_SECRET_KEYS = /_tokens?$|^tokens?_|tokens$|token_type|tokenizer/i

/** A secret as the admin API shows it: `whsec_test` → `whse…est`, with its scheme word kept. */
export function maskSecret(value: string): string {
  const scheme = /^(Bearer|Basic|token)\s+(.*)$/i.exec(value)
  if (scheme) return `${scheme[1]} ${maskCredential(scheme[2]!)}`
  return maskCredential(value)
}

function secretKey(key: string): boolean {
  return SECRET_KEYS.test(key) && !NOT_SECRET_KEYS.test(key)
}

/**
 * A deep copy of a JSON-like value with every secret masked: values under secret-naming keys,
 * and strings shaped like credentials anywhere. Maps and Sets become objects and arrays; depth is
 * bounded and cycles are cut, so any state can be shown.
 */
export function redact(value: unknown): unknown {
  const seen = new WeakSet<object>()
  const walk = (node: unknown, depth: number, secret: boolean): unknown => {
    if (typeof node === 'string') return secret || SECRET_VALUES.test(node) ? maskSecret(node) : node
    if (node === null || typeof node !== 'object') return node
    if (depth > 64 || seen.has(node)) return '[…]'
    if (ArrayBuffer.isView(node) || node instanceof Date || node instanceof RegExp) return node
    if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return node
    seen.add(node)
    try {
      if (node instanceof Map) {
        const out: Record<string, unknown> = {}
        for (const [k, v] of node) out[String(k)] = walk(v, depth + 1, secret || secretKey(String(k)))
        return out
      }
      if (Array.isArray(node) || node instanceof Set) return [...node].map((v) => walk(v, depth + 1, secret))
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(node)) out[k] = walk(v, depth + 1, secret || secretKey(k))
      return out
    } finally {
      seen.delete(node)
    }
  }
  return walk(value, 0, false)
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers))
    out[name] = SECRET_HEADERS.test(name) || SECRET_VALUES.test(value) ? maskSecret(value) : value
  return out
}

function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  let changed = false
  for (const [key, value] of [...parsed.searchParams]) {
    if (secretKey(key) || SECRET_VALUES.test(value)) {
      parsed.searchParams.set(key, maskSecret(value))
      changed = true
    }
  }
  return changed ? parsed.toString() : url
}

/** A log entry as the admin API and the dashboard show it: credentials and secrets masked. */
export function redactEntry(entry: LoggedRequest): LoggedRequest {
  return {
    ...entry,
    url: redactUrl(entry.url),
    query: redact(entry.query) as LoggedRequest['query'],
    headers: redactHeaders(entry.headers),
    body: redact(entry.body),
    responseHeaders: redactHeaders(entry.responseHeaders),
    responseBody: redact(entry.responseBody),
  }
}

/** A webhook delivery (or any record with headers and a body) with its secrets masked. */
export function redactRecord<
  T extends { headers?: Record<string, string>; body?: unknown; partition?: string },
>(record: T): T {
  const out = redact(record) as T
  // The partition key is the credential by contract (DESIGN.md): callers filter by it.
  if (record.partition !== undefined) (out as { partition?: string }).partition = record.partition
  if (record.headers) (out as { headers: Record<string, string> }).headers = redactHeaders(record.headers)
  return out
}
