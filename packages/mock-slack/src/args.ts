import { fail } from './errors'

/**
 * A method's arguments, read as Slack reads them: query string and body merged (body wins), form
 * fields as strings with JSON inside for structured values (`blocks=[...]`), or a JSON body with real
 * types. Every reader accepts both.
 */
export class Args {
  constructor(readonly raw: Record<string, unknown>) {}

  static from(query: URLSearchParams, body: unknown): Args {
    const raw: Record<string, unknown> = {}
    for (const [key, value] of query) raw[key] = value
    if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(raw, body)
    return new Args(raw)
  }

  has(name: string): boolean {
    const value = this.raw[name]
    return value !== undefined && value !== null && value !== ''
  }

  string(name: string): string | undefined {
    const value = this.raw[name]
    if (value === undefined || value === null) return undefined
    if (Array.isArray(value)) return value.length ? String(value[value.length - 1]) : undefined
    if (typeof value === 'object') return JSON.stringify(value)
    const text = String(value)
    return text === '' ? undefined : text
  }

  /** The argument, or the Slack error `code` when it is missing. */
  require(name: string, code: string): string {
    return this.string(name) ?? fail(code)
  }

  bool(name: string): boolean | undefined {
    const value = this.raw[name]
    if (value === undefined || value === null || value === '') return undefined
    if (typeof value === 'boolean') return value
    return value === 1 || value === '1' || String(value).toLowerCase() === 'true'
  }

  int(name: string, code = 'invalid_arguments'): number | undefined {
    const value = this.string(name)
    if (value === undefined) return undefined
    const number = Number(value)
    if (!Number.isFinite(number)) fail(code)
    return Math.trunc(number)
  }

  /** A structured argument: JSON text in a form field, or the value itself in a JSON body. */
  json(name: string, code = 'invalid_arguments'): unknown {
    const value = this.raw[name]
    if (value === undefined || value === null || value === '') return undefined
    if (typeof value !== 'string') return value
    try {
      return JSON.parse(value)
    } catch {
      return fail(code)
    }
  }

  /** A list argument: `a,b,c`, a repeated field, or a JSON array. */
  list(name: string): string[] {
    const value = this.raw[name]
    if (value === undefined || value === null || value === '') return []
    if (Array.isArray(value))
      return value
        .flatMap((v) => String(v).split(','))
        .map((s) => s.trim())
        .filter(Boolean)
    return String(value)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  }
}
