// Replays through global fetch skip the interceptor (intercept.ts, installReplayFetch). These pin
// what that path must keep: the response as the interceptor shaped it, one decision per request
// (hooks and stats counted once) whichever path carries it out, and the same answers for the
// request forms it leaves to the interceptor.
import { testdir } from '@understudy/test-utils'
import { expect, test } from 'vitest'
import { type CassetteOptions, startCassette, withCassette } from '../../src/cassette/index'
import { startTestServer } from './server'

const options = (dir: string, extra: CassetteOptions = {}): CassetteOptions => ({ dir, env: {}, ...extra })

test('a replayed fetch carries the request URL, status and headers; hooks and stats run once per request', async () => {
  const dir = await testdir()
  const server = await startTestServer()
  const calls: string[] = []
  const hook = (request: { method: string; url: string }) => {
    calls.push(`${request.method} ${new URL(request.url).pathname}`)
    return undefined
  }
  const run = async () => {
    const get = await fetch(`${server.url}/json`)
    const post = await fetch(`${server.url}/echo`, {
      method: 'post',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    })
    // Forms the fast path leaves to the interceptor: a Request, a byte body.
    const request = await fetch(
      new Request(`${server.url}/echo`, { method: 'POST', body: '{"as":"request"}' }),
    )
    const bytes = await fetch(`${server.url}/echo`, {
      method: 'POST',
      body: new TextEncoder().encode('{"as":"bytes"}'),
    })
    return {
      get: {
        url: get.url,
        status: get.status,
        type: get.headers.get('content-type'),
        body: await get.json(),
      },
      post: { url: post.url, body: await post.text() },
      request: await request.text(),
      bytes: await bytes.text(),
    }
  }
  const recorded = await withCassette('fast/shape', options(dir.path, { mode: 'once' }), run)
  await server.close()
  let stats: unknown
  const replayed = await withCassette(
    'fast/shape',
    options(dir.path, { mode: 'none', beforeRecordRequest: hook }),
    async (cassette) => {
      const out = await run()
      stats = cassette.stats
      return out
    },
  )
  expect(replayed).toEqual(recorded)
  expect(replayed.get.url).toBe(`${server.url}/json`)
  expect(calls).toEqual(['GET /json', 'POST /echo', 'POST /echo', 'POST /echo'])
  expect(stats).toEqual({ replayed: 4, recorded: 0, missed: 0, passedThrough: 0 })
})

test('a miss through fetch is decided once: one error, one miss, and the call rejects with it', async () => {
  const dir = await testdir()
  const server = await startTestServer()
  await withCassette('fast/miss', options(dir.path, { mode: 'once' }), () => fetch(`${server.url}/json`))
  await server.close()
  const cassette = await startCassette('fast/miss', options(dir.path, { mode: 'none' }))
  const replayed = await (await fetch(`${server.url}/json`)).json()
  const error = await fetch(`${server.url}/text`).then(
    () => undefined,
    (e: Error) => e,
  )
  expect(replayed).toEqual(expect.any(Object))
  expect(error).toMatchObject({ name: 'CassetteMissError' })
  expect(cassette.stats).toEqual({ replayed: 1, recorded: 0, missed: 1, passedThrough: 0 })
  expect(cassette.errors).toEqual([error])
  await expect(cassette.stop()).rejects.toBe(error)
})
