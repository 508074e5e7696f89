import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { testdir } from '@understudy/test-utils'
import axios from 'axios'
import { describe, expect, test } from 'vitest'
import {
  type CassetteOptions,
  createMemoryStore,
  startCassette,
  withCassette,
} from '../../src/cassette/index'
import { nodeRequest, readChunks } from './clients'
import { CHUNKS, SSE_EVENTS, startTestServer } from './server'

const options = (dir: string, extra: CassetteOptions = {}): CassetteOptions => ({ dir, env: {}, ...extra })

describe('record with global fetch (undici), replay offline', () => {
  test('JSON, text, binary and empty bodies come back the same after the server is gone', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const run = async () => {
      const json = await fetch(`${server.url}/json`)
      const text = await fetch(`${server.url}/text`)
      const binary = await fetch(`${server.url}/binary`)
      const empty = await fetch(`${server.url}/empty`)
      return {
        json: { status: json.status, id: json.headers.get('x-request-id'), body: await json.json() },
        text: await text.text(),
        binary: [...new Uint8Array(await binary.arrayBuffer())],
        empty: { status: empty.status, body: await empty.text() },
      }
    }
    const recorded = await withCassette('fetch/bodies', options(dir.path, { mode: 'once' }), run)
    expect(server.hits).toHaveLength(4)
    await server.close()

    // Prove nothing reaches the network: the server is closed, and `none` never passes anything through.
    const replayed = await withCassette('fetch/bodies', options(dir.path, { mode: 'none' }), run)
    expect(replayed).toEqual(recorded)
    expect(replayed.binary).toEqual([0, 1, 2, 254, 255, 0, 10])
    expect(replayed.empty).toEqual({ status: 204, body: '' })

    const file = JSON.parse(await readFile(dir.join('fetch/bodies.json'), 'utf8'))
    const bodies = file.interactions.map((i: { response: { body?: unknown } }) => i.response.body)
    expect(bodies[0]).toEqual({ json: { message: 'hello', items: [1, 2, 3], nested: { ok: true } } })
    expect(bodies[1]).toEqual({ text: 'plain text ✓' })
    expect(bodies[2]).toEqual({ base64: Buffer.from([0, 1, 2, 254, 255, 0, 10]).toString('base64') })
    expect(bodies[3]).toBeUndefined()
  })

  test.each(['gzip', 'deflate', 'br'])(
    'a %s response is stored decompressed, without content-encoding',
    async (encoding) => {
      const dir = await testdir()
      const server = await startTestServer()
      const recorded = await withCassette(encoding, options(dir.path, { mode: 'once' }), async () =>
        (await fetch(`${server.url}/${encoding}`)).json(),
      )
      await server.close()
      const file = JSON.parse(await readFile(dir.join(`${encoding}.json`), 'utf8'))
      expect(file.interactions[0].response.headers['content-encoding']).toBeUndefined()
      expect(file.interactions[0].response.body.json.encoding).toBe(encoding)
      const replayed = await withCassette(encoding, options(dir.path, { mode: 'none' }), async () => {
        const response = await fetch(`${server.url}/${encoding}`)
        expect(response.headers.get('content-encoding')).toBeNull()
        return response.json()
      })
      expect(replayed).toEqual(recorded)
    },
  )

  test('an SSE stream is stored as its events and replayed event by event', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const recorded = await withCassette('sse', options(dir.path, { mode: 'once' }), async () =>
      readChunks(await fetch(`${server.url}/sse`)),
    )
    // Live, the client reads whatever pieces TCP delivers; the cassette stores one event per chunk.
    expect(recorded.join('')).toBe(SSE_EVENTS.join(''))
    await server.close()
    const file = JSON.parse(await readFile(dir.join('sse.json'), 'utf8'))
    expect(file.interactions[0].response.chunks).toEqual(SSE_EVENTS.map((text) => ({ text })))
    expect(file.interactions[0].response.body).toBeUndefined()
    const replayed = await withCassette('sse', options(dir.path, { mode: 'none' }), async () => {
      const response = await fetch(`${server.url}/sse`)
      expect(response.headers.get('content-type')).toBe('text/event-stream')
      return readChunks(response)
    })
    expect(replayed).toEqual(SSE_EVENTS)
  })

  test('a chunked text response keeps its chunks', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('chunked', options(dir.path, { mode: 'once' }), async () =>
      readChunks(await fetch(`${server.url}/chunked`)),
    )
    await server.close()
    // How TCP cuts a plain chunked body into reads is up to the network: the pieces that arrived are
    // what is stored, and replay must give the client exactly those pieces again.
    const stored = JSON.parse(await readFile(dir.join('chunked.json'), 'utf8')).interactions[0].response
    const pieces: string[] = stored.chunks
      ? stored.chunks.map((c: { text: string }) => c.text)
      : [stored.body.text]
    expect(pieces.join('')).toBe(CHUNKS.join(''))
    const replayed = await withCassette('chunked', options(dir.path, { mode: 'none' }), async () =>
      readChunks(await fetch(`${server.url}/chunked`)),
    )
    expect(replayed).toEqual(pieces)
  })
})

