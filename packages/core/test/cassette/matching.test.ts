import { testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import {
  type CassetteOptions,
  createCassetteFile,
  createMemoryStore,
  type Interaction,
  withCassette,
} from '../../src/cassette/index'
import { createMatcher } from '../../src/matching/normalize'
import { startTestServer } from './server'

const options = (dir: string, extra: CassetteOptions = {}): CassetteOptions => ({ dir, env: {}, ...extra })

const recording = (
  method: string,
  url: string,
  json: unknown,
  extra: Partial<Interaction['request']> = {},
): Interaction => ({
  recordedAt: '2026-01-01T00:00:00.000Z',
  request: { method, url, headers: {}, ...extra },
  response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json } },
})

describe('createMatcher(matchOn)', () => {
  const req = (url: string, extra: Partial<Interaction['request']> = {}) => ({
    method: 'get',
    url,
    headers: {},
    ...extra,
  })
  test('url ignores query order and default ports; body ignores JSON key order', () => {
    const m = createMatcher(['method', 'url', 'body'])
    expect(m.key(req('https://x.test:443/a?b=2&a=1'))).toBe(m.key(req('https://x.test/a?a=1&b=2')))
    expect(m.key(req('https://x.test/a', { body: { json: { a: 1, b: 2 } } }))).toBe(
      m.key(req('https://x.test/a', { body: { json: { b: 2, a: 1 } } })),
    )
    expect(m.key(req('https://x.test/a', { body: { json: { a: 1 } } }))).not.toBe(
      m.key(req('https://x.test/a', { body: { json: { a: 2 } } })),
    )
  })

  test('path, host and query compare only their part', () => {
    expect(createMatcher(['path']).key(req('https://a.test/x?q=1'))).toBe(
      createMatcher(['path']).key(req('https://b.test/x?q=2')),
    )
    expect(createMatcher(['host']).key(req('https://a.test/x'))).not.toBe(
      createMatcher(['host']).key(req('https://b.test/x')),
    )
    expect(createMatcher(['query']).key(req('https://a.test/x?q=1'))).toBe(
      createMatcher(['query']).key(req('https://b.test/y?q=1')),
    )
  })

  test('headers compares headers but not transport or SDK-telemetry ones', () => {
    const m = createMatcher(['headers'])
    const a = req('https://x.test/', {
      headers: { accept: 'application/json', 'user-agent': 'sdk/1', 'x-stainless-os': 'Linux' },
    })
    const b = req('https://x.test/', {
      headers: { accept: 'application/json', 'user-agent': 'sdk/2', 'x-stainless-os': 'MacOS' },
    })
    expect(m.key(a)).toBe(m.key(b))
    expect(m.key(a)).not.toBe(m.key(req('https://x.test/', { headers: { accept: 'text/html' } })))
  })

  test('an unknown key is an error that lists the valid ones', () => {
    expect(() => createMatcher(['method', 'verb' as never])).toThrow(
      /Invalid option "matchOn": "verb" is not one of method, url, host, path, query, body, headers\. For example: \['method', 'url', 'body'\]\./,
    )
  })
})

describe('matchOn when replaying', () => {
  test("['method', 'path'] replays a request whose query and body changed", async () => {
    const store = createMemoryStore({
      m: createCassetteFile('m', [recording('POST', 'https://api.test/v1/things?x=1', { ok: 1 })]),
    })
    const json = await withCassette(
      'm',
      { store, env: {}, mode: 'none', matchOn: ['method', 'path'] },
      async () => (await fetch('https://api.test/v1/things?x=2', { method: 'POST', body: 'other' })).json(),
    )
    expect(json).toEqual({ ok: 1 })
  })

  test('a custom matcher function takes part in the key', async () => {
    const byTenant = (r: Interaction['request']) => String(r.headers['x-tenant'] ?? '')
    const store = createMemoryStore({
      t: createCassetteFile('t', [
        recording('GET', 'https://api.test/me', { tenant: 'a' }, { headers: { 'x-tenant': 'a' } }),
        recording('GET', 'https://api.test/me', { tenant: 'b' }, { headers: { 'x-tenant': 'b' } }),
      ]),
    })
    const result = await withCassette(
      't',
      { store, env: {}, mode: 'none', matchOn: ['method', 'url', byTenant] },
      async () => [
        await (await fetch('https://api.test/me', { headers: { 'x-tenant': 'b' } })).json(),
        await (await fetch('https://api.test/me', { headers: { 'x-tenant': 'a' } })).json(),
      ],
    )
    expect(result).toEqual([{ tenant: 'b' }, { tenant: 'a' }])
  })
})

