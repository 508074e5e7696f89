import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createServiceMock, mount, startServer } from '../../src/index'
import { toyService } from './toy-service'

const auth = { authorization: 'Bearer sk_test_123' }

describe('createServiceMock through msw (global fetch)', () => {
  const toy = createServiceMock(toyService, { seed: { notes: [{ text: 'seeded' }] } })
  const server = setupServer(...toy.handlers)
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterAll(() => server.close())

  test('state persists across calls and the log records each request', async () => {
    toy.reset()
    const created = await fetch('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('x-request-id')).toBe('req_toy')
    const list = await (await fetch('https://api.toy.test/v1/notes?limit=5', { headers: auth })).json()
    expect(list.data.map((n: { text: string }) => n.text)).toEqual(['seeded', 'hello'])
    expect(list.url).toBe('https://api.toy.test/v1/notes')
    expect(toy.requests).toHaveLength(2)
    expect(toy.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/notes',
      body: { text: 'hello' },
      status: 201,
      route: 'POST /v1/notes',
    })
    expect(toy.requests[1]).toMatchObject({ method: 'GET', query: { limit: '5' }, status: 200 })
    expect(toy.calls('POST /v1/notes')).toHaveLength(1)
    expect(toy.called({ method: 'GET', path: '/v1/notes' })).toBe(true)
  })

  test('auth, unknown routes and thrown service errors answer in the service shape', async () => {
    toy.reset()
    expect((await fetch('https://api.toy.test/v1/notes')).status).toBe(401)
    expect((await fetch('https://api.toy.test/health')).status).toBe(200)
    const missing = await fetch('https://api.toy.test/v1/nope', { headers: auth })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { message: 'Unrecognized request URL (GET: /v1/nope)' } })
    const bad = await fetch('https://api.toy.test/v1/notes/note_x', { headers: auth })
    expect(bad.status).toBe(404)
    const rest = await (await fetch('https://api.toy.test/v1/files/a/b%20c.txt', { headers: auth })).json()
    expect(rest).toEqual({ path: 'a/b c.txt' })
  })

  test('reset() returns to the factory seed with an empty log', async () => {
    await fetch('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'x' }),
    })
    toy.reset()
    expect(toy.requests).toHaveLength(0)
    expect(toy.snapshot()).toMatchObject({ notes: [{ text: 'seeded' }] })
  })

  test('fail() injects status, rate limit, drop and latency, once or always', async () => {
    toy.reset()
    toy.fail({ method: 'GET', path: '/v1/notes', status: 503 })
    expect((await fetch('https://api.toy.test/v1/notes', { headers: auth })).status).toBe(503)
    expect((await fetch('https://api.toy.test/v1/notes', { headers: auth })).status).toBe(200)

    const limit = toy.fail({ path: '/v1/notes/:id', rateLimit: { retryAfter: 7 }, times: 'always' })
    for (let i = 0; i < 2; i++) {
      const res = await fetch('https://api.toy.test/v1/notes/note_1', { headers: auth })
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('7')
    }
    limit.cancel()

    toy.fail({ path: '/v1/notes', drop: true })
    await expect(fetch('https://api.toy.test/v1/notes', { headers: auth })).rejects.toThrow()

    expect(toy.requests.map((r) => r.fault ?? null)).toEqual([
      'status',
      null,
      'rateLimit',
      'rateLimit',
      'drop',
    ])
  })
})

describe('latency faults wait through the injected sleep', () => {
  test('fail({ latency }) schedules the delay and then answers normally', async () => {
    const waits: number[] = []
    const toy = createServiceMock(toyService, { sleep: async (ms) => void waits.push(ms) })
    toy.fail({ path: '/v1/notes', latency: 1500 })
    const res = await toy.fetch('https://api.toy.test/v1/notes', { headers: auth })
    expect(res.status).toBe(200)
    expect(waits).toEqual([1500])
    expect(toy.requests[0]).toMatchObject({ fault: 'latency', delayMs: 1500 })
  })

  test('fail() with nothing to inject says what it needs', () => {
    const toy = createServiceMock(toyService)
    expect(() => toy.fail({ path: '/v1/notes' })).toThrow(
      /needs one of status, rateLimit, drop, response or latency/,
    )
    expect(() => toy.fail({ status: 200 })).toThrow(/fail.status/)
  })
})

