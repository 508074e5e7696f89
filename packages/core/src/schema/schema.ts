/**
 * A small schema description that does two jobs from one definition: it validates plain data
 * (seed data, options, config files) with issues that name their path (`repos[0].isues`), and it
 * emits the JSON Schema that editors use to check the same data as it is typed.
 *
 * @module
 */

import { didYouMean } from './did-you-mean'

/** A JSON Schema (draft-07) document or fragment. */
export type JsonSchema = { [key: string]: unknown }

/** One thing wrong with a value: where (`repos[0].issues[1].title`) and what. */
export interface SchemaIssue {
  readonly path: string
  readonly message: string
  /** A valid value for that path, when the schema gives one. */
  readonly example?: unknown
}

type Segment = string | number

/** A schema for values of type `T`. Build them with the `schema` helpers. */
export interface Schema<T = unknown> {
  /** What the schema expects, for messages: `a string`, `"open" or "closed"`, `an object`. */
  readonly expected: string
  readonly description?: string
  /** Appends what is wrong with `value` (found at `path`) to `issues`. */
  check(value: unknown, path: readonly Segment[], issues: SchemaIssue[]): void
  /** True when `value` has the schema's base type (a union reports the issues of the branch that does). */
  accepts(value: unknown): boolean
  /** The JSON Schema, or undefined for what JSON cannot carry (functions, RegExp, class instances). */
  json(): JsonSchema | undefined
  /** A valid value, shown in messages ("For example: ...") and in JSON Schema `examples`. */
  readonly exampleValue?: unknown
  /** The same schema with a description (shown by editors, and in JSON Schema). */
  describe(text: string): Schema<T>
  /** The same schema with an example of a valid value. */
  example(value: T): Schema<T>
  /** The same schema, as an optional property of an object. */
  optional(): OptionalSchema<T>
  /** Type-level only: the type of the values the schema accepts. */
  readonly __type?: T
}

/** An object property that may be left out. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly isOptional: true
}

/** The type a schema accepts. */
export type Infer<S> = S extends Schema<infer T> ? T : never

