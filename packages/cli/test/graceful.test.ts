import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { createUnderstudyApp, createUnderstudyServer, type UnderstudyServer } from '../src/index'
import { createToyMock } from './helpers/toy-mock'

// Shutdown and the live feed under pressure: requests in flight, keep-alive sockets, subscribers
// that never read.

let server: UnderstudyServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A keep-alive HTTP/1.1 connection that sends raw requests and collects what comes back. */
function keepAlive(url: string) {
  const { hostname, port } = new URL(url)
  const socket: Socket = connect(Number(port), hostname)
  let received = ''
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  socket.on('data', (chunk) => {
    received += chunk.toString()
  })
  return {
    socket,
    closed,
    get received() {
      return received
    },
    send(path: string) {
      socket.write(`GET ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer tok_a\r\n\r\n`)
    },
  }
}

describe('close()', () => {
  test('requests in flight complete; idle and busy keep-alive sockets are closed', async () => {
    const started: Array<() => void> = []
    let onStarted: (() => void) | undefined
    const mock = createToyMock({
      // Injected latency waits on the test: each request is held until released.
      sleep: () =>
        new Promise<void>((resolve) => {
          started.push(resolve)
          onStarted?.()
        }),
    })
    mock.fail({ path: '/notes', latency: 1, times: 'always' })
    server = await createUnderstudyServer({ port: 0, services: ['github'], mocks: { github: mock } })
    const { url } = server

    const idle = keepAlive(url)
    idle.socket.write(`GET /_understudy/health HTTP/1.1\r\nhost: ${new URL(url).host}\r\n\r\n`)
    await new Promise<void>((resolve) => idle.socket.once('data', () => resolve()))

    const busy = Array.from({ length: 5 }, () => keepAlive(url))
    const allStarted = new Promise<void>((resolve) => {
      onStarted = () => started.length === busy.length && resolve()
    })
    for (const connection of busy) connection.send('/github/notes')
    await allStarted

    const closing = server.close()
    await idle.closed
    for (const release of started) release()
    await closing
    await Promise.all(busy.map((c) => c.closed))
    for (const connection of busy) expect(connection.received).toMatch(/^HTTP\/1\.1 200 OK/)
    server = undefined
  })
})

describe('the live feed', () => {
  test('subscribers that never read are disconnected; the others and the server carry on', async () => {
    server = await createUnderstudyServer({
      port: 0,
      services: ['github'],
      mocks: { github: createToyMock() },
      maxEventStreams: 8,
    })
    const { url } = server
    const { hostname, port } = new URL(url)
    const slow: Socket[] = []
    for (let i = 0; i < 6; i++) {
      const socket = connect(Number(port), hostname)
      socket.write(`GET /_understudy/events HTTP/1.1\r\nhost: ${hostname}:${port}\r\n\r\n`)
      socket.pause() // never reads: the server's buffer for it fills
      slow.push(socket)
    }
    await expect.poll(() => server!.liveStreams.size).toBe(6)
    // An extra subscriber past the cap is refused.
    const over = await Promise.all(
      [0, 1, 2].map(async () => {
        const res = await fetch(`${url}/_understudy/events`)
        await res.body?.cancel()
        return res.status
      }),
    )
    expect(over.sort()).toEqual([200, 200, 503])

    const text = 'y'.repeat(64 * 1024)
    for (let i = 0; i < 200 && server.liveStreams.dropped < 6; i++)
      await fetch(`${url}/github/notes`, {
        method: 'POST',
        headers: { authorization: 'Bearer tok_a', 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      })
    expect(server.liveStreams.dropped).toBe(6)
    expect((await fetch(`${url}/_understudy/health`)).status).toBe(200)
    for (const socket of slow) socket.destroy()
  })
})

test('in-process, a fetch-style live-feed subscriber that stops reading is ended', async () => {
  const app = createUnderstudyApp({ services: ['github'], mocks: { github: createToyMock() } })
  const res = await app.handler(new Request('http://127.0.0.1/_understudy/events'))
  expect(app.events.size).toBe(1)
  for (let i = 0; i < 40; i++) app.events.publish('request', { text: 'z'.repeat(64 * 1024) })
  expect(app.events.size).toBe(0)
  await res.body?.cancel()
  app.dispose()
})
