import { describe, expect, test } from 'vitest'
import { scanForSecrets } from '../../src/cassette/index'

// Real-looking shapes, built at run time so no scanner (ours or a host's) flags this file.
const secrets = {
  github: `ghp_${'A1b2C3d4E5'.repeat(4).slice(0, 36)}`,
  slack: `xoxb-${'1234567890'}-${'1234567890123'}-${'AbCdEfGhIjKlMnOpQrStUvWx'}`,
  stripe: `sk_live_${'51Habcdefghijklmnopqrstu'}`,
  webhook: `whsec_${'MfKQ9r8G+Yqr/wjUPD8ILPZIo2La+aSw'}`,
  openai: `sk-proj-${'abcDEF123_'.repeat(5)}`,
  anthropic: `sk-ant-api03-${'AbCdEf012_'.repeat(5)}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'}`,
}
const placeholders = [
  'ghp_test',
  'xoxb-test',
  'sk_test_123',
  'whsec_test',
  'sk-test',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
]

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64')
const b64url = (s: string) => Buffer.from(s, 'latin1').toString('base64url')
/** Every character percent-encoded, as some clients (and attackers) do. */
const pctAll = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')
const uEscapeAll = (s: string) =>
  [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

const interaction = (request: object, response: object = {}) => ({
  interactions: [
    {
      recordedAt: '2025-01-01T00:00:00.000Z',
      request: { method: 'POST', url: 'https://api.test/x', headers: {}, ...request },
      response: { status: 200, headers: {}, ...response },
    },
  ],
})

/** Where and how a secret may sit in a cassette. */
const placements: Record<string, (s: string) => unknown> = {
  'request header': (s) => interaction({ headers: { 'x-token': s } }),
  'query parameter': (s) => interaction({ url: `https://api.test/x?token=${s}` }),
  'JSON string field': (s) => interaction({ body: { json: { token: s } } }),
  'text body': (s) => interaction({ body: { text: `token is ${s}` } }),
  'object key': (s) => interaction({}, { body: { json: { [s]: true } } }),
  'binary body (base64)': (s) => interaction({}, { body: { base64: b64(s) } }),
  'base64 inside a JSON string': (s) => interaction({}, { body: { json: { data: b64(s) } } }),
  'base64 JSON inside a JSON string': (s) =>
    interaction({}, { body: { json: { payload: b64(JSON.stringify({ key: s })) } } }),
  'base64url inside a JSON string': (s) => interaction({}, { body: { json: { state: b64url(s) } } }),
  'Basic authorization (base64 user:secret)': (s) =>
    interaction({ headers: { 'proxy-authorization': `Basic ${b64(`api:${s}`)}` } }),
  'base64 in a response header': (s) => interaction({}, { headers: { 'x-debug': b64(s) } }),
  'percent-encoded query parameter': (s) => interaction({ url: `https://api.test/x?token=${pctAll(s)}` }),
  'percent-encoded form body': (s) => interaction({ body: { text: `a=1&secret=${pctAll(s)}` } }),
  'JSON \\u escapes in a text body': (s) =>
    interaction({}, { body: { text: `{"token":"${uEscapeAll(s)}"}` } }),
  'percent-encoded base64 in a query': (s) =>
    interaction({ url: `https://api.test/x?blob=${encodeURIComponent(b64(`{"k":"${s}"}`))}` }),
  'base64 of percent-encoded': (s) => interaction({}, { body: { json: { data: b64(pctAll(s)) } } }),
  'base64 of base64': (s) => interaction({}, { body: { json: { data: b64(b64(s)) } } }),
  'stringified JSON in a JSON string': (s) =>
    interaction({}, { body: { json: { inner: JSON.stringify({ a: { b: s } }) } } }),
}

const matrix = Object.entries(placements).flatMap(([where, place]) =>
  Object.entries(secrets).map(([kind, secret]) => ({ where, kind, value: place(secret) })),
)

describe('the secret scanner sees through encodings', () => {
  test(`all ${matrix.length} placements of ${Object.keys(secrets).length} secret kinds are found`, () => {
    const leaked = matrix
      .filter((m) => scanForSecrets(m.value).length === 0)
      .map((m) => `${m.kind} in ${m.where}`)
    expect(leaked).toEqual([])
  })

  test('a finding says how the secret was encoded, and its preview never holds it', () => {
    const [finding] = scanForSecrets(placements['base64 inside a JSON string']!(secrets.github))
    expect(finding).toMatchObject({
      kind: 'github-token',
      label: 'GitHub token, base64-encoded',
      path: '$.interactions[0].response.body.json.data',
    })
    expect(finding!.preview).not.toContain(secrets.github)
    const [nested] = scanForSecrets(placements['base64 of percent-encoded']!(secrets.webhook))
    expect(nested!.label).toBe('webhook signing secret (whsec_), percent-encoded in base64-encoded')
  })

  test('placeholders stay allowed in every placement', () => {
    const found = Object.entries(placements).flatMap(([where, place]) =>
      placeholders.flatMap((p) => scanForSecrets(place(p)).map((f) => `${p} in ${where}: ${f.label}`)),
    )
    expect(found).toEqual([])
  })

  test('cost stays linear: a 4 MB base64 body of random bytes is scanned, nothing is found', () => {
    const random = Buffer.alloc(3_000_000)
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24
    expect(scanForSecrets({ body: { json: { data: random.toString('base64') } } })).toEqual([])
  })
})
