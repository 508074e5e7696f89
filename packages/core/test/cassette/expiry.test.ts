import { readFile } from 'node:fs/promises'
import { testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import {
  type CassetteOptions,
  findExpiredCassettes,
  parseDuration,
  withCassette,
} from '../../src/cassette/index'
import { startTestServer } from './server'

const DAY = 86_400_000

/** A clock the test moves by hand: no sleeps. */
function clock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

async function recordedCassette(extra: CassetteOptions = {}) {
  const dir = await testdir()
  const server = await startTestServer()
  const time = clock()
  const options = (more: CassetteOptions = {}): CassetteOptions => ({
    dir: dir.path,
    env: {},
    now: time.now,
    expiresIn: '30d',
    ...extra,
    ...more,
  })
  await withCassette('aging', options({ mode: 'once' }), () => fetch(`${server.url}/counter`))
  return { dir, server, time, options, hit: async () => (await fetch(`${server.url}/counter`)).json() }
}

describe('parseDuration(value)', () => {
  test('reads ms and text durations; rejects nonsense with the option name', () => {
    expect(parseDuration(1500)).toBe(1500)
    expect(parseDuration('30d')).toBe(30 * DAY)
    expect(parseDuration('1d12h')).toBe(1.5 * DAY)
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('2w')).toBe(14 * DAY)
    expect(() => parseDuration('soon')).toThrow(
      /Invalid option "expiresIn": "soon" is not a duration\. Use milliseconds or text like '30d'/,
    )
    expect(() => parseDuration(-1)).toThrow(/expiresIn/)
  })
})

describe('expiresIn with each expiryStrategy', () => {
  test('the cassette remembers the expiresIn it was recorded with', async () => {
    const { dir, server } = await recordedCassette()
    expect(JSON.parse(await readFile(dir.join('aging.json'), 'utf8')).expiresIn).toBe('30d')
    await server.close()
  })

  test('before expiry, nothing happens', async () => {
    const { server, time, options, hit } = await recordedCassette()
    time.advance(29 * DAY)
    const warnings: string[] = []
    expect(
      await withCassette(
        'aging',
        options({ mode: 'none', expiryStrategy: 'error', onWarn: (m) => warnings.push(m) }),
        hit,
      ),
    ).toEqual({ count: 1 })
    expect(warnings).toEqual([])
    await server.close()
  })

  test("'warn' (the default) replays and warns once, naming the cassette and the fix", async () => {
    const { dir, server, time, options, hit } = await recordedCassette()
    time.advance(31 * DAY)
    const warnings: string[] = []
    const out = await withCassette(
      'aging',
      options({ mode: 'none', allowPlaybackRepeats: true, onWarn: (m) => warnings.push(m) }),
      async () => [await hit(), await hit()],
    )
    expect(out).toEqual([{ count: 1 }, { count: 1 }])
    expect(warnings).toEqual([
      `[understudy:core] Cassette "aging" (${dir.join('aging.json')}) holds recordings older than 30d, the oldest replayed from 2026-01-01T00:00:00.000Z. Re-record it with UNDERSTUDY_RECORD_MODE=all.`,
    ])
    await server.close()
  })

  test("'error' fails the request and the cassette with CassetteExpiredError", async () => {
    const { server, time, options, hit } = await recordedCassette()
    time.advance(31 * DAY)
    const error = await withCassette('aging', options({ mode: 'none', expiryStrategy: 'error' }), hit).catch(
      (e) => e,
    )
    expect(error.name).toBe('CassetteExpiredError')
    expect(error.message).toMatch(
      /Failed to replay GET .*\/counter: its recording in cassette "aging" .* was made at 2026-01-01T00:00:00\.000Z and expired after 30d \(expiryStrategy "error"\)\. Re-record it with UNDERSTUDY_RECORD_MODE=all/,
    )
    expect(server.hits).toHaveLength(1)
    await server.close()
  })

  test("'record' re-records the expired interaction and replaces it in the file", async () => {
    const { dir, server, time, options, hit } = await recordedCassette()
    time.advance(31 * DAY)
    expect(await withCassette('aging', options({ mode: 'once', expiryStrategy: 'record' }), hit)).toEqual({
      count: 2,
    })
    const file = JSON.parse(await readFile(dir.join('aging.json'), 'utf8'))
    expect(file.interactions).toHaveLength(1)
    expect(file.interactions[0].recordedAt).toBe(new Date(time.now()).toISOString())
    expect(file.interactions[0].response.body.json).toEqual({ count: 2 })
    // Fresh again: replays without touching the server.
    expect(await withCassette('aging', options({ mode: 'none', expiryStrategy: 'error' }), hit)).toEqual({
      count: 2,
    })
    expect(server.hits).toHaveLength(2)
    await server.close()
  })

  test("'record' cannot record in mode none: it warns and replays, and never touches the network", async () => {
    const { server, time, options, hit } = await recordedCassette()
    time.advance(31 * DAY)
    const warnings: string[] = []
    expect(
      await withCassette(
        'aging',
        options({ mode: 'none', expiryStrategy: 'record', onWarn: (m) => warnings.push(m) }),
        hit,
      ),
    ).toEqual({ count: 1 })
    expect(warnings[0]).toContain('(expiryStrategy "record" cannot re-record in mode "none")')
    expect(server.hits).toHaveLength(1)
    await server.close()
  })
})

describe('findExpiredCassettes(dir, { now })', () => {
  test('lists cassettes with expired recordings, by their own expiresIn or an override', async () => {
    const { dir, server, time } = await recordedCassette()
    expect(await findExpiredCassettes(dir.path, { now: time.now })).toEqual([])
    time.advance(31 * DAY)
    expect(await findExpiredCassettes(dir.path, { now: time.now })).toEqual([
      {
        name: 'aging',
        path: dir.join('aging.json'),
        recordedAt: '2026-01-01T00:00:00.000Z',
        expiredAt: '2026-01-31T00:00:00.000Z',
        expiresIn: '30d',
        expiredInteractions: 1,
        interactions: 1,
      },
    ])
    expect(await findExpiredCassettes(dir.path, { now: time.now, expiresIn: '60d' })).toEqual([])
    await server.close()
  })
})
