/**
 * A value generator for the JSON Schema subset Structured Outputs accepts (object, properties,
 * required, enum, const, array, string, number, integer, boolean, null, anyOf, oneOf, allOf, $ref,
 * $defs/definitions, type unions, string formats, numeric and length bounds). The same schema and seed
 * always give the same value, and the value validates against the schema.
 *
 * @module
 */
import { createRandom, type Random } from './hash'
import { sampleMatching } from './pattern'
import { WORDS } from './text'

export type JsonSchema = boolean | { [key: string]: unknown }
type Obj = Record<string, unknown>

// Past this depth, recursive schemas take their shortest branch (null, empty array, required-only).
const MAX_DEPTH = 6

/**
 * A value valid against `schema`, derived from `seed`.
 *
 * @example
 * generateFromSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, 'seed')
 * // → { city: 'amber harbor' }
 */
export function generateFromSchema(schema: JsonSchema, seed: string): unknown {
  const random = createRandom(seed)
  return generate(schema, { root: schema, random, depth: 0, key: undefined })
}

interface Context {
  root: JsonSchema
  random: Random
  depth: number
  key: string | undefined
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  if (!ref.startsWith('#')) return {}
  const segments = ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s.replace(/~1/g, '/').replace(/~0/g, '~')))
  let node: unknown = root
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null) return {}
    node = (node as Obj)[segment]
  }
  return (node as JsonSchema | undefined) ?? {}
}

function typesOf(schema: Obj): string[] {
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string')
  if (typeof schema.type === 'string') return [schema.type]
  if (schema.properties || schema.additionalProperties !== undefined || schema.required) return ['object']
  if (schema.items || schema.prefixItems) return ['array']
  if (schema.enum || schema.const !== undefined) return []
  return ['string']
}

/** How much a branch recurses, so deep levels can pick the one that ends soonest. */
function weight(schema: JsonSchema, ctx: Context, seen = 0): number {
  if (typeof schema === 'boolean') return 0
  if (seen > 3) return 100
  if (typeof schema.$ref === 'string') return 1 + weight(resolveRef(schema.$ref, ctx.root), ctx, seen + 1)
  const types = typesOf(schema)
  if (types.includes('null')) return 0
  if (types.includes('object') || types.includes('array')) return 10
  return 1
}

function generate(schema: JsonSchema, ctx: Context): unknown {
  if (schema === true || schema === undefined) return word(ctx)
  if (schema === false) return null
  const s = schema as Obj
  if (typeof s.$ref === 'string') {
    const target = resolveRef(s.$ref, ctx.root)
    const { $ref: _ref, ...rest } = s
    const merged = typeof target === 'object' ? { ...target, ...rest } : target
    return generate(merged, { ...ctx, depth: ctx.depth + 1 })
  }
  if ('const' in s) return s.const
  if (Array.isArray(s.enum) && s.enum.length) return ctx.random.pick(s.enum)
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key]
    if (Array.isArray(branches) && branches.length) {
      const { [key]: _branches, ...rest } = s
      let branch: JsonSchema
      if (ctx.depth >= MAX_DEPTH) {
        branch = [...branches].sort(
          (a, b) => weight(a as JsonSchema, ctx) - weight(b as JsonSchema, ctx),
        )[0] as JsonSchema
      } else {
        // Prefer a non-null branch: a nullable field left null shows less of the shape.
        const nonNull = branches.filter(
          (b) => !(typeof b === 'object' && b !== null && (b as Obj).type === 'null'),
        )
        branch = ctx.random.pick(nonNull.length ? nonNull : branches) as JsonSchema
      }
      const merged = typeof branch === 'object' && branch !== null ? { ...rest, ...(branch as Obj) } : branch
      return generate(merged as JsonSchema, ctx)
    }
  }
  if (Array.isArray(s.allOf) && s.allOf.length) {
    const { allOf, ...rest } = s
    return generate(mergeAll([rest, ...(allOf as JsonSchema[])], ctx.root), ctx)
  }
  const types = typesOf(s)
  const nonNull = types.filter((t) => t !== 'null')
  if (types.length && !nonNull.length) return null
  if (ctx.depth >= MAX_DEPTH && types.includes('null')) return null
  const type = nonNull[0] ?? 'string'
  switch (type) {
    case 'object':
      return generateObject(s, ctx)
    case 'array':
      return generateArray(s, ctx)
    case 'integer':
      return generateNumber(s, ctx, true)
    case 'number':
      return generateNumber(s, ctx, false)
    case 'boolean':
      return ctx.random.next() < 0.5
    default:
      return generateString(s, ctx)
  }
}

function mergeAll(schemas: JsonSchema[], root: JsonSchema): Obj {
  const merged: Obj = {}
  const properties: Obj = {}
  const required = new Set<string>()
  for (let schema of schemas) {
    if (typeof schema !== 'object') continue
    if (typeof schema.$ref === 'string') schema = resolveRef(schema.$ref, root)
    if (typeof schema !== 'object') continue
    Object.assign(merged, schema)
    Object.assign(properties, (schema.properties as Obj | undefined) ?? {})
    for (const r of (schema.required as string[] | undefined) ?? []) required.add(r)
  }
  if (Object.keys(properties).length) merged.properties = properties
  if (required.size) merged.required = [...required]
  return merged
}

