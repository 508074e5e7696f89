import { testdir } from '@understudy/test-utils'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { isNetConnectDisabled, withCassette } from '../../src/index'
import { disableNetConnect, enableNetConnect, useNetworkGuard } from '../../src/vitest'
import { nodeRequest } from './clients'
import { startTestServer, type TestServer } from './server'

// The whole file runs with the network forbidden, as a setupFiles module would arrange it.
useNetworkGuard({ allow: ['allowed.localhost'] })

let server: TestServer
const msw = setupServer(http.get('https://api.example.com/hello', () => HttpResponse.json({ from: 'msw' })))
beforeAll(async () => {
  server = await startTestServer()
  msw.listen({ onUnhandledFrame: 'bypass' })
})
afterAll(async () => {
  msw.close()
  await server.close()
})

describe('useNetworkGuard() / disableNetConnect()', () => {
  test('is on for the file', () => {
    expect(isNetConnectDisabled()).toBe(true)
  })

  test('an msw handler still answers; what it does not answer fails with method and URL', async () => {
    expect(await (await fetch('https://api.example.com/hello')).json()).toEqual({ from: 'msw' })
    const error = await fetch(`${server.url}/json?page=2`).catch((e) => e)
    expect(error.cause).toMatchObject({ name: 'NetConnectNotAllowedError' })
    expect(error.cause.message).toContain(`Failed to send GET ${server.url}/json?page=2`)
    const viaHttp = await nodeRequest(`${server.url}/text`, { method: 'POST', body: 'x' }).catch((e) => e)
    expect(viaHttp.message).toContain(`Failed to send POST ${server.url}/text`)
    expect(server.hits).toHaveLength(0)
  })

  test('a cassette replays offline, and records on purpose even with the network off', async () => {
    const dir = await testdir()
    const record = () =>
      withCassette('guarded', { dir: dir.path, env: {}, mode: 'once' }, async () =>
        (await fetch(`${server.url}/counter`)).json(),
      )
    expect(await record()).toEqual({ count: 1 })
    expect(await record()).toEqual({ count: 1 })
    expect(server.hits.map((h) => h.path)).toEqual(['/counter'])
    server.hits.length = 0
  })

  test('disableNetConnect validates its options, naming the bad one', () => {
    expect(() => disableNetConnect({ allow: 'localhost' as never })).toThrow(/Invalid option "allow"/)
    expect(() => disableNetConnect({ allowLoopback: 'yes' as never })).toThrow(
      /Invalid option "allowLoopback"/,
    )
    expect(() => disableNetConnect({ allowLocalhost: true } as never)).toThrow(
      /Invalid option "allowLocalhost"/,
    )
    expect(isNetConnectDisabled()).toBe(true)
  })

  test('allowLoopback, allow strings and RegExps open what they name', async () => {
    disableNetConnect({ allow: [/^127\.0\.0\.1:\d+$/] })
    expect((await fetch(`${server.url}/json`)).status).toBe(200)
    disableNetConnect({ allowLoopback: true })
    expect((await nodeRequest(`${server.url}/json`)).status).toBe(200)
    enableNetConnect()
    expect(isNetConnectDisabled()).toBe(false)
    expect((await fetch(`${server.url}/json`)).status).toBe(200)
    disableNetConnect({ allow: ['allowed.localhost'] })
    server.hits.length = 0
  })
})
