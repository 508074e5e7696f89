/**
 * RSA public keys for GitHub App JWTs, from whatever PEM a test has: SPKI or PKCS#1 public keys, PKCS#8
 * or PKCS#1 private keys (GitHub hands out PKCS#1, `BEGIN RSA PRIVATE KEY`). WebCrypto only reads
 * SPKI/PKCS#8, so PKCS#1 DER is wrapped first; a private key's public half is taken through JWK.
 *
 * @module
 */

const RSA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]
const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

function derLength(length: number): number[] {
  if (length < 0x80) return [length]
  const bytes: number[] = []
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff)
  return [0x80 | bytes.length, ...bytes]
}

function der(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = [tag, ...derLength(content.length)]
  const out = new Uint8Array(head.length + content.length)
  out.set(head)
  out.set(content, head.length)
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

function pemBody(pem: string): { label: string; der: Uint8Array<ArrayBuffer> } {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]+?)-----END \1-----/.exec(pem)
  if (!match) throw new Error('not a PEM block')
  const binary = atob(match[2]!.replace(/\s+/g, ''))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return { label: match[1]!, der: bytes }
}

const algorithmId = der(0x30, new Uint8Array(RSA_OID))

async function publicFromPrivate(pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ALGORITHM, true, ['sign'])
  const jwk = await crypto.subtle.exportKey('jwk', privateKey)
  return crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true },
    ALGORITHM,
    false,
    ['verify'],
  )
}

/** The verification key for a PEM (public or private, PKCS#1 or not). */
export async function importVerifyKey(pem: string): Promise<CryptoKey> {
  const { label, der: body } = pemBody(pem)
  switch (label) {
    case 'PUBLIC KEY':
      return crypto.subtle.importKey('spki', body, ALGORITHM, false, ['verify'])
    case 'RSA PUBLIC KEY': {
      const spki = der(0x30, concat(algorithmId, der(0x03, concat(new Uint8Array([0]), body))))
      return crypto.subtle.importKey('spki', spki, ALGORITHM, false, ['verify'])
    }
    case 'PRIVATE KEY':
      return publicFromPrivate(body)
    case 'RSA PRIVATE KEY':
      return publicFromPrivate(
        der(0x30, concat(new Uint8Array([0x02, 0x01, 0x00]), algorithmId, der(0x04, body))),
      )
    default:
      throw new Error(`unsupported PEM block "${label}"`)
  }
}

/** True when the text holds a PEM block the mock can read. */
export function looksLikePem(text: unknown): text is string {
  return typeof text === 'string' && /-----BEGIN (RSA )?(PUBLIC|PRIVATE) KEY-----/.test(text)
}

const cache = new Map<string, Promise<CryptoKey>>()

export function verifyKeyFor(pem: string): Promise<CryptoKey> {
  let key = cache.get(pem)
  if (!key) {
    key = importVerifyKey(pem)
    cache.set(pem, key)
  }
  return key
}

export { ALGORITHM }
