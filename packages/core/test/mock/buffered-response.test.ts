import { createRequire } from 'node:module'
import { inspect } from 'node:util'
import { expect, test } from 'vitest'
import { BufferedResponse, bytesResponse, HeaderMap, startServer } from '../../src/index'

test('is a real Response: instanceof, status, ok, type, and the body read every way', async () => {
  const response = bytesResponse('{"ok":true}', {
    status: 201,
    statusText: 'Created',
    headers: { 'Content-Type': 'application/json', 'X-Id': '1' },
  })
  expect(response).toBeInstanceOf(Response)
  expect([response.status, response.statusText, response.ok, response.type]).toEqual([
    201,
    'Created',
    true,
    'default',
  ])
  expect(response.headers.get('content-type')).toBe('application/json')
  expect(response.bodyUsed).toBe(false)
  expect(await response.clone().json()).toEqual({ ok: true })
  expect(new TextDecoder().decode(await response.clone().arrayBuffer())).toBe('{"ok":true}')
  expect(await response.clone().bytes()).toEqual(new TextEncoder().encode('{"ok":true}'))
  expect((await response.clone().blob()).type).toBe('application/json')
  expect(await response.text()).toBe('{"ok":true}')
  expect(response.bodyUsed).toBe(true)
  await expect(response.text()).rejects.toThrow(TypeError)
  expect(() => response.clone()).toThrow(TypeError)
})

test('its body stream gives a copy of the bytes, once, and marks the body used', async () => {
  const bytes = new TextEncoder().encode('héllo')
  const response = bytesResponse(bytes)
  const stream = response.body!
  expect(response.body).toBe(stream)
  expect(response.bodyUsed).toBe(false)
  const read = new Uint8Array(await new Response(stream).arrayBuffer())
  expect(read).toEqual(bytes)
  expect(read.buffer).not.toBe(bytes.buffer)
  expect(response.bodyUsed).toBe(true)
  await expect(response.arrayBuffer()).rejects.toThrow(TypeError)
})

test('a platform Response built from it keeps status, headers and body', async () => {
  const response = bytesResponse('a,b', { status: 202, headers: { 'content-type': 'text/csv' } })
  const copy = new Response(response.body, response)
  expect(copy.status).toBe(202)
  expect(copy.headers.get('content-type')).toBe('text/csv')
  expect(await copy.text()).toBe('a,b')
  expect(Object.fromEntries(new Headers(bytesResponse('', { headers: { b: '2', a: '1' } }).headers))).toEqual(
    {
      a: '1',
      b: '2',
      'content-type': 'text/plain;charset=UTF-8',
    },
  )
})

test('status and statusText are checked as undici checks them; url, redirected and type are those of a made Response', () => {
  for (const status of [199, 600, 200.5, Number.NaN])
    expect(() => bytesResponse('', { status })).toThrow(RangeError)
  expect(() => bytesResponse('', { statusText: 'bad\nline' })).toThrow(TypeError)
  const made = new Response('x', { status: 418, statusText: "I'm a teapot" })
  const ours = bytesResponse('x', { status: 418, statusText: "I'm a teapot" })
  for (const key of ['status', 'statusText', 'ok', 'type', 'url', 'redirected'] as const)
    expect([key, ours[key]]).toEqual([key, made[key]])
  expect(Object.prototype.toString.call(ours)).toBe('[object Response]')
  expect(inspect(ours)).toContain('statusText: "I\'m a teapot"')
  // Adapters set a URL of their own on it, as they do on any Response.
  Object.defineProperty(ours, 'url', { value: 'https://api.example.test/x' })
  expect(ours.url).toBe('https://api.example.test/x')
})

test('labels a string body text/plain as fetch does, and refuses a body on a null-body status', () => {
  expect(bytesResponse('hi').headers.get('content-type')).toBe('text/plain;charset=UTF-8')
  expect(bytesResponse(new Uint8Array([1])).headers.get('content-type')).toBeNull()
  expect(() => bytesResponse('x', { status: 204 })).toThrow(/204 response cannot have a body/)
  const empty = new BufferedResponse(null, { status: 304 })
  expect(empty.body).toBeNull()
  expect(empty.bodyUsed).toBe(false)
})

