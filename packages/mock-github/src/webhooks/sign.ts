import { github } from '@understudy/signature-utils'

const encoder = new TextEncoder()

function hex(bytes: ArrayBuffer): string {
  let out = ''
  for (const b of new Uint8Array(bytes)) out += b.toString(16).padStart(2, '0')
  return out
}

/** `X-Hub-Signature`: the legacy HMAC-SHA1 header GitHub still sends beside the SHA-256 one. */
async function signSha1(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  )
  return `sha1=${hex(await crypto.subtle.sign('HMAC', key, encoder.encode(body)))}`
}

/** Both signature headers for a body, or none without a secret (GitHub signs only when a secret is set). */
export async function signatureHeaders(
  secret: string | undefined,
  body: string,
): Promise<Record<string, string>> {
  if (!secret) return {}
  const [sha1, sha256] = await Promise.all([signSha1(secret, body), github.sign(secret, body)])
  return { 'X-Hub-Signature': sha1, 'X-Hub-Signature-256': sha256 }
}