describe('partitions by credential', () => {
  test('each credential gets its own state, starting from the seed', async () => {
    const toy = createServiceMock(toyService, {
      seed: { notes: [{ text: 'seeded' }] },
      partitionBy: 'credential',
    })
    toy.seed({ notes: [{ text: 'shared' }] })
    const post = (key: string, text: string) =>
      toy.fetch('https://api.toy.test/v1/notes', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify({ text }),
      })
    const list = async (key: string) =>
      (
        await (
          await toy.fetch('https://api.toy.test/v1/notes', { headers: { authorization: `Bearer ${key}` } })
        ).json()
      ).data.map((n: { text: string }) => n.text)
    await post('key_a', 'from a')
    await post('key_b', 'from b')
    expect(await list('key_a')).toEqual(['seeded', 'shared', 'from a'])
    expect(await list('key_b')).toEqual(['seeded', 'shared', 'from b'])
    expect(toy.partitions().sort()).toEqual(['default', 'key_a', 'key_b'])
    expect(toy.requests.map((r) => r.partition)).toEqual(['key_a', 'key_b', 'key_a', 'key_b'])
  })

  test('Basic auth (Stripe) and token scheme name the same partition as Bearer', async () => {
    const toy = createServiceMock(toyService, { partitionBy: 'credential' })
    await toy.fetch('https://api.toy.test/v1/notes', {
      headers: { authorization: `Basic ${btoa('key_a:')}` },
    })
    await toy.fetch('https://api.toy.test/v1/notes', { headers: { authorization: 'token key_a' } })
    expect(toy.requests.map((r) => r.partition)).toEqual(['key_a', 'key_a'])
  })
})

describe('baseUrl and the node:http adapter', () => {
  test('a baseUrl with a path answers under it and builds URLs on it', async () => {
    const toy = createServiceMock(toyService, { baseUrl: 'http://localhost:4999/toy' })
    const res = await toy.fetch('http://localhost:4999/toy/v1/notes', { headers: auth })
    expect((await res.json()).url).toBe('http://localhost:4999/toy/v1/notes')
    expect(toy.requests[0]!.path).toBe('/v1/notes')
  })

  test('mount() serves several services under prefixes over real HTTP', async () => {
    const a = createServiceMock(toyService)
    const b = createServiceMock(toyService, { seed: { notes: [{ text: 'in b' }] } })
    const started = await startServer(
      mount([
        { prefix: '/a', target: a },
        { prefix: '', target: b },
      ]),
    )
    try {
      const res = await fetch(`${started.url}/a/v1/notes`, { headers: auth })
      expect(await res.json()).toEqual({ data: [], url: `${started.url}/a/v1/notes` })
      const root = await (await fetch(`${started.url}/v1/notes`, { headers: auth })).json()
      expect(root.data).toHaveLength(1)
      expect(a.requests[0]!.path).toBe('/v1/notes')
      b.fail({ drop: true })
      await expect(fetch(`${started.url}/v1/notes`, { headers: auth })).rejects.toThrow()
    } finally {
      await started.close()
    }
  })
})

describe('webhooks', () => {
  test('state changes deliver to registered URLs over HTTP, with retries and a delivery log', async () => {
    const received: string[] = []
    let failFirst = true
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        if (failFirst) {
          failFirst = false
          res.writeHead(500).end('boom')
          return
        }
        received.push(body)
        res.writeHead(200).end('ok')
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    try {
      const toy = createServiceMock(toyService, { webhooks: { backoff: () => 0 } })
      await toy.fetch('https://api.toy.test/v1/hooks', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url }),
      })
      await toy.fetch('https://api.toy.test/v1/notes', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ text: 'hi' }),
      })
      await toy.webhooks.settled()
      expect(received.map((b) => JSON.parse(b).text)).toEqual(['hi'])
      const [delivery] = toy.webhooks.deliveries
      expect(delivery).toMatchObject({ status: 'delivered', event: 'note.created', url })
      expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 200])
    } finally {
      receiver.close()
    }
  })

  test('an in-process transport receives deliveries without a network', async () => {
    const got: Request[] = []
    const toy = createServiceMock(toyService, {
      webhooks: { transport: async (req) => (got.push(req), new Response('ok')) },
    })
    toy.state().hooks.push('https://agent.test/webhook')
    await toy.fetch('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'x' }),
    })
    await toy.webhooks.settled()
    expect(got.map((r) => r.url)).toEqual(['https://agent.test/webhook'])
  })
})

describe('clock and ids', () => {
  test('a frozen clock stamps state and ids repeat across instances', async () => {
    const make = () =>
      createServiceMock(toyService, {
        clock: { now: '2026-01-01T00:00:00Z' },
        seed: { notes: [{ text: 'a' }] },
      })
    const one = make()
    const two = make()
    expect(one.snapshot()).toEqual(two.snapshot())
    expect((one.snapshot() as { notes: Array<{ created: number }> }).notes[0]!.created).toBe(1767225600)
    one.clock.advance(1000)
    expect(one.clock.nowSeconds()).toBe(1767225601)
  })
})