describe('record with node:http (stripe-node style), replay offline', () => {
  test('http.request: plain and gzip bodies (raw bytes on the wire) replay decompressed', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const recorded = await withCassette('http/gzip', options(dir.path, { mode: 'once' }), async () => {
      const plain = await nodeRequest(`${server.url}/json`)
      const zipped = await nodeRequest(`${server.url}/gzip`, { headers: { 'accept-encoding': 'gzip' } })
      // While recording, the client gets the real bytes: still gzip.
      expect(zipped.headers['content-encoding']).toBe('gzip')
      return {
        plain: JSON.parse(plain.body.toString()),
        zipped: JSON.parse(gunzipSync(zipped.body).toString()),
      }
    })
    await server.close()
    const file = JSON.parse(await readFile(dir.join('http/gzip.json'), 'utf8'))
    expect(file.interactions[1].response.body.json.encoding).toBe('gzip')
    await withCassette('http/gzip', options(dir.path, { mode: 'none' }), async () => {
      const plain = await nodeRequest(`${server.url}/json`)
      const zipped = await nodeRequest(`${server.url}/gzip`, { headers: { 'accept-encoding': 'gzip' } })
      expect(zipped.headers['content-encoding']).toBeUndefined()
      expect(JSON.parse(plain.body.toString())).toEqual(recorded.plain)
      expect(JSON.parse(zipped.body.toString())).toEqual(recorded.zipped)
    })
  })

  test('http.request: an SSE stream replays as separate data events', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('http/sse', options(dir.path, { mode: 'once' }), () =>
      nodeRequest(`${server.url}/sse`),
    )
    await server.close()
    const replayed = await withCassette('http/sse', options(dir.path, { mode: 'none' }), () =>
      nodeRequest(`${server.url}/sse`),
    )
    expect(replayed.chunks.map(String)).toEqual(SSE_EVENTS)
  })

  test('https.request replays a recording of an HTTPS API without any connection', async () => {
    const store = createMemoryStore()
    // A recording of api.stripe.com, made by hand: the replay never opens a socket.
    await store.update('stripe', () => ({
      format: 'understudy-cassette',
      version: 1,
      name: 'stripe',
      interactions: [
        {
          recordedAt: new Date().toISOString(),
          request: { method: 'GET', url: 'https://api.stripe.com/v1/customers/cus_1', headers: {} },
          response: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: { json: { id: 'cus_1', object: 'customer' } },
          },
        },
      ],
    }))
    const response = await withCassette('stripe', { store, mode: 'none', env: {} }, () =>
      nodeRequest('https://api.stripe.com/v1/customers/cus_1'),
    )
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body.toString())).toEqual({ id: 'cus_1', object: 'customer' })
  })
})

describe('record with axios (what @slack/web-api uses), replay offline', () => {
  test('axios.post with a JSON body, then axios.get', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const run = async () => {
      const created = await axios.post(`${server.url}/echo`, { text: 'hi' })
      const list = await axios.get(`${server.url}/json`)
      return { created: created.data, status: created.status, list: list.data }
    }
    const recorded = await withCassette('axios', options(dir.path, { mode: 'once' }), run)
    expect(recorded.created.body).toEqual({ text: 'hi' })
    await server.close()
    expect(await withCassette('axios', options(dir.path, { mode: 'none' }), run)).toEqual(recorded)
  })
})

describe('startCassette()', () => {
  test('stop() writes the cassette and is idempotent; stats count what happened', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const cassette = await startCassette('started', options(dir.path, { mode: 'once' }))
    expect(cassette.mode).toBe('once')
    expect(cassette.existed).toBe(false)
    await fetch(`${server.url}/json`)
    await fetch(`${server.url}/text`)
    await Promise.all([cassette.stop(), cassette.stop()])
    expect(cassette.stats).toMatchObject({ recorded: 2, replayed: 0, missed: 0 })
    expect(cassette.recorded.map((i) => new URL(i.request.url).pathname)).toEqual(['/json', '/text'])
    expect(cassette.path).toBe(dir.join('started.json'))
    await server.close()

    // After stop, nothing is intercepted any more: the (closed) server refuses the connection.
    await expect(fetch(`${server.url}/json`)).rejects.toThrow()
  })

  test('requests interleaved from concurrent code are recorded in the order they were sent', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('order', options(dir.path, { mode: 'once' }), async () => {
      await Promise.all(
        [fetch(`${server.url}/sse`), fetch(`${server.url}/json`), fetch(`${server.url}/text`)].map(
          async (p) => (await p).text(),
        ),
      )
    })
    await server.close()
    const file = JSON.parse(await readFile(dir.join('order.json'), 'utf8'))
    expect(
      file.interactions.map((i: { request: { url: string } }) => new URL(i.request.url).pathname),
    ).toEqual(['/sse', '/json', '/text'])
  })
})
