/**
 * Stripe's form-encoded parameters, parsed as the API parses them: `metadata[k]=v` nests,
 * `items[0][price]=x` and `expand[]=a` make arrays, a repeated plain key keeps the last value, and every
 * leaf stays a string (Stripe coerces per parameter: `true`/`True` booleans, integers, `''` to unset).
 *
 * @see https://docs.stripe.com/api/request_ids (requests are `application/x-www-form-urlencoded`)
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue }
export type FormParams = { [key: string]: FormValue }

/** A parameter name Stripe cannot make sense of (`a[b` or `a=1&a[b]=2`). */
export class FormParseError extends Error {
  override name = 'FormParseError'
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message)
  }
}

// Arrays are built as objects keyed by index ("" for `[]` appends), then turned into arrays at the end.
const APPEND = Symbol('append')
type Node = { [key: string]: Node | string } & { [APPEND]?: number }

function splitKey(key: string): string[] {
  const open = key.indexOf('[')
  if (open === -1) return [key]
  const parts = [key.slice(0, open)]
  const rest = key.slice(open)
  const re = /\[([^[\]]*)\]/g
  let consumed = 0
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) break
    parts.push(m[1]!)
    consumed = re.lastIndex
  }
  if (consumed !== rest.length || parts[0] === '') {
    throw new FormParseError(key, `Invalid parameter name: ${key}`)
  }
  return parts
}

function isIndexed(node: Node): boolean {
  const keys = Object.keys(node)
  return (
    node[APPEND] !== undefined ||
    (keys.length > 0 && keys.every((k) => /^\d+$/.test(k) || k.startsWith('\0')))
  )
}

function finish(value: Node | string): FormValue {
  if (typeof value === 'string') return value
  if (isIndexed(value)) {
    return Object.keys(value)
      .sort((a, b) => order(a) - order(b))
      .map((k) => finish(value[k]!))
  }
  const out: { [key: string]: FormValue } = {}
  for (const [k, v] of Object.entries(value)) out[k] = finish(v)
  return out
}

// `[]` entries sort after indexed ones, in arrival order.
function order(key: string): number {
  return key.startsWith('\0') ? 1e12 + Number(key.slice(1)) : Number(key)
}

/**
 * Parses a form-encoded body or query string the way Stripe does.
 *
 * @example
 * parseStripeForm('metadata[plan]=pro&items[0][price]=price_1&expand[]=customer')
 * // { metadata: { plan: 'pro' }, items: [{ price: 'price_1' }], expand: ['customer'] }
 */
export function parseStripeForm(text: string | URLSearchParams): FormParams {
  const root: Node = {}
  const entries = typeof text === 'string' ? new URLSearchParams(text) : text
  for (const [key, value] of entries) {
    const path = splitKey(key)
    let node = root
    for (let i = 0; i < path.length; i++) {
      let part = path[i]!
      const last = i === path.length - 1
      if (part === '' && i > 0) {
        const n = node[APPEND] ?? 0
        // Every `[]` starts a new element, so `a[][b]=1&a[][b]=2` gives two objects.
        node[APPEND] = n + 1
        part = `\0${n}`
      }
      if (last) {
        if (typeof node[part] === 'object') {
          throw new FormParseError(key, `Invalid hash: ${path[0]} mixes a value and nested parameters`)
        }
        node[part] = value
      } else {
        let next = node[part]
        if (next === undefined) {
          next = {}
          node[part] = next
        } else if (typeof next === 'string') {
          throw new FormParseError(key, `Invalid hash: ${path[0]} mixes a value and nested parameters`)
        }
        node = next
      }
    }
  }
  const params: FormParams = {}
  for (const [k, v] of Object.entries(root)) params[k] = finish(v)
  return params
}