test('HeaderMap: case-insensitive, joins repeats, keeps Set-Cookie apart, copies Headers', () => {
  const headers = new HeaderMap({ 'X-A': '1' })
  headers.append('x-a', '2')
  headers.append('Set-Cookie', 'a=1')
  headers.append('set-cookie', 'b=2')
  expect(headers.get('X-A')).toBe('1, 2')
  expect(headers.getSetCookie()).toEqual(['a=1', 'b=2'])
  expect(headers.toFlatList()).toEqual(['x-a', '1, 2', 'set-cookie', 'a=1', 'set-cookie', 'b=2'])
  expect(headers.toFlatList(new Set(['x-a']))).toEqual(['set-cookie', 'a=1', 'set-cookie', 'b=2'])
  headers.delete('X-A')
  expect(headers.has('x-a')).toBe(false)
  const platform = new Headers([
    ['Set-Cookie', 'c=3'],
    ['Set-Cookie', 'd=4'],
    ['Link', '<x>'],
  ])
  const copy = new HeaderMap(platform)
  expect(copy.getSetCookie()).toEqual(['c=3', 'd=4'])
  expect(copy.get('link')).toBe('<x>')
  const seen: string[] = []
  copy.forEach((value, key) => {
    seen.push(`${key}=${value}`)
  })
  // One pair per Set-Cookie, as a platform Headers iterates them.
  expect(seen).toEqual(['link=<x>', 'set-cookie=c=3', 'set-cookie=d=4'])
  const pairs = [
    ['link', '<x>'],
    ['set-cookie', 'c=3'],
    ['set-cookie', 'd=4'],
  ]
  expect([...platform]).toEqual(pairs)
  expect([...copy]).toEqual(pairs)
  expect(inspect(copy)).toBe("HeaderMap { link: '<x>', 'set-cookie': [ 'c=3', 'd=4' ] }")
})

test('HeaderMap is a Headers to instanceof checks, and the platform copies it like one', () => {
  const headers = new HeaderMap({ 'content-type': 'application/json' })
  headers.append('set-cookie', 'a=1')
  headers.append('set-cookie', 'b=2')
  expect(headers).toBeInstanceOf(Headers)
  expect(Object.prototype.toString.call(headers)).toBe('[object Headers]')
  const platform = new Headers(headers)
  expect(platform.get('content-type')).toBe('application/json')
  expect(platform.getSetCookie()).toEqual(['a=1', 'b=2'])
  expect(new Response(null, { headers }).headers.getSetCookie()).toEqual(['a=1', 'b=2'])
})

/** The raw head and body node:http wrote for a response, as a client on the wire sees them. */
function get(
  url: string,
  method = 'GET',
): Promise<{ head: Record<string, string | string[]>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // Looked up per call on the CommonJS module: msw's interceptor patches it there once listening.
    const http = createRequire(import.meta.url)('node:http') as typeof import('node:http')
    const req = http.request(url, { method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ head: res.headers as Record<string, string | string[]>, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

test('the node:http adapter writes a buffered body as held, with its UTF-8 length', async () => {
  const text = 'naïve ☃ 𝄞'
  const server = await startServer(async (request) => {
    const path = new URL(request.url).pathname
    if (path === '/text') return bytesResponse(text, { headers: { 'content-type': 'text/plain' } })
    if (path === '/bytes')
      return bytesResponse(new Uint8Array([0, 1, 2]), {
        headers: [
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
          ['content-length', '999'],
        ],
      })
    // HEAD: no body, and the length of the resource it describes.
    return new BufferedResponse(null, { status: 200, headers: { 'content-length': '42' } })
  })
  try {
    const utf8 = await get(`${server.url}/text`)
    expect(utf8.body.toString('utf8')).toBe(text)
    expect(utf8.head['content-length']).toBe(String(Buffer.byteLength(text)))
    const bytes = await get(`${server.url}/bytes`)
    expect([...bytes.body]).toEqual([0, 1, 2])
    expect(bytes.head['content-length']).toBe('3')
    expect(bytes.head['set-cookie']).toEqual(['a=1', 'b=2'])
    const head = await get(`${server.url}/head`, 'HEAD')
    expect(head.head['content-length']).toBe('42')
    expect(head.body.length).toBe(0)
  } finally {
    await server.close()
  }
})

test('a mock answer through msw carries its Content-Length (keep-alive clients keep the connection)', async () => {
  const { setupServer } = await import('msw/node')
  const { createServiceMock, defineService, route } = await import('../../src/index')
  const mock = createServiceMock(
    defineService({
      name: 'len',
      hosts: ['http://len.example.com'],
      createState: () => ({}),
      routes: [route.get('/x', () => Response.json({ text: 'naïve' }))],
      errors: {
        notFound: () => Response.json({}, { status: 404 }),
        fault: () => Response.json({}, { status: 500 }),
        rateLimited: () => Response.json({}, { status: 429 }),
        internal: () => Response.json({}, { status: 500 }),
      },
    }),
  )
  const server = setupServer(...mock.handlers)
  server.listen({ onUnhandledFrame: 'error' })
  try {
    const { head, body } = await get('http://len.example.com/x')
    expect(head['content-length']).toBe(String(body.length))
    expect(JSON.parse(body.toString('utf8'))).toEqual({ text: 'naïve' })
  } finally {
    server.close()
  }
})
