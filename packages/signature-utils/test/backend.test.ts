// Each vitest project runs the whole suite on one build's crypto backend; this checks that the project
// really is on the backend it claims, so a passing run covers both.

import { expect, inject, test } from 'vitest'
import { backend } from '../src/internal/backend'

test('the suite runs on the backend its project names', () => {
  expect(backend.name).toBe(inject('backend'))
})

test.each([
  ['equal', [1, 2, 3], [1, 2, 3], true],
  ['differing in the last byte', [1, 2, 3], [1, 2, 4], false],
  ['of different lengths', [1, 2, 3], [1, 2], false],
  ['empty', [], [], true],
])('timingSafeEqual on byte strings %s', (_label, a, b, expected) => {
  expect(backend.timingSafeEqual(new Uint8Array(a), new Uint8Array(b))).toBe(expected)
})

test('the HMAC of a prefix and a payload is that of their concatenation, text or bytes', async () => {
  const text = await backend.hmacSha256({ text: 'gh_webhook_test' }, 'v0:1:', 'héllo')
  const bytes = await backend.hmacSha256(
    { bytes: new TextEncoder().encode('gh_webhook_test') },
    '',
    new TextEncoder().encode('v0:1:héllo'),
  )
  expect([...bytes]).toEqual([...text])
  // RFC 4231 test case 2.
  const rfc = await backend.hmacSha256({ text: 'Jefe' }, 'what do ya want ', 'for nothing?')
  expect(Buffer.from(rfc).toString('hex')).toBe(
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  )
})

test('a view into a larger or shared buffer is hashed as its own bytes', async () => {
  const shared = new Uint8Array(new SharedArrayBuffer(16))
  shared.set(new TextEncoder().encode('xxpayloadxx'))
  const view = shared.subarray(2, 9)
  const expected = await backend.hmacSha256({ text: 'k' }, '', 'payload')
  expect([...(await backend.hmacSha256({ text: 'k' }, '', view))]).toEqual([...expected])
})

test('base64 round-trips every byte value', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i)
  const text = backend.toBase64(all)
  expect(text).toBe(Buffer.from(all).toString('base64'))
  expect([...backend.decodeBase64(text)]).toEqual([...all])
})
