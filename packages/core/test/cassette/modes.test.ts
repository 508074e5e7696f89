import { readFile } from 'node:fs/promises'
import { testdir } from '@understudy/test-utils'
import axios from 'axios'
import { describe, expect, test } from 'vitest'
import { type CassetteOptions, resolveRecordMode, withCassette } from '../../src/cassette/index'
import { isUnderstudyError } from '../../src/errors'
import { nodeRequest } from './clients'
import { startTestServer } from './server'

const options = (dir: string, extra: CassetteOptions = {}): CassetteOptions => ({ dir, env: {}, ...extra })

describe('resolveRecordMode(option, env)', () => {
  test('UNDERSTUDY_RECORD_MODE wins over the option, the option over CI, CI over the default', () => {
    expect(resolveRecordMode('none', { UNDERSTUDY_RECORD_MODE: 'all', CI: 'true' })).toBe('all')
    expect(resolveRecordMode('new_episodes', { CI: 'true' })).toBe('new_episodes')
    expect(resolveRecordMode(undefined, { CI: 'true' })).toBe('none')
    expect(resolveRecordMode(undefined, { CI: '1' })).toBe('none')
    expect(resolveRecordMode(undefined, { CI: 'false' })).toBe('once')
    expect(resolveRecordMode(undefined, {})).toBe('once')
  })

  test('an unknown mode names the variable or option and lists the valid ones', () => {
    expect(() => resolveRecordMode(undefined, { UNDERSTUDY_RECORD_MODE: 'replay' })).toThrow(
      /Invalid option "UNDERSTUDY_RECORD_MODE": "replay" is not a record mode\. Use one of once, none, new_episodes, all/,
    )
    expect(() => resolveRecordMode('sometimes' as never, {})).toThrow(/Invalid option "mode"/)
  })

  test('withCassette reads the mode from the environment it is given', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await expect(
      withCassette('env', { dir: dir.path, env: { CI: 'true' } }, () => fetch(`${server.url}/json`)),
    ).rejects.toThrow(/cassette "env" does not exist \(mode "none"/)
    expect(server.hits).toHaveLength(0)
    await server.close()
  })
})

describe('modes', () => {
  test('once: records a missing cassette, then replays it and fails on anything new', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const first = await withCassette('once', options(dir.path, { mode: 'once' }), async () =>
      (await fetch(`${server.url}/counter`)).json(),
    )
    const second = await withCassette('once', options(dir.path, { mode: 'once' }), async () =>
      (await fetch(`${server.url}/counter`)).json(),
    )
    expect(first).toEqual({ count: 1 })
    expect(second).toEqual({ count: 1 })
    expect(server.hits).toHaveLength(1)
    await expect(
      withCassette('once', options(dir.path, { mode: 'once' }), () => fetch(`${server.url}/json`)),
    ).rejects.toMatchObject({ name: 'CassetteMissError' })
    expect(server.hits).toHaveLength(1)
    await server.close()
  })

  test('none: nothing reaches the network, ever, even with the server up', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('none', options(dir.path, { mode: 'once' }), () => fetch(`${server.url}/json`))
    server.hits.length = 0
    await withCassette('none', options(dir.path, { mode: 'none' }), async () => {
      await fetch(`${server.url}/json`)
      await expect(fetch(`${server.url}/text`)).rejects.toMatchObject({ name: 'CassetteMissError' })
      await expect(nodeRequest(`${server.url}/text`)).rejects.toMatchObject({ name: 'CassetteMissError' })
      await expect(axios.get(`${server.url}/text`)).rejects.toThrow(
        /cassette "none" has no matching interaction/,
      )
    }).catch((error) => expect(error.name).toBe('CassetteMissError'))
    expect(server.hits).toHaveLength(0)
    await server.close()
  })

  test('new_episodes: replays what it has, records what it lacks, keeps both', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('episodes', options(dir.path, { mode: 'once' }), () => fetch(`${server.url}/counter`))
    const result = await withCassette('episodes', options(dir.path, { mode: 'new_episodes' }), async () => ({
      counter: await (await fetch(`${server.url}/counter`)).json(),
      json: await (await fetch(`${server.url}/json`)).json(),
    }))
    expect(result.counter).toEqual({ count: 1 })
    expect(server.hits.map((h) => h.path)).toEqual(['/counter', '/json'])
    const file = JSON.parse(await readFile(dir.join('episodes.json'), 'utf8'))
    expect(
      file.interactions.map((i: { request: { url: string } }) => new URL(i.request.url).pathname),
    ).toEqual(['/counter', '/json'])
    await server.close()
  })

  test('all: sends everything to the network and replaces the cassette', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('all', options(dir.path, { mode: 'once' }), () =>
      Promise.all([fetch(`${server.url}/counter`), fetch(`${server.url}/json`)]),
    )
    const again = await withCassette('all', options(dir.path, { mode: 'all' }), async () =>
      (await fetch(`${server.url}/counter`)).json(),
    )
    expect(again).toEqual({ count: 2 })
    const file = JSON.parse(await readFile(dir.join('all.json'), 'utf8'))
    expect(file.interactions).toHaveLength(1)
    expect(file.interactions[0].response.body).toEqual({ json: { count: 2 } })
    await server.close()
  })

  test('all: replaces the cassette even with a fixed `now` clock', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const now = () => Date.parse('2025-01-01T00:00:00Z')
    for (const mode of ['once', 'all', 'all'] as const) {
      await withCassette('fixed-clock', options(dir.path, { mode, now }), () =>
        fetch(`${server.url}/counter`),
      )
    }
    const file = JSON.parse(await readFile(dir.join('fixed-clock.json'), 'utf8'))
    expect(file.interactions.map((i: { response: { body: unknown } }) => i.response.body)).toEqual([
      { json: { count: 3 } },
    ])
    await server.close()
  })
})