function generateObject(s: Obj, ctx: Context): Record<string, unknown> {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : [])
  const out: Record<string, unknown> = {}
  const deep = ctx.depth >= MAX_DEPTH
  for (const [key, propSchema] of Object.entries(properties)) {
    if (deep && !required.has(key)) continue
    out[key] = generate(propSchema, { ...ctx, depth: ctx.depth + 1, key })
  }
  // Required keys without a property schema still have to be there.
  for (const key of required) if (!(key in out)) out[key] = word({ ...ctx, key })
  const min = typeof s.minProperties === 'number' ? s.minProperties : 0
  const extra = s.additionalProperties
  for (let i = Object.keys(out).length; i < min && extra !== false; i++)
    out[`key_${i}`] = generate(typeof extra === 'object' ? (extra as JsonSchema) : {}, {
      ...ctx,
      depth: ctx.depth + 1,
    })
  return out
}

function generateArray(s: Obj, ctx: Context): unknown[] {
  const min = typeof s.minItems === 'number' ? s.minItems : 0
  const max = typeof s.maxItems === 'number' ? s.maxItems : Math.max(min, 3)
  const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as JsonSchema[]) : []
  const lower = Math.min(Math.max(min, 1), max)
  const upper = Math.max(lower, Math.min(max, lower + 2))
  const length = Math.max(
    ctx.depth >= MAX_DEPTH ? min : ctx.random.int(lower, upper),
    Math.min(prefix.length, max),
  )
  const items = (s.items ?? {}) as JsonSchema
  const out: unknown[] = []
  const seen = new Set<string>()
  for (let i = 0; i < length; i++) {
    const itemSchema = i < prefix.length ? prefix[i]! : items
    let value = generate(itemSchema, { ...ctx, depth: ctx.depth + 1 })
    if (s.uniqueItems === true) {
      for (let attempt = 0; seen.has(JSON.stringify(value)) && attempt < 5; attempt++)
        value = generate(itemSchema, { ...ctx, depth: ctx.depth + 1 })
      if (seen.has(JSON.stringify(value))) break
      seen.add(JSON.stringify(value))
    }
    out.push(value)
  }
  return out
}

function generateNumber(s: Obj, ctx: Context, integer: boolean): number {
  let min = typeof s.minimum === 'number' ? s.minimum : undefined
  let max = typeof s.maximum === 'number' ? s.maximum : undefined
  if (typeof s.exclusiveMinimum === 'number') min = s.exclusiveMinimum + (integer ? 1 : 0.001)
  if (typeof s.exclusiveMaximum === 'number') max = s.exclusiveMaximum - (integer ? 1 : 0.001)
  const lo = min ?? (max !== undefined ? max - 100 : 0)
  const hi = max ?? lo + 100
  const multipleOf = typeof s.multipleOf === 'number' && s.multipleOf > 0 ? s.multipleOf : undefined
  if (multipleOf) {
    const first = Math.ceil(lo / multipleOf)
    const last = Math.floor(hi / multipleOf)
    if (last >= first) return ctx.random.int(first, last) * multipleOf
  }
  if (integer) {
    const a = Math.ceil(lo)
    const b = Math.floor(hi)
    return b >= a ? ctx.random.int(a, b) : a
  }
  return Math.round((lo + ctx.random.next() * (hi - lo)) * 100) / 100
}

const FORMATS: Record<string, (r: Random) => string> = {
  'date-time': (r) =>
    `2025-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}T${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:00Z`,
  date: (r) => `2025-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
  time: (r) => `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:00`,
  duration: (r) => `P${r.int(1, 9)}D`,
  email: (r) => `${r.pick(WORDS)}@example.com`,
  hostname: (r) => `${r.pick(WORDS)}.example.com`,
  uri: (r) => `https://example.com/${r.pick(WORDS)}`,
  ipv4: (r) => `192.0.2.${r.int(1, 254)}`,
  ipv6: (r) => `2001:db8::${r.int(1, 9999).toString(16)}`,
  uuid: (r) => {
    const hex = (n: number) => Array.from({ length: n }, () => r.int(0, 15).toString(16)).join('')
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
  },
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function generateString(s: Obj, ctx: Context): string {
  if (typeof s.pattern === 'string') {
    const matched = sampleMatching(
      s.pattern,
      ctx.random,
      typeof s.minLength === 'number' ? s.minLength : 0,
      typeof s.maxLength === 'number' ? s.maxLength : undefined,
    )
    if (matched !== undefined) return matched
  }
  const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined
  let text = format ? format(ctx.random) : word(ctx)
  const min = typeof s.minLength === 'number' ? s.minLength : 0
  const max = typeof s.maxLength === 'number' ? s.maxLength : undefined
  while (text.length < min) text += ` ${ctx.random.pick(WORDS)}`
  if (max !== undefined && text.length > max) text = text.slice(0, max)
  return text
}

function word(ctx: Context): string {
  return `${ctx.random.pick(WORDS)} ${ctx.random.pick(WORDS)}`
}
