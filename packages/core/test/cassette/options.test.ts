import { testdir } from '@understudy/test-utils'
import axios from 'axios'
import { describe, expect, test } from 'vitest'
import {
  checkCassettes,
  createCassetteFile,
  findExpiredCassettes,
  fromHar,
  fromVcr,
  startCassette,
  toHar,
  withCassette,
} from '../../src/index'
import { nodeRequest } from './clients'
import { startTestServer } from './server'

const invalid = (option: string) => ({ name: 'InvalidOptionError', option })

describe('every public option of the cassette API is checked, and a bad one is named', () => {
  test('findExpiredCassettes and checkCassettes', async () => {
    const dir = await testdir()
    for (const fn of [findExpiredCassettes, checkCassettes]) {
      await expect(fn(dir.path, { now: 123 as never })).rejects.toMatchObject(invalid('now'))
      await expect(fn(dir.path, { now: 123 as never })).rejects.toThrow(
        /Invalid option "now": got number 123; it must be a function returning a Date or milliseconds\. For example/,
      )
      await expect(fn(dir.path, { expiresIn: 'soon' })).rejects.toMatchObject(invalid('expiresIn'))
      await expect(fn(dir.path, { store: {} as never })).rejects.toMatchObject(invalid('store'))
      await expect(fn(dir.path, { expiresin: '1d' } as never)).rejects.toMatchObject(invalid('expiresin'))
      await expect(fn(42 as never)).rejects.toMatchObject(invalid('dir'))
      await expect(fn(dir.path, 'x' as never)).rejects.toMatchObject(invalid('options'))
    }
  })

  test('withCassette and startCassette', async () => {
    const dir = await testdir()
    const bad: Array<[string, unknown]> = [
      ['mode', 'replay'],
      ['dir', 3],
      ['store', { read() {} }],
      ['matchOn', ['verb']],
      ['allowPlaybackRepeats', 'yes'],
      ['expiresIn', '30 days'],
      ['expiryStrategy', 'ignore'],
      ['now', 123],
      ['ignoreHosts', 'localhost'],
      ['onWarn', 'console'],
      ['env', 'CI'],
      ['filterHeaders', 'authorization'],
      ['filterQueryParameters', [3]],
      ['filterBody', '$.password'],
      ['beforeRecord', [() => undefined, 'x']],
      ['beforeRecordRequest', true],
      ['modes', 'none'],
    ]
    for (const [option, value] of bad) {
      const options = { dir: dir.path, env: {}, [option]: value }
      await expect(startCassette('x', options as never), option).rejects.toMatchObject(invalid(option))
      await expect(
        withCassette('x', options as never, () => 1),
        option,
      ).rejects.toMatchObject(invalid(option))
    }
    await expect(withCassette('x', { dir: dir.path } as never)).rejects.toMatchObject(invalid('fn'))
  })

  test('fromHar, fromVcr and toHar', async () => {
    const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [] } }
    await expect(fromHar(har, {} as never)).rejects.toMatchObject(invalid('name'))
    await expect(fromHar(har, { name: 'a', filter: 'api' as never })).rejects.toMatchObject(invalid('filter'))
    await expect(fromHar(har, { name: 'a', filterBody: 1 as never })).rejects.toMatchObject(
      invalid('filterBody'),
    )
    await expect(fromVcr('interactions: []', { name: 'a', recordedAt: 'yesterday' })).rejects.toMatchObject(
      invalid('recordedAt'),
    )
    await expect(fromVcr('interactions: []', { name: 'a', path: 7 as never })).rejects.toMatchObject(
      invalid('path'),
    )
    await expect(fromVcr('interactions: []', null as never)).rejects.toMatchObject(invalid('options'))
    expect(() => toHar(createCassetteFile('a', []), { creator: 'me' as never })).toThrow(
      /Invalid option "creator"/,
    )
  })
})

describe('cassette.stats', () => {
  test('counts a recording as soon as the client has read the body, for every client', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const cassette = await startCassette('stats', { dir: dir.path, env: {}, mode: 'once' })
    await (await fetch(`${server.url}/json`)).json()
    expect(cassette.stats.recorded).toBe(1)
    await nodeRequest(`${server.url}/text`)
    expect(cassette.stats.recorded).toBe(2)
    await axios.get(`${server.url}/gzip`)
    expect(cassette.stats.recorded).toBe(3)
    await (await fetch(`${server.url}/sse`)).text()
    expect(cassette.stats.recorded).toBe(4)
    await cassette.stop()
    expect(cassette.recorded).toHaveLength(4)
    await server.close()
  })

  test('a recording beforeRecord drops is taken back out of the count', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const cassette = await startCassette('dropped', {
      dir: dir.path,
      env: {},
      mode: 'once',
      beforeRecord: () => null,
    })
    await (await fetch(`${server.url}/json`)).json()
    await cassette.stop()
    expect(cassette.stats.recorded).toBe(0)
    await server.close()
  })
})
