/**
 * GitHub App authentication: a JWT signed RS256 with the app's private key, `iss` the app id (or
 * client id), `iat`/`exp` at most ten minutes apart. The messages are GitHub's.
 *
 * @see https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 * @module
 */

import { GitHubApiError } from '../errors'
import type { AppRecord, GitHubState } from '../state'
import { ALGORITHM, verifyKeyFor } from './keys'

const DOCS = 'https://docs.github.com/rest'

export function looksLikeJwt(token: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token)
}

function base64urlDecode(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)
  const binary = atob(b64)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** The `iss` claim, read without verifying (to pick the partition before the state is known). */
export function jwtIssuer(token: string): string | undefined {
  try {
    const payload = JSON.parse(new TextDecoder().decode(base64urlDecode(token.split('.')[1] ?? ''))) as {
      iss?: unknown
    }
    return payload.iss === undefined ? undefined : String(payload.iss)
  } catch {
    return undefined
  }
}

function fail(message: string): never {
  throw new GitHubApiError(401, message, { documentationUrl: DOCS })
}

/** Verifies an app JWT; resolves to the app, or throws GitHub's 401. */
export async function verifyAppJwt(state: GitHubState, token: string): Promise<AppRecord> {
  const [h, p, s] = token.split('.') as [string, string, string]
  let header: { alg?: string }
  let payload: { iss?: unknown; iat?: unknown; exp?: unknown }
  try {
    header = JSON.parse(new TextDecoder().decode(base64urlDecode(h)))
    payload = JSON.parse(new TextDecoder().decode(base64urlDecode(p)))
  } catch {
    fail('A JSON web token could not be decoded')
  }
  if (header.alg !== 'RS256') fail('A JSON web token could not be decoded')
  const app = [...state.apps.values()].find(
    (a) =>
      String(a.id) === String(payload.iss) || `Iv1.${a.id.toString(16).padStart(16, '0')}` === payload.iss,
  )
  if (!app) fail('A JSON web token could not be decoded')
  const key = await verifyKeyFor(app.publicKey)
  const ok = await crypto.subtle.verify(
    ALGORITHM,
    key,
    base64urlDecode(s),
    new TextEncoder().encode(`${h}.${p}`),
  )
  if (!ok) fail('A JSON web token could not be decoded')
  const nowSeconds = state.clock.nowSeconds()
  if (typeof payload.iat !== 'number' || !Number.isInteger(payload.iat) || payload.iat > nowSeconds + 60) {
    fail("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued")
  }
  if (typeof payload.exp !== 'number' || payload.exp <= nowSeconds) {
    fail(
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    )
  }
  if (payload.exp - nowSeconds > 600 || payload.exp - payload.iat > 600 + 60) {
    fail("'Expiration time' claim ('exp') is too far in the future")
  }
  return app
}
