// WebCrypto helpers shared by every scheme. Only globalThis.crypto.subtle and TextEncoder: no node:
// imports, so the same build runs on Node, Deno, Bun, edge runtimes and browsers.

import { SignatureUtilsError } from '../errors'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export type Bytes = Uint8Array<ArrayBuffer>

/** A Uint8Array, including one from another realm (a vm context, an iframe), where `instanceof` fails. */
export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && value.constructor?.name === 'Uint8Array' && 'BYTES_PER_ELEMENT' in value)
  )
}

export function utf8(text: string): Bytes {
  return encoder.encode(text)
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes)
}

/** `prefix` followed by the payload, as the bytes to sign. */
export function signedContent(prefix: string, payload: string | Uint8Array): Bytes {
  if (typeof payload === 'string') return encoder.encode(prefix + payload)
  const head = encoder.encode(prefix)
  const out = new Uint8Array(head.length + payload.length)
  out.set(head, 0)
  out.set(payload, head.length)
  return out
}

/** The payload as bytes WebCrypto accepts (it refuses views of a SharedArrayBuffer). */
export function payloadBytes(payload: string | Uint8Array): Bytes {
  if (typeof payload === 'string') return encoder.encode(payload)
  return payload.buffer instanceof ArrayBuffer ? (payload as Bytes) : new Uint8Array(payload)
}

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

// Importing a key costs about as much as the HMAC itself, and a webhook endpoint verifies every delivery
// with the same one or two secrets, so the last few keys are kept. Only non-extractable CryptoKeys are
// kept, and the map is keyed by the secret the caller already holds in memory.
const KEY_CACHE_SIZE = 8
const keyCache = new Map<string, Promise<CryptoKey>>()

function importKey(raw: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

/**
 * HMAC-SHA256 key for `raw`. `cacheKey` names the secret it came from, with a namespace, so a Stripe
 * secret used as UTF-8 text and the same text decoded as a Standard Webhooks key never share an entry.
 */
export function hmacKey(cacheKey: string, raw: () => Bytes): Promise<CryptoKey> {
  let key = keyCache.get(cacheKey)
  if (key) return key
  key = importKey(raw())
  // A failed import must not stay cached.
  key.catch(() => keyCache.delete(cacheKey))
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string)
  keyCache.set(cacheKey, key)
  return key
}

/** Key for a secret used as UTF-8 text, as GitHub, Slack and Stripe do. */
export function textSecretKey(secret: string): Promise<CryptoKey> {
  return hmacKey(`text:${secret}`, () => encoder.encode(secret))
}

/** Key from raw bytes that have no string form to cache under. */
export function rawKey(raw: Uint8Array): Promise<CryptoKey> {
  return importKey(payloadBytes(raw))
}

export async function hmacSha256(key: CryptoKey, data: Bytes): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', key, data))
}

/**
 * Compares two byte strings in time that depends only on their length, never on where they differ.
 * Both sides are HMAC-SHA256 digests here (32 bytes), so the length reveals nothing.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!
  return difference === 0
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += HEX_DIGITS[byte]
  return out
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48 // 0-9
  if (code >= 97 && code <= 102) return code - 87 // a-f
  if (code >= 65 && code <= 70) return code - 55 // A-F
  return -1
}

/** Decodes exactly `2 * length` hex digits (either case); anything else gives `undefined`. */
export function fromHex(text: string, length: number): Uint8Array | undefined {
  if (text.length !== length * 2) return undefined
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    const high = hexValue(text.charCodeAt(2 * i))
    const low = hexValue(text.charCodeAt(2 * i + 1))
    if (high < 0 || low < 0) return undefined
    out[i] = (high << 4) | low
  }
  return out
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Decodes standard base64 (padding optional); anything else, including base64url, gives `undefined`. */
export function fromBase64(text: string): Bytes | undefined {
  if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined
  if (text.includes('=') && text.length % 4 !== 0) return undefined
  let binary: string
  try {
    binary = atob(text)
  } catch {
    return undefined
  }
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Random id in the shape senders use, e.g. `msg_2KWPBgLlAfxdpx2AI54pPJ85f4W`. */
export function randomId(prefix: string, length = 27): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length))
  let out = prefix
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length]
  return out
}