type Shape = Record<string, Schema<unknown>>
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never
}[keyof S]
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>
type Flatten<T> = { [K in keyof T]: T[K] } & {}
export type InferShape<S extends Shape> = Flatten<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `repos[0].issues`, `files["README.md"]`: a path as you would write it in JavaScript. */
export function formatPath(path: readonly Segment[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

/** A short rendering of a value for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'function') return 'a function'
  if (value instanceof RegExp) return String(value)
  if (typeof value === 'object') return 'an object'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

interface Parts {
  expected: string
  description?: string
  example?: { value: unknown }
  isOptional?: boolean
  check(value: unknown, path: readonly Segment[], issues: SchemaIssue[]): void
  accepts(value: unknown): boolean
  json(): JsonSchema | undefined
  extra?: Record<string, unknown>
}

function make<T>(parts: Parts): Schema<T> {
  const schema: Schema<T> = {
    expected: parts.expected,
    ...(parts.description !== undefined ? { description: parts.description } : {}),
    ...(parts.example ? { exampleValue: parts.example.value } : {}),
    check(value, path, issues) {
      const before = issues.length
      parts.check(value, path, issues)
      if (!parts.example) return
      // Issues found deeper keep the deeper schema's example; the rest get this one.
      for (let i = before; i < issues.length; i++)
        if (!('example' in issues[i]!)) issues[i] = { ...issues[i]!, example: parts.example.value }
    },
    accepts: parts.accepts,
    json() {
      const out = parts.json()
      if (!out) return out
      return {
        ...(parts.description !== undefined ? { description: parts.description } : {}),
        ...out,
        ...(parts.example ? { examples: [parts.example.value] } : {}),
      }
    },
    describe: (text) => make<T>({ ...parts, description: text }),
    example: (value) => make<T>({ ...parts, example: { value } }),
    optional: () => make<T | undefined>({ ...parts, isOptional: true }) as OptionalSchema<T>,
    ...(parts.isOptional ? { isOptional: true } : {}),
    ...parts.extra,
  }
  return schema
}

function wrongType(expected: string, value: unknown, path: readonly Segment[], issues: SchemaIssue[]): void {
  issues.push({ path: formatPath(path), message: `expected ${expected}, got ${describeValue(value)}` })
}

export interface StringOptions {
  /** A format the value must have; `hint` says it in words for the message (`"owner/name"`). */
  pattern?: RegExp
  hint?: string
  minLength?: number
  /** `uri`: an absolute URL. */
  format?: 'uri'
  /** A last check; returns what is wrong, or undefined. */
  refine?: (value: string) => string | undefined
}

function string(options: StringOptions = {}): Schema<string> {
  const expected =
    options.hint ??
    (options.format === 'uri'
      ? 'an absolute URL'
      : options.minLength === 1
        ? 'a non-empty string'
        : 'a string')
  return make<string>({
    expected,
    accepts: (value) => typeof value === 'string',
    check(value, path, issues) {
      if (typeof value !== 'string') return wrongType(expected, value, path, issues)
      let problem: string | undefined
      if (options.minLength !== undefined && value.length < options.minLength)
        problem =
          options.minLength === 1 ? 'must not be empty' : `must be at least ${options.minLength} characters`
      else if (options.pattern && !options.pattern.test(value))
        problem = `expected ${expected}, got ${describeValue(value)}`
      else if (options.format === 'uri' && !URL.canParse(value))
        problem = `expected an absolute URL like "http://127.0.0.1:3000/webhooks", got ${describeValue(value)}`
      else problem = options.refine?.(value)
      if (problem) issues.push({ path: formatPath(path), message: problem })
    },
    json: () => ({
      type: 'string',
      ...(options.minLength !== undefined ? { minLength: options.minLength } : {}),
      ...(options.pattern ? { pattern: options.pattern.source } : {}),
      ...(options.format ? { format: options.format } : {}),
    }),
  })
}

export interface NumberOptions {
  integer?: boolean
  minimum?: number
  maximum?: number
}

function number(options: NumberOptions = {}): Schema<number> {
  const bounds =
    options.minimum !== undefined && options.maximum !== undefined
      ? ` from ${options.minimum} to ${options.maximum}`
      : options.minimum !== undefined
        ? ` >= ${options.minimum}`
        : options.maximum !== undefined
          ? ` <= ${options.maximum}`
          : ''
  const expected = `${options.integer ? 'a whole number' : 'a number'}${bounds}`
  return make<number>({
    expected,
    accepts: (value) => typeof value === 'number',
    check(value, path, issues) {
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (options.integer && !Number.isInteger(value)) ||
        (options.minimum !== undefined && value < options.minimum) ||
        (options.maximum !== undefined && value > options.maximum)
      )
        wrongType(expected, value, path, issues)
    },
    json: () => ({
      type: options.integer ? 'integer' : 'number',
      ...(options.minimum !== undefined ? { minimum: options.minimum } : {}),
      ...(options.maximum !== undefined ? { maximum: options.maximum } : {}),
    }),
  })
}

function boolean(): Schema<boolean> {
  return make<boolean>({
    expected: 'true or false',
    accepts: (value) => typeof value === 'boolean',
    check(value, path, issues) {
      if (typeof value !== 'boolean') wrongType('true or false', value, path, issues)
    },
    json: () => ({ type: 'boolean' }),
  })
}

