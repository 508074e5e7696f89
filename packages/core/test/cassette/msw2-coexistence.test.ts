// msw 2 (what Node 20 users run) shares our copy of @mswjs/interceptors: its listener is
// registered first and answers first; the cassette sees only what msw leaves unhandled.
import { readFile } from 'node:fs/promises'
import { testdir } from '@understudy/test-utils'
import { HttpResponse, http } from 'msw-v2'
import { setupServer } from 'msw-v2/node'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { withCassette } from '../../src/cassette/index'
import { nodeRequest } from './clients'
import { startTestServer } from './server'

const msw = setupServer(http.get('https://api.mock.test/user', () => HttpResponse.json({ mocked: true })))
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }))
afterAll(() => msw.close())

test('msw 2 answers its hosts first; the cassette records and replays only the rest, in every mode', async () => {
  const dir = await testdir()
  const server = await startTestServer()
  const run = async () => ({
    mocked: await (await fetch('https://api.mock.test/user')).json(),
    mockedHttp: JSON.parse((await nodeRequest('https://api.mock.test/user')).body.toString()),
    real: await (await fetch(`${server.url}/json`)).json(),
  })
  const recorded = await withCassette('msw2', { dir: dir.path, env: {}, mode: 'once' }, run)
  expect(recorded.mocked).toEqual({ mocked: true })
  expect(recorded.mockedHttp).toEqual({ mocked: true })
  await server.close()
  const file = JSON.parse(await readFile(dir.join('msw2.json'), 'utf8'))
  expect(file.interactions.map((i: { request: { url: string } }) => i.request.url)).toEqual([
    `${server.url}/json`,
  ])
  // Twice: the second run checks that stopping a cassette left msw's interceptors intact.
  for (let i = 0; i < 2; i++)
    expect(await withCassette('msw2', { dir: dir.path, env: {}, mode: 'none' }, run)).toEqual(recorded)
  expect(await (await fetch('https://api.mock.test/user')).json()).toEqual({ mocked: true })
})
