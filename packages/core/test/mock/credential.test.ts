import { expect, test } from 'vitest'
import { credentialFromAuthorization } from '../../src/index'

/** The first implementation: one regular expression for every header. */
function reference(header: string | null): string | undefined {
  if (!header) return undefined
  const match = /^\s*(\w+)\s+(.+?)\s*$/.exec(header)
  if (!match) return header.trim() || undefined
  const [, scheme, value] = match
  if (scheme!.toLowerCase() === 'basic') {
    try {
      const decoded = atob(value!)
      const user = decoded.split(':')[0]
      return user || decoded.split(':')[1] || undefined
    } catch {
      return undefined
    }
  }
  return value
}

test('the credential in an Authorization header is what the first implementation found, in every form', () => {
  const headers = [
    null,
    '',
    ' ',
    'token ghp_test',
    'Bearer sk_test_123',
    'bearer  spaced',
    'Bearer\tx',
    'Bearer x ',
    ' Bearer x',
    'Bearer a b',
    'Bearer',
    'ghp_alone',
    'Bearer ' + 'é',
    'Bearer \u00a0x',
    'Bearer-x y',
    'Basic ' + btoa('sk_test_123:'),
    'basic ' + btoa(':only_password'),
    'BASIC ' + btoa('user:pass'),
    'Basic not-base64!',
    'Basicx y',
    'Token x:y',
    'x y',
    '_ y',
    'a\u00a0b',
  ]
  for (const header of headers)
    expect([header, credentialFromAuthorization(header)]).toEqual([header, reference(header)])
})
