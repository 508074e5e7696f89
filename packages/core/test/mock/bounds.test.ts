import { request } from 'node:http'
import { describe, expect, test } from 'vitest'
import { createServiceMock, InvalidOptionError, startServer, toNodeListener } from '../../src/index'
import { PartitionMap } from '../../src/mock/partitions'
import { RequestLog } from '../../src/mock/request-log'
import type { LoggedRequest } from '../../src/mock/types'
import { toyService } from './toy-service'

const auth = { authorization: 'Bearer tok_a' }

describe('fail() validates every option', () => {
  const mock = createServiceMock(toyService)
  test.each([
    [{ latency: 'slow' }, 'fail.latency'],
    [{ latency: -100 }, 'fail.latency'],
    [{ latency: 1e12 }, 'fail.latency'],
    [{ latency: Number.NaN }, 'fail.latency'],
    [{ status: 500, path: 123 }, 'fail.path'],
    [{ status: 500, method: 7 }, 'fail.method'],
    [{ response: { status: 200 } }, 'fail.response'],
    [{ rateLimit: { retryAfter: -1 } }, 'fail.rateLimit'],
    [{ status: 500, colour: 'red' }, 'fail.colour'],
    [{ status: '500' }, 'fail.status'],
  ])('%j is an InvalidOptionError naming %s', (options, option) => {
    let thrown: unknown
    try {
      mock.fail(options as never)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError)
    expect((thrown as Error).message).toContain(option)
  })

  test('a valid latency of 0 to 600 000 ms is accepted', () => {
    expect(mock.fail({ latency: 0 }).remaining).toBe(1)
    expect(mock.fail({ latency: 600_000 }).remaining).toBe(1)
  })
})

describe('partitions are bounded', () => {
  test('beyond maxPartitions the least recently used idle partition is dropped', async () => {
    const mock = createServiceMock(toyService, { partitionBy: 'credential', maxPartitions: 3 })
    for (const token of ['a', 'b', 'c', 'a', 'd'])
      await mock.fetch('https://api.toy.test/v1/notes', { headers: { authorization: `Bearer ${token}` } })
    expect(mock.partitions().sort()).toEqual(['a', 'c', 'd'])
  })

  test('a partition serving a request is never dropped; default never is', () => {
    const map = new PartitionMap<number>(2)
    map.set('default', 0)
    map.set('x', 1)
    map.hold('x')
    map.hold('x')
    map.set('y', 2)
    expect([...map.keys()].sort()).toEqual(['default', 'x', 'y'])
    map.release('x')
    map.set('y', 2)
    expect([...map.keys()].sort()).toEqual(['default', 'x', 'y'])
    map.release('x')
    map.set('z', 3)
    expect([...map.keys()].sort()).toEqual(['default', 'z'])
    expect(map.evicted).toBe(2)
  })

  test('maxPartitions must be a whole number >= 1', () => {
    expect(() => createServiceMock(toyService, { maxPartitions: 0 })).toThrow(InvalidOptionError)
  })
})

describe('the request log is bounded by bytes', () => {
  test('the oldest entries go once the bodies held pass the limit', () => {
    const log = new RequestLog(1000, 1000)
    for (let i = 0; i < 10; i++) log.push({ id: String(i) } as LoggedRequest, 300)
    expect(log.entries.map((e) => e.id)).toEqual(['7', '8', '9'])
    expect(log.heldBytes).toBe(900)
  })

  test('a body over 256 KiB is logged as its size and first KiB', async () => {
    const mock = createServiceMock(toyService)
    const text = 'z'.repeat(300 * 1024)
    await mock.fetch('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    })
    expect(mock.requests[0]!.body).toMatchObject({ truncated: true, bytes: text.length + 11 })
    expect((mock.requests[0]!.body as { preview: string }).preview).toHaveLength(1024)
  })
})

describe('toNodeListener', () => {
  function send(url: string, method: string, path: string, headers: Record<string, string>, body?: string) {
    const { hostname, port } = new URL(url)
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: hostname, port, method, path, headers, setHost: false, agent: false },
        (res) => {
          let text = ''
          res.on('data', (c) => {
            text += c
          })
          res.on('end', () => resolve({ status: res.statusCode!, text }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }

  test('the path comes from the request line; a Host header only names a plain origin', async () => {
    const seen: string[] = []
    const server = await startServer(async (r) => {
      seen.push(r.url)
      return new Response('ok')
    })
    try {
      await send(server.url, 'GET', '/a?b=1', { host: 'evil/_admin/reset#' })
      await send(server.url, 'GET', '/a', { host: 'svc:4010' })
      await send(server.url, 'GET', 'http://other.test/p?q', { host: 'x' })
      expect(seen).toEqual(['http://localhost/a?b=1', 'http://svc:4010/a', 'http://x/p?q'])
    } finally {
      await server.close()
    }
  })

  test('TRACE is a 405; a body over the limit gets the limit’s answer', async () => {
    const { createServer } = await import('node:http')
    const server = createServer(
      toNodeListener(async (r) => new Response(await r.text()), {
        bodyLimit: () => ({
          bytes: 10,
          response: (e) => new Response(`too big: ${e.limit}`, { status: 413 }),
        }),
      }),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      expect((await send(url, 'TRACE', '/', { host: 'h' })).status).toBe(405)
      expect(await send(url, 'POST', '/', { host: 'h' }, 'short')).toEqual({ status: 200, text: 'short' })
      expect(await send(url, 'POST', '/', { host: 'h' }, 'x'.repeat(100))).toEqual({
        status: 413,
        text: 'too big: 10',
      })
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