function enumOf<const V extends readonly (string | number | boolean | null)[]>(values: V): Schema<V[number]> {
  const listed = values.map((v) => JSON.stringify(v))
  const expected =
    listed.length === 1 ? listed[0]! : `${listed.slice(0, -1).join(', ')} or ${listed[listed.length - 1]}`
  return make<V[number]>({
    expected,
    accepts: (value) => (values as readonly unknown[]).includes(value),
    check(value, path, issues) {
      if ((values as readonly unknown[]).includes(value)) return
      const hint = typeof value === 'string' ? didYouMean(value, values.map(String)) : undefined
      issues.push({
        path: formatPath(path),
        message: `expected ${expected}, got ${describeValue(value)}${hint ? `; did you mean "${hint}"?` : ''}`,
      })
    },
    json: () => (values.length === 1 ? { const: values[0] } : { enum: [...values] }),
  })
}

function array<T>(item: Schema<T>, options: { minItems?: number } = {}): Schema<T[]> {
  const expected = 'an array'
  return make<T[]>({
    expected,
    accepts: Array.isArray,
    check(value, path, issues) {
      if (!Array.isArray(value)) return wrongType('an array', value, path, issues)
      if (options.minItems !== undefined && value.length < options.minItems)
        issues.push({ path: formatPath(path), message: `needs at least ${options.minItems} item(s)` })
      value.forEach((entry, i) => {
        item.check(entry, [...path, i], issues)
      })
    },
    json: () => {
      const items = item.json()
      return {
        type: 'array',
        ...(items ? { items } : {}),
        ...(options.minItems !== undefined ? { minItems: options.minItems } : {}),
      }
    },
  })
}

export interface ObjectOptions {
  /** A valid value, shown when the value is not an object or misses a required key. */
  example?: string
}

function object<S extends Shape>(
  shape: S,
  options: ObjectOptions = {},
): Schema<InferShape<S>> & { shape: S } {
  const keys = Object.keys(shape)
  const forExample = options.example ? `. For example: ${options.example}` : ''
  return make<InferShape<S>>({
    expected: 'an object',
    accepts: isPlainObject,
    extra: { shape },
    check(value, path, issues) {
      if (!isPlainObject(value)) {
        issues.push({
          path: formatPath(path),
          message: `expected an object, got ${describeValue(value)}${forExample}`,
        })
        return
      }
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(shape, key)) continue
        const hint = didYouMean(key, keys)
        issues.push({
          path: formatPath([...path, key]),
          message: hint
            ? `unknown key "${key}"; did you mean "${hint}"?`
            : `unknown key "${key}"; ${keys.length ? `expected one of ${keys.join(', ')}` : 'expected no keys here'}`,
        })
      }
      for (const key of keys) {
        const field = shape[key]!
        const entry = value[key]
        if (entry === undefined) {
          if (!('isOptional' in field))
            issues.push({
              path: formatPath(path),
              message: `needs ${/^[aeiou]/i.test(key) ? 'an' : 'a'} ${key} (${field.expected})${forExample}`,
            })
          continue
        }
        field.check(entry, [...path, key], issues)
      }
    },
    json: () => {
      const properties: Record<string, JsonSchema> = {}
      const required: string[] = []
      for (const key of keys) {
        const field = shape[key]!
        const json = field.json()
        if (!json) continue
        properties[key] = json
        if (!('isOptional' in field)) required.push(key)
      }
      return {
        type: 'object',
        properties,
        ...(required.length ? { required } : {}),
        additionalProperties: false,
      }
    },
  }) as Schema<InferShape<S>> & { shape: S }
}

function record<T>(value: Schema<T>, options: { key?: string } = {}): Schema<Record<string, T>> {
  return make<Record<string, T>>({
    expected: `an object${options.key ? ` mapping ${options.key}` : ''}`,
    accepts: isPlainObject,
    check(input, path, issues) {
      if (!isPlainObject(input))
        return wrongType(`an object${options.key ? ` mapping ${options.key}` : ''}`, input, path, issues)
      for (const [key, entry] of Object.entries(input)) value.check(entry, [...path, key], issues)
    },
    json: () => ({ type: 'object', additionalProperties: value.json() ?? {} }),
  })
}

