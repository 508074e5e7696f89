import { createServer, request as httpRequest } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { bytesResponse, createServiceMock, HeaderMap, mount, toNodeListener } from '../../src/index'
import { toyService } from './toy-service'

interface Seen {
  url: string
  method: string
  headers: [string, string][]
}

/** A server that answers with what its handler saw of the request. */
async function echoServer(lightRequests: boolean) {
  const seen: Request[] = []
  const server = createServer(
    toNodeListener(
      async (request) => {
        seen.push(request)
        const body: Seen = { url: request.url, method: request.method, headers: [...request.headers] }
        return bytesResponse(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
      },
      { lightRequests },
    ),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, seen, port: (server.address() as AddressInfo).port }
}

let light: Awaited<ReturnType<typeof echoServer>>
let full: Awaited<ReturnType<typeof echoServer>>
beforeAll(async () => {
  light = await echoServer(true)
  full = await echoServer(false)
})
afterAll(() => {
  light.server.close()
  full.server.close()
})

/**
 * Sends the request line as written (no client-side checks or encoding), with these header lines
 * (repeats kept), and reads the answer. The socket is not half-closed: node:http takes a client's FIN
 * before its answer as an abort.
 */
function send(
  port: number,
  path: string,
  headers: Record<string, string> | [string, string][] = {},
  method = 'GET',
) {
  return new Promise<Seen | null>((resolve, reject) => {
    const pairs = Array.isArray(headers) ? headers : Object.entries(headers)
    const lines = [`${method} ${path} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: close']
    for (const [name, value] of pairs) {
      if (name === 'host') lines[1] = `host: ${value}`
      else lines.push(`${name}: ${value}`)
    }
    const socket = connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`))
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text.slice(text.indexOf('\r\n\r\n') + 4)
      resolve(method === 'HEAD' || !text.startsWith('HTTP/1.1 200') ? null : (JSON.parse(body) as Seen))
    })
  })
}

test.each([
  '/plain/path?x=1&y=two',
  '/a/../b',
  '/a/./b',
  '/a/%2e%2E/b',
  '/a%20b/c',
  '/x/{y}/|z|/`w`',
  '/x?q=a"b{c}',
  "/q?name='x'&v=<y>",
  '//other.example/x',
  '/x?a=%zz&b=%41',
])('a light request has the URL a Request would have: %s', async (path) => {
  const headers = { host: 'LOCALHOST:80', 'x-trace': 'abc' }
  const [fromLight, fromFull] = await Promise.all([
    send(light.port, path, headers),
    send(full.port, path, headers),
  ])
  expect(fromFull).not.toBeNull()
  expect(fromLight!.url).toBe(fromFull!.url)
  expect(fromLight!.headers).toEqual(expect.arrayContaining(fromFull!.headers))
})

test('a light request is a Request: instanceof, headers, and every other member from a real one', async () => {
  await send(light.port, '/things?id=7', { authorization: 'token t', 'x-a': '1' })
  const request = light.seen.at(-1)!
  expect(request).toBeInstanceOf(Request)
  expect(request.headers).toBeInstanceOf(Headers)
  expect(request.headers).toBeInstanceOf(HeaderMap)
  expect(request.headers.get('Authorization')).toBe('token t')
  expect(request.headers.has('connection')).toBe(false)
  expect(request.method).toBe('GET')
  expect(request.body).toBeNull()
  expect(request.bodyUsed).toBe(false)
  expect(request.signal.aborted).toBe(false)
  expect(request.redirect).toBe('follow')
  expect(Object.prototype.toString.call(request)).toBe('[object Request]')
  expect(await request.text()).toBe('')
  const copy = request.clone()
  expect(copy.url).toBe(request.url)
  expect(copy.headers.get('x-a')).toBe('1')
  // The clone is undici's own: it can be forwarded as it is.
  expect(new Request(copy).url).toBe(request.url)
})

test('repeated request headers join as undici joins them: cookies with "; ", others with ", "', async () => {
  const headers: [string, string][] = [
    ['host', 'a'],
    ['cookie', 'a=1'],
    ['cookie', 'b=2'],
    ['x-v', '1'],
    ['x-v', '2'],
  ]
  const [fromLight, fromFull] = (await Promise.all([
    send(light.port, '/h', headers),
    send(full.port, '/h', headers),
  ])) as [Seen, Seen]
  expect(fromLight.headers).toEqual(
    expect.arrayContaining([
      ['cookie', 'a=1; b=2'],
      ['x-v', '1, 2'],
    ]),
  )
  expect(fromLight.headers).toEqual(expect.arrayContaining(fromFull.headers))
})

test('HEAD is light too; a request with a body is a full Request', async () => {
  await send(light.port, '/h', {}, 'HEAD')
  expect(light.seen.at(-1)!.constructor.name).toBe('LightRequest')
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: light.port,
        path: '/p',
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
      },
      (res) => res.resume().on('end', resolve),
    )
    req.on('error', reject)
    req.end('hello')
  })
  const post = light.seen.at(-1)!
  expect(post.constructor).toBe(Request)
  expect(await post.text()).toBe('hello')
})

test('a service mock behind mount serves light requests as it serves Requests', async () => {
  const mock = createServiceMock(toyService, { seed: { notes: [{ text: 'Alpha' }] } })
  const [note] = (mock.snapshot() as { notes: { id: string }[] }).notes
  const server = createServer(
    toNodeListener(mount([{ prefix: '/toy', target: mock }]), { lightRequests: true }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/toy`
    const response = await fetch(`${base}/v1/notes/${note!.id}`, { headers: { authorization: 'Bearer k' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toBe('req_toy')
    expect(await response.json()).toMatchObject({ id: note!.id, text: 'Alpha' })
    expect(mock.calls(`GET /v1/notes/${note!.id}`)).toHaveLength(1)
    expect(mock.requests.at(-1)!.headers).toMatchObject({ authorization: 'Bearer k' })
  } finally {
    server.close()
  }
})

test('requests in a row, repeating or changing Host and target, each get the URL a Request would have', async () => {
  const steps: [string, string][] = [
    ['127.0.0.1:1', '/a?x=1'],
    ['127.0.0.1:1', '/a?x=1'],
    ['127.0.0.1:1', '/b'],
    ['Example.TEST', '/b'],
    ['example.test', '/b'],
    ['user@evil.test', '/b'],
    ['127.0.0.1:1', '/a/../b'],
    ['127.0.0.1:1', '/a?x=1'],
  ]
  for (const [host, path] of steps) {
    const fromLight = await send(light.port, path, { host })
    const fromFull = await send(full.port, path, { host })
    expect([host, path, fromLight!.url]).toEqual([host, path, fromFull!.url])
  }
})

test('a mock logs each request in a row under its own path and URL, through mount', async () => {
  const toy = createServiceMock(toyService)
  const server = createServer(
    toNodeListener(mount([{ prefix: '/toy', target: toy }]), { lightRequests: true }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  try {
    for (const path of ['/toy/health', '/toy/health', '/toy/v1/notes?limit=1', '/toy/health'])
      await send(port, path, { authorization: 'Bearer sk_test_123' })
    expect(toy.requests.map((entry) => [entry.path, entry.url, entry.query])).toEqual([
      ['/health', `http://127.0.0.1:${port}/toy/health`, {}],
      ['/health', `http://127.0.0.1:${port}/toy/health`, {}],
      ['/v1/notes', `http://127.0.0.1:${port}/toy/v1/notes?limit=1`, { limit: '1' }],
      ['/health', `http://127.0.0.1:${port}/toy/health`, {}],
    ])
  } finally {
    server.close()
  }
})
