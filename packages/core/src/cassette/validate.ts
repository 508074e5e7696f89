/**
 * Option checks for the cassette API's public functions. A wrong option is an `InvalidOptionError`
 * that names it and shows a valid value, never a TypeError from deep inside, and an unknown key (a
 * typo such as `modes`) is an error rather than silently ignored.
 *
 * @module
 */

import { InvalidOptionError } from '../errors'

interface Rule {
  check: (value: unknown) => boolean
  /** "must be …. For example …" */
  expected: string
}

const isFunction = (v: unknown) => typeof v === 'function'
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

export const rules = {
  nonEmptyString: (example: string): Rule => ({
    check: (v) => typeof v === 'string' && v.trim() !== '',
    expected: `must be a non-empty string. For example ${example}.`,
  }),
  boolean: (example: string): Rule => ({
    check: (v) => typeof v === 'boolean',
    expected: `must be true or false. For example ${example}.`,
  }),
  function: (example: string): Rule => ({
    check: isFunction,
    expected: `must be a function. For example ${example}.`,
  }),
  clock: (): Rule => ({
    check: isFunction,
    expected:
      'must be a function returning a Date or milliseconds. For example { now: () => new Date("2030-01-01") }.',
  }),
  duration: (): Rule => ({
    check: (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v) && v >= 0),
    expected: "must be milliseconds or text like '30d', '12h', '1d12h'. For example { expiresIn: '30d' }.",
  }),
  stringArray: (example: string): Rule => ({
    check: (v) => Array.isArray(v) && v.every((e) => typeof e === 'string' && e !== ''),
    expected: `must be an array of non-empty strings. For example ${example}.`,
  }),
  array: (example: string): Rule => ({
    check: Array.isArray,
    expected: `must be an array. For example ${example}.`,
  }),
  object: (example: string): Rule => ({
    check: isObject,
    expected: `must be an object. For example ${example}.`,
  }),
  store: (): Rule => ({
    check: (v) =>
      isObject(v) &&
      ['locate', 'read', 'update', 'list'].every(
        (k) => typeof (v as Record<string, unknown>)[k] === 'function',
      ),
    expected:
      'must be a CassetteStore (locate, read, update, list). For example { store: createMemoryStore() }.',
  }),
  any: (): Rule => ({ check: () => true, expected: '' }),
}

export const REDACTION_OPTIONS: Record<string, Rule> = {
  filterHeaders: rules.array("{ filterHeaders: ['x-api-key', ['x-tenant', 'TENANT']] }"),
  filterQueryParameters: rules.array("{ filterQueryParameters: ['api_key'] }"),
  // The redactor checks the entries of the arrays and the JSONPaths themselves.
  filterBody: {
    check: (v) => Array.isArray(v) || isFunction(v),
    expected: "must be an array of JSONPaths or a function. For example { filterBody: ['$.password'] }.",
  },
  beforeRecordRequest: rules.function('{ beforeRecordRequest: (request) => request }'),
  beforeRecord: {
    check: (v) => isFunction(v) || (Array.isArray(v) && v.every(isFunction)),
    expected:
      'must be a function or an array of functions. For example { beforeRecord: (interaction) => interaction }.',
  },
}

/** The options of `withCassette`/`startCassette` (and `useCassette`). */
export const CASSETTE_OPTIONS: Record<string, Rule> = {
  ...REDACTION_OPTIONS,
  mode: rules.any(), // resolveRecordMode names the valid modes
  dir: rules.nonEmptyString("{ dir: 'test/__cassettes__' }"),
  store: rules.store(),
  matchOn: rules.any(), // createMatcher lists the valid keys
  allowPlaybackRepeats: rules.boolean('{ allowPlaybackRepeats: true }'),
  expiresIn: rules.duration(),
  expiryStrategy: rules.any(), // checked against the strategies by the engine
  now: rules.clock(),
  ignoreHosts: rules.stringArray("{ ignoreHosts: ['localhost:4010', '*.internal.example'] }"),
  onWarn: rules.function('{ onWarn: (message) => logger.warn(message) }'),
  env: rules.object('{ env: { CI: "true" } }'),
}

/** `fromHar`. */
export const FROM_HAR_OPTIONS: Record<string, Rule> = {
  ...REDACTION_OPTIONS,
  name: rules.nonEmptyString("{ name: 'github/issues' }"),
  filter: rules.function("{ filter: (entry) => entry.request.url.includes('/api/') }"),
}

/** `fromVcr`. */
export const FROM_VCR_OPTIONS: Record<string, Rule> = {
  ...REDACTION_OPTIONS,
  name: rules.nonEmptyString("{ name: 'github/issues' }"),
  recordedAt: {
    check: (v) => (v instanceof Date || typeof v === 'string') && !Number.isNaN(new Date(v).getTime()),
    expected: "must be a Date or a date string. For example { recordedAt: '2025-01-01T00:00:00Z' }.",
  },
  path: rules.nonEmptyString("{ path: 'cassettes/test_triage.yaml' }"),
}

/** `toHar`. */
export const TO_HAR_OPTIONS: Record<string, Rule> = {
  creator: {
    check: (v) => isObject(v) && typeof v.name === 'string' && typeof v.version === 'string',
    expected:
      "must be { name, version } strings. For example { creator: { name: 'my-tool', version: '1.0.0' } }.",
  },
}

/** `findExpiredCassettes` and `checkCassettes`. */
export const SCAN_OPTIONS: Record<string, Rule> = {
  now: rules.clock(),
  expiresIn: rules.duration(),
  store: rules.store(),
}

/**
 * Throw `InvalidOptionError` for the first option that is unknown or has the wrong type.
 *
 * @example
 * validateOptions('findExpiredCassettes', { now: 123 }, SCAN_OPTIONS) // throws: Invalid option "now"
 */
export function validateOptions(fn: string, options: unknown, known: Record<string, Rule>): void {
  if (options === undefined) return
  if (!isObject(options)) {
    throw new InvalidOptionError('options', `${fn} takes an options object, got ${describe(options)}.`)
  }
  for (const [key, value] of Object.entries(options)) {
    const rule = known[key]
    if (!rule) {
      throw new InvalidOptionError(
        key,
        `${fn} has no option "${key}". Its options are ${Object.keys(known).sort().join(', ')}.`,
      )
    }
    if (value !== undefined && !rule.check(value)) {
      throw new InvalidOptionError(
        key,
        `${rule.expected.replace(/^must/, `got ${describe(value)}; it must`)}`,
      )
    }
  }
}

/**
 * Throw `InvalidOptionError` unless `value` is a non-empty string (a directory, a name).
 *
 * @example
 * requireString('dir', dir, "findExpiredCassettes('test/__cassettes__')")
 */
export function requireString(option: string, value: unknown, example: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidOptionError(
      option,
      `got ${describe(value)}; it must be a non-empty string. For example ${example}.`,
    )
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return `${typeof value} ${String(value)}`
}