function union<const M extends readonly Schema<unknown>[]>(members: M): Schema<Infer<M[number]>> {
  const expected = members.map((m) => m.expected).join(' or ')
  return make<Infer<M[number]>>({
    expected,
    accepts: (value) => members.some((m) => m.accepts(value)),
    check(value, path, issues) {
      let first: SchemaIssue[] | undefined
      for (const member of members) {
        if (!member.accepts(value)) continue
        const found: SchemaIssue[] = []
        member.check(value, path, found)
        if (found.length === 0) return
        first ??= found
      }
      if (first) issues.push(...first)
      else wrongType(expected, value, path, issues)
    },
    json: () => {
      const anyOf = members.map((m) => m.json()).filter((j): j is JsonSchema => j !== undefined)
      return anyOf.length === 1 ? anyOf[0] : { anyOf }
    },
  })
}

function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return union([inner, enumOf([null])]) as Schema<T | null>
}

/**
 * A value JSON cannot carry (a function, a RegExp, a class instance): checked with `test`, left out
 * of the JSON Schema (so config files cannot set it).
 */
function custom<T>(expected: string, test: (value: unknown) => boolean): Schema<T> {
  return make<T>({
    expected,
    accepts: test,
    check(value, path, issues) {
      if (!test(value)) wrongType(expected, value, path, issues)
    },
    json: () => undefined,
  })
}

/** Anything: for free-form JSON (Slack blocks, metadata values). */
function unknownValue(): Schema<unknown> {
  return make<unknown>({ expected: 'any value', accepts: () => true, check() {}, json: () => ({}) })
}

/**
 * Schema builders. Objects are strict: an unknown key is an issue, with a did-you-mean hint.
 *
 * @example
 * import { schema as s, validate } from '@understudy/core'
 * const repo = s.object({ full_name: s.string({ pattern: /^[\w.-]+\/[\w.-]+$/, hint: '"owner/name"' }), private: s.boolean().optional() })
 * validate(repo, { full_name: 'octo/hello', privat: true }) // [{ path: 'privat', message: 'unknown key "privat"; did you mean "private"?' }]
 */
export const schema = {
  string,
  number,
  integer: (options: Omit<NumberOptions, 'integer'> = {}) => number({ ...options, integer: true }),
  boolean,
  enum: enumOf,
  literal: <const V extends string | number | boolean>(value: V) => enumOf([value] as const),
  array,
  object,
  record,
  union,
  nullable,
  custom,
  unknown: unknownValue,
}

/**
 * Every issue with `value`, each naming its path; empty when it is valid.
 *
 * @example
 * validate(schema.object({ title: schema.string() }), { titel: 'x' })
 * // [{ path: 'titel', message: 'unknown key "titel"; did you mean "title"?' }, { path: '', message: 'needs a title (a string)' }]
 */
export function validate(
  target: Schema<unknown>,
  value: unknown,
  path: readonly Segment[] = [],
): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  target.check(value, path, issues)
  return issues
}

/** Issues as one readable line each: `repos[0].isues: unknown key "isues"; did you mean "issues"?`. */
export function formatIssues(issues: readonly SchemaIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
  if (issues.length > limit) shown.push(`(and ${issues.length - limit} more)`)
  return shown.join('\n  ')
}

export interface JsonSchemaDocument {
  /** The URL the document is published at (its `$id`). */
  id?: string
  title?: string
  description?: string
}

/**
 * The JSON Schema (draft-07, as editors read it) for a schema, as a whole document.
 *
 * @example
 * writeFileSync('seed.schema.json', JSON.stringify(toJsonSchema(seedSchema, { title: 'Understudy seed file' }), null, 2))
 */
export function toJsonSchema(target: Schema<unknown>, document: JsonSchemaDocument = {}): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...(document.id ? { $id: document.id } : {}),
    ...(document.title ? { title: document.title } : {}),
    ...(document.description ? { description: document.description } : {}),
    ...target.json(),
  }
}
