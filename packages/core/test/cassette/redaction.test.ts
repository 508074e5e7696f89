import { readdir, readFile } from 'node:fs/promises'
import { fakeCredentials, testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import {
  type CassetteOptions,
  DEFAULT_FILTER_HEADERS,
  scanForSecrets,
  withCassette,
} from '../../src/cassette/index'
import { startTestServer } from './server'

const options = (dir: string, extra: CassetteOptions = {}): CassetteOptions => ({
  dir,
  env: {},
  mode: 'once',
  ...extra,
})
const read = async (path: string) => JSON.parse(await readFile(path, 'utf8'))

// Real-looking shapes, built at run time so no scanner (ours or a host's) flags this file.
const real = {
  github: `ghp_${'A1b2C3d4E5'.repeat(4).slice(0, 36)}`,
  githubPat: `github_pat_${'11ABCDEFG0'.repeat(9).slice(0, 82)}`,
  slack: `xoxb-${'1234567890'}-${'1234567890123'}-${'AbCdEfGhIjKlMnOpQrStUvWx'}`,
  slackApp: `xapp-1-${'A0123ABCDEF'}-${'1234567890123'}-${'0123456789abcdef'.repeat(4)}`,
  slackRotating: `xoxe.xoxb-1-${'MS0yLTEyMzQ1Njc4OTAtMTIzNDU2Nzg5MDEyMw'}`,
  slackRefresh: `xoxe-1-${'My0xLTEyMzQ1Njc4OTAtMTIzNDU2Nzg5MDEyMw'}`,
  stripe: `sk_live_${'51Habcdefghijklmnopqrstu'}`,
  stripeRestricted: `rk_live_${'51Habcdefghijklmnopqrstu'}`,
  webhook: `whsec_${'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'}`,
  openai: `sk-proj-${'abcDEF123_'.repeat(5)}`,
  openaiLegacy: `sk-${'T3BlbkFJ'.repeat(6)}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'}`,
}

describe('scanForSecrets(value)', () => {
  test.each(Object.entries(real))('finds a real-looking %s and says where', (_name, secret) => {
    const findings = scanForSecrets({
      interactions: [{ request: { headers: { 'x-custom': `prefix ${secret}` } } }],
    })
    expect(findings).toHaveLength(1)
    expect(findings[0]!.path).toBe("$.interactions[0].request.headers['x-custom']")
    expect(findings[0]!.preview).not.toContain(secret)
    expect(findings[0]!.preview).toMatch(/… \(\d+ chars\)$/)
  })

  test("the project's placeholder credentials are not secrets", () => {
    const placeholders = {
      ...fakeCredentials,
      bearer: 'Bearer sk_test_123',
      docsKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
    }
    expect(scanForSecrets(placeholders)).toEqual([])
    expect(scanForSecrets(['ghp_test', 'xoxb-test', 'sk-test', 'whsec_test', 'sk_test_123'])).toEqual([])
  })

  test('a bearer JWT is one finding, and a base64 body is scanned decoded', () => {
    expect(scanForSecrets({ authorization: `Bearer ${real.jwt}` }).map((f) => f.kind)).toEqual(['jwt'])
    const findings = scanForSecrets({
      body: { base64: Buffer.from(`token=${real.github}`).toString('base64') },
    })
    expect(findings.map((f) => [f.kind, f.path])).toEqual([['github-token', '$.body.base64']])
  })

  test('a secret used as an object key is found too', () => {
    const findings = scanForSecrets({ body: { json: { [real.github]: { scopes: ['repo'] } } } })
    expect(findings.map((f) => [f.kind, f.path])).toEqual([['github-token', `$.body.json.${real.github}`]])
  })

  test('does not flag ordinary text that shares a prefix', () => {
    expect(
      scanForSecrets({
        text: 'desk-organizer-and-ticket-system-for-everyone',
        id: 'task_live_12345678901234567890abcd',
      }),
    ).toEqual([])
  })
})

describe('redaction while recording', () => {
  test('default filterHeaders drop credentials and cookies from requests and responses', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('headers', options(dir.path), () =>
      fetch(`${server.url}/echo`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${fakeCredentials.openai}`,
          'x-api-key': 'k',
          cookie: 'a=b',
          'openai-organization': 'org-1',
          accept: 'application/json',
        },
        body: '{}',
      }),
    )
    await server.close()
    const [interaction] = (await read(dir.join('headers.json'))).interactions
    expect(Object.keys(interaction.request.headers)).toEqual(['accept', 'content-type'])
    expect(interaction.response.headers['set-cookie']).toBeUndefined()
    expect(DEFAULT_FILTER_HEADERS).toEqual(
      expect.arrayContaining(['authorization', 'x-api-key', 'cookie', 'set-cookie']),
    )
  })

  test('filterHeaders adds to the defaults; a [name, value] pair keeps a placeholder', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette(
      'custom-headers',
      options(dir.path, { filterHeaders: ['x-tenant-secret', ['x-tenant', 'TENANT']] }),
      () =>
        fetch(`${server.url}/json`, {
          headers: { 'x-tenant': 'acme', 'x-tenant-secret': 's', authorization: 'token x' },
        }),
    )
    await server.close()
    const [interaction] = (await read(dir.join('custom-headers.json'))).interactions
    expect(interaction.request.headers).toEqual({ 'x-tenant': 'TENANT' })
  })

  test('filterQueryParameters removes or replaces, and the request still matches on replay', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const run = () => fetch(`${server.url}/json?token=t&sig=abc&page=1&session=s1`)
    await withCassette(
      'query',
      options(dir.path, { filterQueryParameters: ['sig', ['session', 'SESSION']] }),
      run,
    )
    await server.close()
    const [interaction] = (await read(dir.join('query.json'))).interactions
    expect(interaction.request.url).toBe(`${server.url}/json?page=1&session=SESSION`)
    const response = await withCassette(
      'query',
      options(dir.path, { mode: 'none', filterQueryParameters: ['sig', ['session', 'SESSION']] }),
      run,
    )
    expect(response.status).toBe(200)
  })

  test('filterBody JSONPaths ($..name for any depth) rewrite request and response bodies; matching sees the same rewrite', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const filterBody = ['$..password', '$..apiKey', ['$.card.number', '4242']] as const
    const send = (password: string) =>
      fetch(`${server.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          user: 'ada',
          password,
          card: { number: '5555444433331111' },
          nested: [{ apiKey: 'k1' }],
        }),
      }).then((r) => r.json())
    await withCassette('body', options(dir.path, { filterBody: [...filterBody] }), () => send('hunter2'))
    await server.close()
    const [interaction] = (await read(dir.join('body.json'))).interactions
    expect(interaction.request.body.json).toEqual({
      user: 'ada',
      password: '[FILTERED]',
      card: { number: '4242' },
      nested: [{ apiKey: '[FILTERED]' }],
    })
    expect(interaction.response.body.json.body.password).toBe('[FILTERED]')
    // A different password still matches: it is filtered before matching too.
    const replayed = await withCassette(
      'body',
      options(dir.path, { mode: 'none', filterBody: [...filterBody] }),
      () => send('another'),
    )
    expect(replayed.body.user).toBe('ada')
  })

  test('filterBody as a function rewrites any body; form bodies arrive as fields', async () => {
    const dir = await testdir()
    const server = await startTestServer({
      '/form': (_req, res, body) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end(`got ${body}`)
      },
    })
    await withCassette(
      'body-fn',
      options(dir.path, {
        filterBody: (body, { direction }) =>
          direction === 'request' && typeof body === 'object'
            ? { ...body, token: 'TOKEN' }
            : typeof body === 'string'
              ? body.toUpperCase()
              : undefined,
      }),
      () =>
        fetch(`${server.url}/form`, {
          method: 'POST',
          body: new URLSearchParams({ channel: 'C1', token: 'xoxb-test' }),
        }),
    )
    await server.close()
    const [interaction] = (await read(dir.join('body-fn.json'))).interactions
    expect(interaction.request.body).toEqual({ text: 'channel=C1&token=TOKEN' })
    expect(interaction.response.body).toEqual({ text: 'GOT CHANNEL=C1&TOKEN=XOXB-TEST' })
  })

  test('beforeRecord rewrites or drops interactions; beforeRecordRequest applies to matching too', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette(
      'hooks',
      options(dir.path, {
        beforeRecord: [
          (i) => (i.request.url.endsWith('/text') ? false : i),
          (i) => ({
            ...i,
            response: {
              ...i.response,
              headers: { ...i.response.headers, date: 'Thu, 01 Jan 2026 00:00:00 GMT' },
            },
          }),
        ],
        beforeRecordRequest: (r) => ({ ...r, url: r.url.replace(/\/v\d+\//, '/vN/') }),
      }),
      async () => {
        await fetch(`${server.url}/text`)
        await fetch(`${server.url}/v1/../json`)
      },
    )
    await server.close()
    const { interactions } = await read(dir.join('hooks.json'))
    expect(interactions).toHaveLength(1)
    expect(interactions[0].response.headers.date).toBe('Thu, 01 Jan 2026 00:00:00 GMT')
  })
})

