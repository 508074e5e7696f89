import { expect, test } from 'vitest'
import { createIds } from './ids'

test('ids are the same sequence for a seed in every release: snapshots and cassettes depend on it', () => {
  // Drawn with the implementation these ids were first made with; a change here changes users' ids.
  const ids = createIds('fixed')
  expect([ids.uuid(), ids.hex(5), ids.uuid(), ids.next('cus_')]).toEqual([
    '8b460231-6190-413b-bb9f-2c533f6fe70f',
    'ce185',
    '557fef35-04f9-49bf-841a-c0cb28dcbf97',
    'cus_Tq56ZdkBysl6qu9A89CKgfiD',
  ])
  expect(ids.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})

/** The first implementation, drawing a float per character: what every id must still equal. */
function reference(seed: string) {
  let state = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    state ^= seed.charCodeAt(i)
    state = Math.imul(state, 0x01000193)
  }
  state >>>= 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const chars = (alphabet: string, length: number) => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)]
    return out
  }
  const hex = (length: number) => chars('0123456789abcdef', length)
  const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  return {
    next: (prefix: string, length: number) => prefix + chars(base62, length),
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`,
  }
}

test('ids equal the first implementation over thousands of draws of every kind', () => {
  for (const seed of ['github:default', 'stripe:sk_test_123', '']) {
    const ids = createIds(seed)
    const ref = reference(seed)
    for (let i = 0; i < 2000; i++) {
      expect(ids.uuid()).toBe(ref.uuid())
      expect(ids.hex(1 + (i % 40))).toBe(ref.hex(1 + (i % 40)))
      expect(ids.next('cus_', 1 + (i % 30))).toBe(ref.next('cus_', 1 + (i % 30)))
    }
  }
})
