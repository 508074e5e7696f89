// Encoding helpers shared by every scheme, and the crypto they need from whichever backend the build
// bundled (./backend, WebCrypto, or ./backend.node, node:crypto: see ./backend-types).

import { backend } from './backend'

export type { HmacKeySource } from './backend-types'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export type Bytes = Uint8Array<ArrayBuffer>

/** HMAC-SHA256 of `prefix` (UTF-8) followed by `payload`. */
export const hmacSha256 = backend.hmacSha256
/** Constant-time comparison; different lengths give `false`. */
export const timingSafeEqual = backend.timingSafeEqual
/** Standard base64 with padding. */
export const toBase64 = backend.toBase64

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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Decodes standard base64 (padding optional); anything else, including base64url, gives `undefined`. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined
  if (text.includes('=') && text.length % 4 !== 0) return undefined
  try {
    return backend.decodeBase64(text)
  } catch {
    return undefined
  }
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Random id in the shape senders use, e.g. `msg_2KWPBgLlAfxdpx2AI54pPJ85f4W`. */
export function randomId(prefix: string, length = 27): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length))
  let out = prefix
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length]
  return out
}