describe('the secret refusal', () => {
  test('a cassette that would hold a real token is not written, and the error says which field', async () => {
    const dir = await testdir()
    const server = await startTestServer({
      '/oauth': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ ok: true, access_token: real.slack, team: { id: 'T1' } }))
      },
    })
    const error = await withCassette('leak', options(dir.path), () => fetch(`${server.url}/oauth`)).catch(
      (e) => e,
    )
    expect(error.name).toBe('SecretLeakError')
    expect(error.message).toContain('Failed to write cassette "leak"')
    expect(error.message).toContain('Slack token (xoxb-')
    expect(error.message).toContain('at $.interactions[0].response.body.json.access_token')
    expect(error.message).toContain("filterBody: ['$.token']")
    expect(error.message).not.toContain(real.slack)
    expect(error.findings[0].path).toBe('$.interactions[0].response.body.json.access_token')
    expect(await readdir(dir.path)).toEqual([])

    // The fix the message suggests works.
    await withCassette('leak', options(dir.path, { filterBody: ['$.access_token'] }), () =>
      fetch(`${server.url}/oauth`),
    )
    expect((await read(dir.join('leak.json'))).interactions[0].response.body.json.access_token).toBe(
      '[FILTERED]',
    )
    await server.close()
  })

  test('a token in a header the defaults do not cover is refused too', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const error = await withCassette('leak-header', options(dir.path), () =>
      fetch(`${server.url}/json`, { headers: { 'x-custom-auth': real.github } }),
    ).catch((e) => e)
    expect(error.name).toBe('SecretLeakError')
    expect(error.message).toContain('GitHub token (ghp_')
    expect(error.message).toContain("at $.interactions[0].request.headers['x-custom-auth']")
    await server.close()
  })
})