describe('a request that matches nothing', () => {
  test('the client call rejects AND withCassette rejects, even when the code swallows the error', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('swallow', options(dir.path, { mode: 'once' }), () => fetch(`${server.url}/json`))
    await server.close()
    let clientError: unknown
    const outcome = withCassette('swallow', options(dir.path, { mode: 'none' }), async () => {
      try {
        await axios.get(`${server.url}/json?page=2`)
      } catch (error) {
        clientError = error // an agent's retry loop or error handler might do this
      }
      return 'swallowed'
    })
    await expect(outcome).rejects.toMatchObject({ name: 'CassetteMissError' })
    expect(clientError).toBeDefined()
    expect(isUnderstudyError(await outcome.catch((e) => e))).toBe(true)
  })

  test('the error names the cassette, shows the closest recording and the differing body field, and how to re-record', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const post = (title: string, extra = '') =>
      fetch(`${server.url}/echo${extra}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, labels: ['bug'] }),
      })
    await withCassette('github/create-issue', options(dir.path, { mode: 'once' }), async () => {
      await fetch(`${server.url}/json`)
      await post('Bug')
    })
    await server.close()
    const error = await withCassette('github/create-issue', options(dir.path, { mode: 'none' }), () =>
      post('bug'),
    ).catch((e) => e)
    expect(error.name).toBe('CassetteMissError')
    expect(error.message).toBe(
      [
        `[understudy:core] Failed to replay POST ${server.url}/echo: cassette "github/create-issue" has no matching interaction (mode "none", matching on method, url, body, file ${dir.join('github/create-issue.json')}).`,
        `Closest recorded (interaction #1): POST ${server.url}/echo`,
        '  body $.title: recorded "Bug", got "bug"',
        'Re-record with UNDERSTUDY_RECORD_MODE=new_episodes to add the missing request, or UNDERSTUDY_RECORD_MODE=all to record the cassette anew.',
      ].join('\n'),
    )
    expect(error.details).toMatchObject({ cassette: 'github/create-issue', method: 'POST', mode: 'none' })

    const query = await withCassette('github/create-issue', options(dir.path, { mode: 'none' }), () =>
      fetch(`${server.url}/json?page=2`),
    ).catch((e) => e)
    expect(query.message).toContain(`Closest recorded (interaction #0): GET ${server.url}/json`)
    expect(query.message).toContain('query ?page: recorded (absent), got "2"')

    const method = await withCassette('github/create-issue', options(dir.path, { mode: 'none' }), () =>
      fetch(`${server.url}/json`, { method: 'DELETE' }),
    ).catch((e) => e)
    expect(method.message).toContain('method: recorded GET, got DELETE')
  })

  test('a filtered secret never shows in the miss error', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('secret-url', options(dir.path, { mode: 'once' }), () =>
      fetch(`${server.url}/json?token=abc`),
    )
    await server.close()
    const error = await withCassette('secret-url', options(dir.path, { mode: 'none' }), () =>
      fetch(`${server.url}/text?token=s3cr3t-value`),
    ).catch((e) => e)
    expect(error.message).not.toContain('s3cr3t-value')
    expect(error.message).toContain(`GET ${server.url}/text:`)
  })
})
