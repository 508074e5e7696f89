import { invalidRequest, parameterMissing, parameterUnknown } from './errors'
import type { FormParams, FormValue } from './form'

const TRUE = new Set(['true', 'True'])
const FALSE = new Set(['false', 'False'])

function oneOf(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' or ')
  return `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`
}

/**
 * Reads one request's parameters with Stripe's coercions and error messages: `Invalid integer: x`,
 * `Invalid capture_method: must be one of …`, `Missing required param: amount.`,
 * `Received unknown parameter: foo`. Nested readers name params as Stripe does (`card[number]`).
 *
 * @example
 * const p = new Params(body).allow('amount', 'currency')
 * const amount = p.int('amount', { required: true })
 */
export class Params {
  constructor(
    readonly raw: FormParams,
    private readonly prefix = '',
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key
  }

  /** Refuses any top-level parameter not in `names` (`expand` is always allowed). */
  allow(...names: string[]): this {
    for (const key of Object.keys(this.raw)) {
      if (key !== 'expand' && !names.includes(key)) throw parameterUnknown(this.name(key))
    }
    return this
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined
  }

  /** True when the parameter was sent as `''`: Stripe's way of unsetting a field. */
  isEmpty(key: string): boolean {
    return this.raw[key] === ''
  }

  string(key: string, options: { required?: boolean; maxLength?: number } = {}): string | undefined {
    const value = this.raw[key]
    if (value === undefined || (options.required && value === '')) {
      if (options.required) throw parameterMissing(this.name(key))
      return undefined
    }
    if (typeof value !== 'string') {
      throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, { param: this.name(key) })
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      throw invalidRequest(
        `Invalid string: ${value.slice(0, 20)}...; must be at most ${options.maxLength} characters`,
        { param: this.name(key) },
      )
    }
    return value
  }

  /** A string that `''` sets to null (description, email, name…); undefined when not sent. */
  nullable(key: string): string | null | undefined {
    const value = this.string(key)
    return value === '' ? null : value
  }

  int(key: string, options: { required?: boolean; min?: number } = {}): number | undefined {
    const value = this.string(key, options)
    if (value === undefined || value === '') return undefined
    if (!/^-?\d+$/.test(value)) {
      throw invalidRequest(`Invalid integer: ${value}`, {
        param: this.name(key),
        code: 'parameter_invalid_integer',
      })
    }
    const n = Number(value)
    if (options.min !== undefined && n < options.min) {
      throw invalidRequest(`This value must be greater than or equal to ${options.min}.`, {
        param: this.name(key),
      })
    }
    return n
  }

  bool(key: string): boolean | undefined {
    const value = this.string(key)
    if (value === undefined) return undefined
    if (TRUE.has(value)) return true
    if (FALSE.has(value)) return false
    throw invalidRequest(`Invalid boolean: ${value}`, { param: this.name(key) })
  }

  enum<T extends string>(
    key: string,
    values: readonly T[],
    options: { required?: boolean } = {},
  ): T | undefined {
    const value = this.string(key, options)
    if (value === undefined) return undefined
    if (!values.includes(value as T)) {
      throw invalidRequest(`Invalid ${this.name(key)}: must be one of ${oneOf(values)}`, {
        param: this.name(key),
      })
    }
    return value as T
  }

  /** A nested hash (`card[number]`), read with the same rules. */
  object(key: string, options: { required?: boolean } = {}): Params | undefined {
    const value = this.raw[key]
    if (value === undefined) {
      if (options.required) throw parameterMissing(this.name(key))
      return undefined
    }
    if (value === '') return new Params({}, this.name(key))
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw invalidRequest('Invalid object', { param: this.name(key) })
    }
    return new Params(value, this.name(key))
  }

  /** An array parameter (`items[0][price]`, `expand[]`), each element as sent. */
  array(key: string, options: { required?: boolean } = {}): FormValue[] | undefined {
    const value = this.raw[key]
    if (value === undefined) {
      if (options.required) throw parameterMissing(this.name(key))
      return undefined
    }
    if (value === '') return []
    if (!Array.isArray(value)) throw invalidRequest('Invalid array', { param: this.name(key) })
    return value
  }

  /** An array of hashes, each as a reader named `items[0]`… */
  objects(key: string, options: { required?: boolean } = {}): Params[] | undefined {
    return this.array(key, options)?.map((value, i) => {
      const name = `${this.name(key)}[${i}]`
      if (typeof value !== 'object' || Array.isArray(value))
        throw invalidRequest('Invalid object', { param: name })
      return new Params(value, name)
    })
  }

  strings(key: string): string[] | undefined {
    return this.array(key)?.map((value, i) => {
      if (typeof value !== 'string') {
        throw invalidRequest('Invalid string', { param: `${this.name(key)}[${i}]` })
      }
      return value
    })
  }

  /**
   * Metadata as Stripe merges it: `metadata[k]=v` sets, `metadata[k]=` removes a key, `metadata=` clears
   * everything. Returns the new metadata, or undefined when not sent.
   */
  metadata(existing: Record<string, string> = {}): Record<string, string> | undefined {
    const value = this.raw.metadata
    if (value === undefined) return undefined
    if (value === '') return {}
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw invalidRequest('Invalid object', { param: this.name('metadata') })
    }
    const next = { ...existing }
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw invalidRequest('Invalid string', { param: `metadata[${k}]` })
      if (k.length > 40) {
        throw invalidRequest(`Metadata keys can have up to 40 characters; \`${k}\` has ${k.length}.`, {
          param: `metadata[${k}]`,
        })
      }
      if (v.length > 500) {
        throw invalidRequest(
          `Metadata values can have up to 500 characters, but you passed in a value that is ${v.length} characters.`,
          {
            param: `metadata[${k}]`,
          },
        )
      }
      if (v === '') delete next[k]
      else next[k] = v
    }
    if (Object.keys(next).length > 50) {
      throw invalidRequest('You can specify up to 50 keys.', { param: 'metadata' })
    }
    return next
  }

  /** `expand[]` paths. */
  expand(): string[] {
    return this.strings('expand') ?? []
  }

  /** Unix-time range filters: `created=123` or `created[gte]=123`. */
  range(key: string): ((value: number) => boolean) | undefined {
    const value = this.raw[key]
    if (value === undefined) return undefined
    if (typeof value === 'string') {
      const exact = this.int(key)
      return (v) => v === exact
    }
    const range = this.object(key)!
    const bounds = {
      gt: range.int('gt'),
      gte: range.int('gte'),
      lt: range.int('lt'),
      lte: range.int('lte'),
    }
    return (v) =>
      (bounds.gt === undefined || v > bounds.gt) &&
      (bounds.gte === undefined || v >= bounds.gte) &&
      (bounds.lt === undefined || v < bounds.lt) &&
      (bounds.lte === undefined || v <= bounds.lte)
  }
}
