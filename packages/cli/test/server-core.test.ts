import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { github } from '@understudy/signature-utils'
import { describe, expect, test } from 'vitest'
import { createUnderstudyServer } from '../src/index'
import { signatureStatus } from '../src/server/signature'
import { createToyMock } from './helpers/toy-mock'
import { auth, useToyServer } from './helpers/toy-server'

// The server's own behaviour, with a toy service mounted where GitHub goes: routing, the admin API,
// credential partitions, the live feed, shutdown. The real mocks are driven by their SDKs in sdk.test.ts.

const toy = useToyServer()
const start = toy.start

describe('admin API', () => {
  test('GET /_understudy/health answers { ok: true }', async () => {
    const { url } = await start()
    const res = await fetch(`${url}/_understudy/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  test('GET /_understudy/requests lists requests with service and partition, oldest first', async () => {
    const { url } = await start()
    await fetch(`${url}/github/notes`, { method: 'POST', headers: auth('tok_a'), body: '{"text":"one"}' })
    await fetch(`${url}/github/notes?page=2`, { headers: auth('tok_b') })
    const { requests } = (await (await fetch(`${url}/_understudy/requests`)).json()) as {
      requests: Array<Record<string, unknown>>
    }
    expect(requests).toMatchObject([
      {
        service: 'toy',
        partition: 'tok_a',
        method: 'POST',
        path: '/notes',
        status: 201,
        body: { text: 'one' },
      },
      {
        service: 'toy',
        partition: 'tok_b',
        method: 'GET',
        path: '/notes',
        query: { page: '2' },
        status: 200,
      },
    ])
    const filtered = await (await fetch(`${url}/_understudy/requests?partition=tok_b`)).json()
    expect(filtered.requests).toHaveLength(1)
  })

  test('POST /_understudy/seed seeds the partition of the Authorization credential only', async () => {
    const { url } = await start()
    const seeded = await fetch(`${url}/_understudy/seed`, {
      method: 'POST',
      headers: auth('tok_a'),
      body: JSON.stringify({ github: { notes: [{ text: 'seeded' }] } }),
    })
    expect(await seeded.json()).toEqual({ ok: true, partition: 'tok_a' })
    const mine = await (await fetch(`${url}/github/notes`, { headers: auth('tok_a') })).json()
    const theirs = await (await fetch(`${url}/github/notes`, { headers: auth('tok_b') })).json()
    expect(mine).toMatchObject([{ text: 'seeded' }])
    expect(theirs).toEqual([])
  })

  test('POST /_understudy/seed answers 400 with the reason for bad seed data', async () => {
    const { url } = await start()
    const unknown = await fetch(`${url}/_understudy/seed`, { method: 'POST', body: '{"gitlab":{}}' })
    expect(unknown.status).toBe(400)
    expect((await unknown.json()).error).toMatch(/unknown key "gitlab".*github, slack, stripe, openai/)
    const bad = await fetch(`${url}/_understudy/seed`, { method: 'POST', body: '{"github":{"notes":3}}' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toMatch(/"notes" must be an array/)
    const notJson = await fetch(`${url}/_understudy/seed`, { method: 'POST', body: '{' })
    expect(notJson.status).toBe(400)
  })

  test('POST /_understudy/reset returns every service to its seed and empties the log', async () => {
    const { url } = await start({
      mocks: { github: createToyMock({ seed: { notes: [{ text: 'fixture' }] } }) },
    })
    await fetch(`${url}/github/notes`, { method: 'POST', headers: auth('tok_a'), body: '{"text":"new"}' })
    expect(await (await fetch(`${url}/github/notes`, { headers: auth('tok_a') })).json()).toHaveLength(2)
    expect((await fetch(`${url}/_understudy/reset`, { method: 'POST' })).status).toBe(200)
    expect(await (await fetch(`${url}/github/notes`, { headers: auth('tok_a') })).json()).toMatchObject([
      { text: 'fixture' },
    ])
    const { requests } = await (await fetch(`${url}/_understudy/requests`)).json()
    expect(requests).toHaveLength(1)
  })

  test('GET /_understudy/state has a snapshot per service and partition', async () => {
    const { url } = await start()
    await fetch(`${url}/github/notes`, { method: 'POST', headers: auth('tok_a'), body: '{"text":"x"}' })
    const { state } = await (await fetch(`${url}/_understudy/state`)).json()
    expect(state).toEqual({
      github: {
        default: { notes: [], hooks: [] },
        tok_a: { notes: [{ id: expect.any(String), text: 'x' }], hooks: [] },
      },
    })
  })

  test('POST /_understudy/faults injects a fault for the caller’s partition', async () => {
    const { url } = await start()
    const res = await fetch(`${url}/_understudy/faults`, {
      method: 'POST',
      headers: auth('tok_a'),
      body: JSON.stringify({ service: 'github', path: '/notes', status: 503, message: 'down' }),
    })
    expect(await res.json()).toEqual({ ok: true, service: 'github', partition: 'tok_a' })
    expect((await fetch(`${url}/github/notes`, { headers: auth('tok_b') })).status).toBe(200)
    expect((await fetch(`${url}/github/notes`, { headers: auth('tok_a') })).status).toBe(503)
    expect((await fetch(`${url}/github/notes`, { headers: auth('tok_a') })).status).toBe(200)
  })

  test('unknown admin endpoints and methods say what exists', async () => {
    const { url } = await start()
    const missing = await fetch(`${url}/_understudy/nope`)
    expect(missing.status).toBe(404)
    expect((await missing.json()).error).toMatch(/GET \/_understudy\/health/)
    const wrongMethod = await fetch(`${url}/_understudy/reset`)
    expect(wrongMethod.status).toBe(405)
  })
})

describe('routing', () => {
  test('a path no service is mounted at answers 404 naming the mounts', async () => {
    const { url } = await start()
    const res = await fetch(`${url}/gitlab/projects`)
    expect(res.status).toBe(404)
    expect((await res.json()).error).toMatch(/github at \/github\//)
  })

  test('the dashboard is served at / as one self-contained page', async () => {
    const { url } = await start()
    const res = await fetch(`${url}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
  })
})

describe('live feed', () => {
  test('GET /_understudy/events streams each request as it is served', async () => {
    const { url } = await start()
    const controller = new AbortController()
    const res = await fetch(`${url}/_understudy/events`, { signal: controller.signal })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    expect((await reader.read()).value).toBe(': connected\n\n')
    await fetch(`${url}/github/notes`, { headers: auth('tok_a') })
    let text = ''
    while (!text.includes('\n\n')) text += (await reader.read()).value
    expect(text).toMatch(/^event: request\ndata: /)
    const data = JSON.parse(text.split('\n')[1]!.slice('data: '.length))
    expect(data).toMatchObject({ method: 'GET', path: '/notes', status: 200, partition: 'tok_a' })
    controller.abort()
    await reader.cancel().catch(() => {})
  })
})

describe('webhooks', () => {
  test('deliveries go over real HTTP and GET /_understudy/webhooks shows status, attempts and response', async () => {
    const received: string[] = []
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => {
        body += chunk
      })
      req.on('end', () => {
        received.push(body)
        res.writeHead(202, { 'content-type': 'text/plain' }).end('thanks')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    try {
      const { url, app } = await start()
      await fetch(`${url}/github/hooks`, {
        method: 'POST',
        headers: auth('tok_a'),
        body: JSON.stringify({ url: hookUrl, secret: 'whsec_test' }),
      })
      await fetch(`${url}/github/notes`, { method: 'POST', headers: auth('tok_a'), body: '{"text":"hi"}' })
      await app.settled()
      expect(received).toHaveLength(1)
      const { deliveries } = await (await fetch(`${url}/_understudy/webhooks`)).json()
      expect(deliveries).toMatchObject([
        {
          partition: 'tok_a',
          event: 'note',
          url: hookUrl,
          status: 'delivered',
          attempts: [{ status: 202, responseBody: 'thanks' }],
          response: { status: 202, body: 'thanks' },
          signature: { scheme: null, verified: null },
        },
      ])
    } finally {
      await new Promise((resolve) => receiver.close(resolve))
    }
  })

  test('signatureStatus(delivery, secrets) verifies a GitHub signature with a known secret', async () => {
    const body = '{"action":"opened"}'
    const headers = { 'x-hub-signature-256': await github.sign('whsec_test', body) }
    expect(await signatureStatus({ headers, body }, ['other', 'whsec_test'])).toEqual({
      scheme: 'github',
      header: headers['x-hub-signature-256'],
      verified: true,
    })
    expect((await signatureStatus({ headers, body }, ['other'])).verified).toBe(false)
    expect((await signatureStatus({ headers, body }, [])).verified).toBeNull()
  })
})

describe('lifecycle', () => {
  test('a taken port fails with PortInUseError and a message that says what to do', async () => {
    const { port } = await start()
    await expect(createUnderstudyServer({ port, mocks: { github: createToyMock() } })).rejects.toMatchObject({
      name: 'PortInUseError',
      exitCode: 1,
      message: `[understudy:cli] Port ${port} is in use: pass --port 0 or another port.`,
    })
  })

  test('close() ends open event streams and stops listening', async () => {
    const started = await start()
    const res = await fetch(`${started.url}/_understudy/events`)
    const reader = res.body!.getReader()
    await reader.read()
    await started.close()
    toy.closed()
    expect((await reader.read()).done).toBe(true)
    await expect(fetch(`${started.url}/_understudy/health`)).rejects.toThrow()
  })
})
