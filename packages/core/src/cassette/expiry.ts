/**
 * Cassette expiry: recordings age, the API moves on. `expiresIn` says how long a recording is
 * trusted; the strategy says what happens after that.
 *
 * @module
 */

import { InvalidOptionError } from '../errors'
import type { CassetteFile } from './format'
import { type CassetteStore, createFsStore } from './store'
import { requireString, SCAN_OPTIONS, validateOptions } from './validate'

/** What happens when a replayed interaction is older than `expiresIn`. */
export type ExpiryStrategy = 'warn' | 'error' | 'record'

export const EXPIRY_STRATEGIES: readonly ExpiryStrategy[] = ['warn', 'error', 'record']

/** A clock: the time as a `Date` or milliseconds since the epoch. */
export type Now = () => Date | number

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
}

/**
 * Milliseconds in a duration: a number (already ms) or text like `'30d'`, `'12h'`, `'1d12h'`, `'500ms'`.
 *
 * @example
 * parseDuration('30d') // 2592000000
 */
export function parseDuration(value: string | number, option = 'expiresIn'): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value
  } else if (typeof value === 'string') {
    const text = value.trim()
    if (/^\d+$/.test(text)) return Number(text)
    const re = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|y)/gy
    let total = 0
    let end = 0
    for (const match of text.matchAll(re)) {
      total += Number(match[1]) * UNITS[match[2]!]!
      end = match.index! + match[0].length
    }
    if (end > 0 && end === text.length) return total
  }
  throw new InvalidOptionError(
    option,
    `${JSON.stringify(value)} is not a duration. Use milliseconds or text like '30d', '12h', '1d12h'.`,
  )
}

/** A duration as the shortest text `parseDuration` reads back: 2592000000 → '30d'. */
export function formatDuration(ms: number): string {
  for (const unit of ['y', 'w', 'd', 'h', 'm', 's'] as const) {
    if (ms >= UNITS[unit]! && ms % UNITS[unit]! === 0) return `${ms / UNITS[unit]!}${unit}`
  }
  return `${ms}ms`
}

export function toMillis(now: Now | undefined): number {
  if (!now) return Date.now()
  const value = now()
  return typeof value === 'number' ? value : value.getTime()
}

export interface ExpiredCassette {
  name: string
  /** The file (or store location). */
  path: string
  /** When its oldest interaction was recorded. */
  recordedAt: string
  /** When that interaction expired. */
  expiredAt: string
  /** The `expiresIn` that applied. */
  expiresIn: string
  /** How many of its interactions are expired. */
  expiredInteractions: number
  interactions: number
}

export interface FindExpiredOptions {
  /** The clock. Default: `Date.now`. */
  now?: Now
  /** Overrides the `expiresIn` each cassette was recorded with. */
  expiresIn?: string | number
  /** Read from this store instead of `dir`. */
  store?: CassetteStore
}

/** Expiry of one cassette at `now`, or `undefined` if nothing in it has expired. */
export function cassetteExpiry(
  file: CassetteFile,
  now: number,
  expiresIn?: string | number,
): Omit<ExpiredCassette, 'name' | 'path'> | undefined {
  const limit = expiresIn ?? file.expiresIn
  if (limit === undefined || file.interactions.length === 0) return undefined
  const ms = parseDuration(limit)
  let oldest = Number.POSITIVE_INFINITY
  let expired = 0
  for (const interaction of file.interactions) {
    const at = Date.parse(interaction.recordedAt)
    if (at < oldest) oldest = at
    if (at + ms <= now) expired++
  }
  if (expired === 0) return undefined
  return {
    recordedAt: new Date(oldest).toISOString(),
    expiredAt: new Date(oldest + ms).toISOString(),
    expiresIn: typeof limit === 'number' ? formatDuration(limit) : limit,
    expiredInteractions: expired,
    interactions: file.interactions.length,
  }
}

/**
 * The cassettes under `dir` that hold expired interactions, judged by the `expiresIn` each was
 * recorded with (or `options.expiresIn`). Corrupt files are skipped here; `checkCassettes` reports them.
 *
 * @example
 * const expired = await findExpiredCassettes('test/__cassettes__', { now: () => new Date('2030-01-01') })
 * for (const c of expired) console.log(`${c.path}: expired ${c.expiredAt}`)
 */
export async function findExpiredCassettes(
  dir: string,
  options: FindExpiredOptions = {},
): Promise<ExpiredCassette[]> {
  validateOptions('findExpiredCassettes', options, SCAN_OPTIONS)
  if (!options.store) requireString('dir', dir, "findExpiredCassettes('test/__cassettes__')")
  if (options.expiresIn !== undefined) parseDuration(options.expiresIn)
  const store = options.store ?? createFsStore(dir)
  const now = toMillis(options.now)
  const out: ExpiredCassette[] = []
  for (const name of await store.list()) {
    let file: CassetteFile | null
    try {
      file = await store.read(name)
    } catch {
      continue
    }
    if (!file) continue
    const expiry = cassetteExpiry(file, now, options.expiresIn)
    if (expiry) out.push({ name, path: store.locate(name), ...expiry })
  }
  return out
}
