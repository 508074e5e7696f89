/** Form fields: one value per key, an array where the key repeats. */
export function parseFormFields(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = fields[key]
    if (existing === undefined) fields[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else fields[key] = [existing, value]
  }
  return fields
}

/** Query parameters in the same shape as form fields. */
export function queryToObject(query: URLSearchParams): Record<string, string | string[]> {
  return parseFormFields(query.toString())
}

export interface ParsedBody {
  body: unknown
  error?: Error
}

/** The default body parser: JSON, form-encoded fields, or text; empty bodies are undefined. */
export function parseBody(contentType: string | null, text: string): ParsedBody {
  if (text.length === 0) return { body: undefined }
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('application/x-www-form-urlencoded')) return { body: parseFormFields(text) }
  if (type.includes('json')) {
    try {
      return { body: JSON.parse(text) }
    } catch (error) {
      return { body: text, error: error as Error }
    }
  }
  // fetch labels a string body text/plain unless told otherwise; JSON APIs read it as JSON anyway.
  if (/^\s*[[{]/.test(text) && !type.includes('multipart')) {
    try {
      return { body: JSON.parse(text) }
    } catch {
      return { body: text }
    }
  }
  return { body: text }
}

/**
 * Where a `Scheme value` header's single space is, when its scheme is word characters and it starts and
 * ends with printable ASCII after the space and at its end; -1 for anything else.
 */
function plainSchemeEnd(header: string): number {
  let i = 0
  for (; i < header.length; i++) {
    const c = header.charCodeAt(i)
    const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
    if (!word) break
  }
  if (i === 0 || i + 1 >= header.length || header.charCodeAt(i) !== 32) return -1
  const printable = (c: number) => c > 32 && c < 127
  return printable(header.charCodeAt(i + 1)) && printable(header.charCodeAt(header.length - 1)) ? i : -1
}

/**
 * The credential in an Authorization header, whatever the scheme: `Bearer x`, `token x`, and
 * Basic auth with `x` as user (Stripe) all give `x`.
 */
export function credentialFromAuthorization(header: string | null): string | undefined {
  if (!header) return undefined
  // The usual form, `Scheme value` with one space and nothing to trim, is cut rather than matched:
  // a match is an array and three strings per request.
  const space = plainSchemeEnd(header)
  if (space !== -1 && !(space === 5 && header.slice(0, 5).toLowerCase() === 'basic'))
    return header.slice(space + 1)
  const match = /^\s*(\w+)\s+(.+?)\s*$/.exec(header)
  if (!match) return header.trim() || undefined
  const [, scheme, value] = match
  if (scheme!.toLowerCase() === 'basic') {
    try {
      const decoded = atob(value!)
      const user = decoded.split(':')[0]
      return user || decoded.split(':')[1] || undefined
    } catch {
      return undefined
    }
  }
  return value
}

export function headersToObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, key) => {
    out[key] = value
  })
  return out
}
