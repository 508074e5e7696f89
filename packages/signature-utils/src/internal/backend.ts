// The WebCrypto implementation: only globalThis.crypto.subtle, TextEncoder, btoa and atob, no node:
// imports, so this build runs on Node, Deno, Bun, edge runtimes and browsers. Node picks
// ./backend.node instead through the `node` export condition (each WebCrypto HMAC is a job on Node's
// thread pool, about ten times the cost of the hash itself).

import { SignatureUtilsError } from '../errors'
import type { CryptoBackend, HmacKeySource } from './backend-types'

type Bytes = Uint8Array<ArrayBuffer>

const encoder = new TextEncoder()

function subtle(): SubtleCrypto {
  const value = globalThis.crypto?.subtle
  if (!value) {
    throw new SignatureUtilsError(
      'Failed to compute an HMAC: globalThis.crypto.subtle is not available in this runtime. ' +
        'Use Node >= 20.19, Deno, Bun, an edge runtime, or a browser page served over HTTPS or from localhost.',
    )
  }
  return value
}

/** Bytes WebCrypto accepts (it refuses views of a SharedArrayBuffer). */
function ownBytes(bytes: Uint8Array): Bytes {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Bytes) : new Uint8Array(bytes)
}

function signedContent(prefix: string, payload: string | Uint8Array): Bytes {
  if (typeof payload === 'string') return encoder.encode(prefix + payload)
  if (prefix === '') return ownBytes(payload)
  const head = encoder.encode(prefix)
  const out = new Uint8Array(head.length + payload.length)
  out.set(head, 0)
  out.set(payload, head.length)
  return out
}

// Importing a key costs about as much as the HMAC itself, and a webhook endpoint verifies every delivery
// with the same one or two secrets, so the last few keys are kept. Only non-extractable CryptoKeys are
// kept, and the map is keyed by the secret the caller already holds in memory.
const KEY_CACHE_SIZE = 8
const keyCache = new Map<string, Promise<CryptoKey>>()

function importKey(raw: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

function cachedKey(cacheKey: string, raw: () => Bytes): Promise<CryptoKey> {
  let key = keyCache.get(cacheKey)
  if (key) return key
  key = importKey(raw())
  // A failed import must not stay cached.
  key.catch(() => keyCache.delete(cacheKey))
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string)
  keyCache.set(cacheKey, key)
  return key
}

function cryptoKey(source: HmacKeySource): Promise<CryptoKey> {
  if ('text' in source) return cachedKey(`text:${source.text}`, () => encoder.encode(source.text))
  const { bytes, cacheKey } = source
  return cacheKey === undefined ? importKey(ownBytes(bytes)) : cachedKey(cacheKey, () => ownBytes(bytes))
}

export const backend: CryptoBackend = {
  name: 'webcrypto',

  async hmacSha256(key, prefix, payload) {
    const data = signedContent(prefix, payload)
    return new Uint8Array(await subtle().sign('HMAC', await cryptoKey(key), data))
  },

  timingSafeEqual(a, b) {
    if (a.length !== b.length) return false
    let difference = 0
    for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!
    return difference === 0
  },

  toBase64(bytes) {
    let binary = ''
    for (const byte of bytes) binary += String.fromCharCode(byte)
    return btoa(binary)
  },

  decodeBase64(text) {
    const binary = atob(text)
    const out = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
    return out
  },
}
