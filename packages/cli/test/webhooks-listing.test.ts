import { afterEach, expect, test } from 'vitest'
import { createUnderstudyServer, type UnderstudyServer } from '../src/index'
import { startReceiver } from './helpers/receiver'
import { createToyMock } from './helpers/toy-mock'

let server: UnderstudyServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

test('GET /_understudy/webhooks reads each partition’s state once, not once per delivery', async () => {
  const receiver = await startReceiver()
  try {
    const mock = createToyMock()
    let stateReads = 0
    const state = mock.state.bind(mock)
    mock.state = (partition?: string) => {
      stateReads++
      return state(partition)
    }
    server = await createUnderstudyServer({ port: 0, services: ['github'], mocks: { github: mock } })
    const headers = { authorization: 'Bearer tok_a', 'content-type': 'application/json' }
    await fetch(`${server.url}/github/hooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `${receiver.url}/hook`, secret: 'whsec_test' }),
    })
    for (let i = 0; i < 40; i++)
      await fetch(`${server.url}/github/notes`, { method: 'POST', headers, body: `{"text":"n${i}"}` })
    await server.app.settled()
    stateReads = 0
    const { deliveries } = await (await fetch(`${server.url}/_understudy/webhooks`)).json()
    expect(deliveries).toHaveLength(40)
    expect(stateReads).toBe(1)
  } finally {
    await receiver.close()
  }
})
