import { connect } from 'node:net'
import { describe, expect, test } from 'vitest'
import { rawRequest } from './helpers/raw-http'
import { auth, useToyServer } from './helpers/toy-server'

// Bounded by default: bodies, the request log, admin bodies, fault options.

const toy = useToyServer()
const start = toy.start

/** Sends headers declaring `declared` bytes, then `sent` bytes, and reads what comes back. */
function sendBody(url: string, path: string, declared: number | 'chunked', sent: number): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString()
    })
    socket.on('close', () => resolve(answer))
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)))
    const length = declared === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${declared}`
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer tok_a\r\ncontent-type: application/json\r\n${length}\r\n\r\n`,
    )
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let left = sent
    const pump = () => {
      while (left > 0 && !socket.destroyed) {
        const n = Math.min(left, chunk.length)
        left -= n
        const piece = chunk.subarray(0, n)
        const ok =
          declared === 'chunked' ? socket.write(`${n.toString(16)}\r\n${piece}\r\n`) : socket.write(piece)
        if (!ok) {
          socket.once('drain', pump)
          return
        }
      }
    }
    pump()
  })
}

describe('request bodies', () => {
  test('a body declared over the service limit is answered 413 in the service shape, unread', async () => {
    const { url } = await start({ bodyLimits: { github: 1024 * 1024 } })
    const answer = await sendBody(url, '/github/notes', 200 * 1024 * 1024, 0)
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(answer).toMatch(/connection: close/i)
    expect(answer).toContain('"documentation_url"')
    expect(answer).toContain('the limit is 1048576 bytes')
  })

  test('a chunked body is cut off as soon as it passes the limit', async () => {
    const { url } = await start({ bodyLimits: { github: 256 * 1024 } })
    const answer = await sendBody(url, '/github/notes', 'chunked', 8 * 1024 * 1024)
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(toy.current!.mocks.github!.requests).toHaveLength(0)
  })

  test('the default limits are the services’ own and visible in the 413', async () => {
    const { url } = await start({ services: ['github'] })
    const answer = await sendBody(url, '/github/notes', 101 * 1024 * 1024, 0)
    expect(answer).toContain(`the limit is ${100 * 1024 * 1024} bytes`)
  })

  test('a big body is logged by its size, and the log stays readable', async () => {
    const { url } = await start()
    const text = 'x'.repeat(2 * 1024 * 1024)
    const res = await fetch(`${url}/github/notes`, {
      method: 'POST',
      headers: auth('tok_a'),
      body: JSON.stringify({ text }),
    })
    expect(res.status).toBe(201)
    const log = await fetch(`${url}/_understudy/requests`)
    expect(log.status).toBe(200)
    const { requests } = (await log.json()) as { requests: Array<{ body: unknown; responseBody: unknown }> }
    expect(requests[0]!.body).toMatchObject({ truncated: true, bytes: text.length + 11 })
    expect(requests[0]!.responseBody).toMatchObject({ truncated: true })
  })
})

describe('admin bodies and faults are validated', () => {
  test('malformed faults are a 400 naming the problem, and nothing is armed', async () => {
    const { url } = await start()
    const cases: Array<[unknown, RegExp]> = [
      [{ service: 'github', path: 123, status: 500 }, /"path".*got number 123/],
      [{ service: 'github', latency: 'slow' }, /fail\.latency.*0 to 600000.*"slow"/],
      [{ service: 'github', latency: -100 }, /fail\.latency/],
      [{ service: 'github', latency: 1e12 }, /fail\.latency/],
      [{ service: 'github', response: { body: 'x' } }, /response\.status/],
      [{ service: 'github', status: 500, colour: 'red' }, /unknown key "colour"/],
      [[1, 2], /must be a JSON object/],
    ]
    for (const [body, message] of cases) {
      const res = await fetch(`${url}/_understudy/faults`, {
        method: 'POST',
        headers: auth('tok_a'),
        body: JSON.stringify(body),
      })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await res.json()).error).toMatch(message)
    }
    const after = await fetch(`${url}/github/notes`, { headers: auth('tok_a') })
    expect(after.status).toBe(200)
  })

  test('a fault with response { status, headers, body } answers exactly that', async () => {
    const { url } = await start()
    const armed = await fetch(`${url}/_understudy/faults`, {
      method: 'POST',
      headers: auth('tok_a'),
      body: JSON.stringify({
        service: 'github',
        path: '/notes',
        response: { status: 418, headers: { 'x-teapot': 'yes' }, body: { short: 'stout' } },
      }),
    })
    expect(armed.status).toBe(200)
    const res = await fetch(`${url}/github/notes`, { headers: auth('tok_a') })
    expect(res.status).toBe(418)
    expect(res.headers.get('x-teapot')).toBe('yes')
    expect(await res.json()).toEqual({ short: 'stout' })
    expect((await fetch(`${url}/github/notes`, { headers: auth('tok_a') })).status).toBe(200)
  })

  test('other admin bodies: not an object is a 400 that says what to send', async () => {
    const { url } = await start()
    const seed = await fetch(`${url}/_understudy/seed`, { method: 'POST', body: '[1]' })
    expect(seed.status).toBe(400)
    expect((await seed.json()).error).toMatch(/The seed must be a JSON object, got an array/)
  })

  test('/_understudy/info shows the partition limit and counts', async () => {
    const { url } = await start({ maxPartitions: 5 })
    await fetch(`${url}/github/notes`, { headers: auth('tok_a') })
    const info = await (await rawRequest(url, { path: '/_understudy/info' })).text
    expect(JSON.parse(info).partitions).toEqual({ limit: 5, count: { github: 1 } })
  })
})

describe('banner', () => {
  test('with --port 80 the Stripe hint names port 80', async () => {
    const { SERVICES } = await import('../src/server/services')
    expect(SERVICES.stripe.sdkHint('http://127.0.0.1:80')).toBe(
      "new Stripe(key, { host: '127.0.0.1', port: 80, protocol: 'http' })",
    )
  })
})

describe('Slack', () => {
  test('malformed JSON to a Web API method answers invalid_json, as Slack does', async () => {
    const { url } = await start({ services: ['slack'], mocks: {} })
    const res = await fetch(`${url}/slack/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json; charset=utf-8' },
      body: '{"channel": "C1", text:',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_json' })
  })
})
