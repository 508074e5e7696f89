/**
 * Service-shaped, deterministic ids: the same sequence of calls makes the same ids in every run, so
 * snapshots and cassettes made against a mock are stable.
 */
export interface IdGenerator {
  /** `prefix` + random-looking base62 characters, e.g. `next('cus_')` → `cus_Q3m...` (Stripe shape). */
  next(prefix?: string, length?: number): string
  /** 1, 2, 3, … per name: GitHub's issue numbers, numeric ids. */
  counter(name: string, start?: number): number
  /** A hex string (request ids, delivery GUID parts). */
  hex(length: number): string
  /** An RFC 4122 shaped v4 uuid. */
  uuid(): string
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

// FNV-1a, to turn the seed string into the PRNG's starting state.
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** @example const ids = createIds('stripe'); ids.next('cus_') */
export function createIds(seed = 'understudy'): IdGenerator {
  // mulberry32: tiny, fast, and good enough for ids that only need to look random and be repeatable.
  // In a typed array: a closure variable holding a 32-bit value is a boxed number, one allocation
  // per draw, and ids are drawn for every request the mock logs.
  const state = new Uint32Array([hashSeed(seed)])
  // floor(u / 2^32 * n) for the next 32-bit value u, as the ids were first drawn (a float in [0, 1)
  // times n), computed as floor(u * n / 2^32): the same value exactly (both products fit a double's
  // 53 bits), returned as a small integer.
  const draw = (n: number) => {
    state[0] = state[0]! + 0x6d2b79f5
    let t = state[0]!
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) * n) / 4294967296)
  }
  const counters = new Map<string, number>()
  // One array and one string per id: appending a character at a time made a string per character,
  // and ids are drawn for every request the mock logs.
  const codes: number[] = []
  const drawInto = (alphabet: string, at: number, count: number) => {
    for (let i = at; i < at + count; i++) codes[i] = alphabet.charCodeAt(draw(alphabet.length))
  }
  const chars = (alphabet: string, length: number) => {
    codes.length = length
    drawInto(alphabet, 0, length)
    return String.fromCharCode.apply(null, codes)
  }
  const HEX = '0123456789abcdef'
  const hex = (length: number) => chars(HEX, length)
  // The same draws, in the same order, as `${hex(8)}-${hex(4)}-4${hex(3)}-…`, into one string.
  const uuid = () => {
    codes.length = 36
    drawInto(HEX, 0, 8)
    codes[8] = 0x2d
    drawInto(HEX, 9, 4)
    codes[13] = 0x2d
    codes[14] = 0x34
    drawInto(HEX, 15, 3)
    codes[18] = 0x2d
    drawInto('89ab', 19, 1)
    drawInto(HEX, 20, 3)
    codes[23] = 0x2d
    drawInto(HEX, 24, 12)
    return String.fromCharCode.apply(null, codes)
  }
  return {
    next: (prefix = '', length = 24) => prefix + chars(BASE62, length),
    counter(name, start = 1) {
      const value = counters.get(name) ?? start
      counters.set(name, value + 1)
      return value
    },
    hex,
    uuid,
  }
}