describe('repeated identical requests', () => {
  test('replay in recorded order', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const poll = async () => [
      await (await fetch(`${server.url}/counter`)).json(),
      await (await fetch(`${server.url}/counter`)).json(),
      await (await fetch(`${server.url}/counter`)).json(),
    ]
    const recorded = await withCassette('poll', options(dir.path, { mode: 'once' }), poll)
    expect(recorded).toEqual([{ count: 1 }, { count: 2 }, { count: 3 }])
    await server.close()
    expect(await withCassette('poll', options(dir.path, { mode: 'none' }), poll)).toEqual(recorded)
  })

  test('one more than recorded is a miss that says so, unless allowPlaybackRepeats', async () => {
    const store = createMemoryStore({
      r: createCassetteFile('r', [
        recording('GET', 'https://api.test/status', { state: 'pending' }),
        recording('GET', 'https://api.test/status', { state: 'done' }),
      ]),
    })
    const three = async () => {
      const out = []
      for (let i = 0; i < 3; i++) out.push(await (await fetch('https://api.test/status')).json())
      return out
    }
    const error = await withCassette('r', { store, env: {}, mode: 'none' }, three).catch((e) => e)
    expect(error.message).toContain('has 2 recordings of this request and all were already played')
    expect(error.message).toContain('allowPlaybackRepeats: true')
    expect(
      await withCassette('r', { store, env: {}, mode: 'none', allowPlaybackRepeats: true }, three),
    ).toEqual([{ state: 'pending' }, { state: 'done' }, { state: 'done' }])
  })

  test('in new_episodes, the extra one is recorded', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('extra', options(dir.path, { mode: 'once' }), () => fetch(`${server.url}/counter`))
    const out = await withCassette('extra', options(dir.path, { mode: 'new_episodes' }), async () => [
      await (await fetch(`${server.url}/counter`)).json(),
      await (await fetch(`${server.url}/counter`)).json(),
    ])
    expect(out).toEqual([{ count: 1 }, { count: 2 }])
    expect(
      await withCassette('extra', options(dir.path, { mode: 'none' }), async () => [
        await (await fetch(`${server.url}/counter`)).json(),
        await (await fetch(`${server.url}/counter`)).json(),
      ]),
    ).toEqual([{ count: 1 }, { count: 2 }])
    await server.close()
  })
})

test('a large cassette is indexed: 20,000 interactions, each replayed once, without a scan per request', async () => {
  const interactions = Array.from({ length: 20_000 }, (_, i) =>
    recording('GET', `https://api.test/items/${i}`, { id: i }),
  )
  const store = createMemoryStore({ big: createCassetteFile('big', interactions) })
  const { createReplayHandler } = await import('../../src/cassette/index')
  const replay = createReplayHandler((await store.read('big'))!)
  const started = performance.now()
  for (let i = 19_999; i >= 0; i -= 1) {
    const response = await replay(new Request(`https://api.test/items/${i}`))
    if (i % 5000 === 0) expect(await response!.json()).toEqual({ id: i })
  }
  // A linear scan per request would be 2e8 comparisons; the index makes it 2e4 lookups.
  expect(performance.now() - started).toBeLessThan(5000)
})
