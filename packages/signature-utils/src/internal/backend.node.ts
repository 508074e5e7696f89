// The node:crypto implementation, picked by the `node` export condition. Hashing a webhook body takes
// microseconds, so it runs synchronously inside the async API (the public functions still return
// promises): a WebCrypto HMAC on Node is a job on the libuv thread pool whose hop costs about ten times
// the hash.

import { createHmac, timingSafeEqual } from 'node:crypto'
import type { CryptoBackend } from './backend-types'

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export const backend: CryptoBackend = {
  name: 'node:crypto',

  hmacSha256(key, prefix, payload) {
    // createHmac encodes a string key as UTF-8, the bytes GitHub, Slack and Stripe key with.
    const hmac = createHmac('sha256', 'text' in key ? key.text : asBuffer(key.bytes))
    if (prefix !== '') hmac.update(prefix, 'utf8')
    hmac.update(typeof payload === 'string' ? payload : asBuffer(payload))
    // digest() allocates a Buffer on a fresh ArrayBuffer, which costs more than hashing a small body;
    // a latin1 ('binary') string holds the same 32 bytes, one per character, and copies out cheaply.
    const mac = hmac.digest('binary')
    const out = new Uint8Array(mac.length)
    for (let i = 0; i < mac.length; i++) out[i] = mac.charCodeAt(i)
    return out
  },

  timingSafeEqual(a, b) {
    // node's timingSafeEqual throws on different lengths; the length of a digest is public anyway.
    return a.length === b.length && timingSafeEqual(a, b)
  },

  toBase64(bytes) {
    return asBuffer(bytes).toString('base64')
  },

  decodeBase64(text) {
    return Buffer.from(text, 'base64')
  },
}
