import { readFile } from 'node:fs/promises'
import { testdir } from '@understudy/test-utils'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type CassetteOptions, withCassette } from '../../src/cassette/index'
import { nodeRequest } from './clients'
import { startTestServer } from './server'

// A user's own msw server, mocking one host, running for the whole file (the usual setup).
const msw = setupServer(http.get('https://api.mock.test/user', () => HttpResponse.json({ mocked: true })))
beforeAll(() => msw.listen({ onUnhandledFrame: 'bypass' }))
afterAll(() => msw.close())

const options = (dir: string, extra: CassetteOptions = {}): CassetteOptions => ({ dir, env: {}, ...extra })

describe('a cassette inside a running msw setupServer', () => {
  test('with ignoreHosts, msw keeps answering its host and the cassette records and replays the rest', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const run = async () => ({
      mocked: await (await fetch('https://api.mock.test/user')).json(),
      mockedHttp: JSON.parse((await nodeRequest('https://api.mock.test/user')).body.toString()),
      real: await (await fetch(`${server.url}/json`)).json(),
    })
    const recorded = await withCassette(
      'with-msw',
      options(dir.path, { mode: 'once', ignoreHosts: ['api.mock.test'] }),
      run,
    )
    expect(recorded.mocked).toEqual({ mocked: true })
    expect(recorded.mockedHttp).toEqual({ mocked: true })
    await server.close()
    const file = JSON.parse(await readFile(dir.join('with-msw.json'), 'utf8'))
    expect(file.interactions.map((i: { request: { url: string } }) => i.request.url)).toEqual([
      `${server.url}/json`,
    ])
    expect(
      await withCassette(
        'with-msw',
        options(dir.path, { mode: 'none', ignoreHosts: ['api.mock.test'] }),
        run,
      ),
    ).toEqual(recorded)
  })

  test('without ignoreHosts, the cassette sits in front: it records what msw answered, and replays it', async () => {
    const dir = await testdir()
    await withCassette('msw-recorded', options(dir.path, { mode: 'once' }), () =>
      fetch('https://api.mock.test/user'),
    )
    const file = JSON.parse(await readFile(dir.join('msw-recorded.json'), 'utf8'))
    expect(file.interactions[0].response.body).toEqual({ json: { mocked: true } })
    // In `none`, a request to msw's host that the cassette lacks is a miss: the cassette answers first.
    await expect(
      withCassette('msw-recorded', options(dir.path, { mode: 'none' }), () =>
        fetch('https://api.mock.test/user?x=1'),
      ),
    ).rejects.toMatchObject({ name: 'CassetteMissError' })
  })

  test('msw keeps working after the cassette stops', async () => {
    const dir = await testdir()
    await withCassette(
      'short',
      options(dir.path, { mode: 'once', ignoreHosts: ['api.mock.test'] }),
      async () => {},
    )
    expect(await (await fetch('https://api.mock.test/user')).json()).toEqual({ mocked: true })
    expect(JSON.parse((await nodeRequest('https://api.mock.test/user')).body.toString())).toEqual({
      mocked: true,
    })
  })
})
