import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  coverageTable,
  createServiceMock,
  defineService,
  endpointCoverage,
  InvalidOptionError,
  type KnownEndpoint,
} from '../../src/index'
import { type ToySeed, type ToyState, toyService } from './toy-service'

const auth = { authorization: 'Bearer sk_test_123' }

// What a generated list looks like: the real API has these; the toy implements only `/v1/notes`.
const endpoints: KnownEndpoint[] = [
  { method: 'GET', path: '/v1/notes', area: 'Notes' },
  { method: 'DELETE', path: '/v1/notes/{id}', docs: 'https://docs.toy.test/notes/delete', area: 'Notes' },
  { method: 'GET', path: '/v1/tags/{tag}', docs: 'https://docs.toy.test/tags/get', area: 'Tags' },
]

const withSpec = defineService<ToyState, ToySeed>({
  ...toyService,
  endpoints,
  errors: {
    ...toyService.errors,
    unimplemented: (_ctx, { endpoint }) =>
      Response.json({ error: { type: 'unimplemented', docs: endpoint.docs } }, { status: 501 }),
  },
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('endpoints the real service has and the mock does not', () => {
  test('answer 501 in the service shape, with the header, logged as unimplemented', async () => {
    const toy = createServiceMock(withSpec)
    const response = await toy.fetch('https://api.toy.test/v1/tags/red', { headers: auth })
    expect(response.status).toBe(501)
    expect(response.headers.get('x-understudy-unimplemented')).toBe('1')
    // finalize still decorates it as every other answer of the service.
    expect(response.headers.get('x-request-id')).toBe('req_toy')
    expect(await response.json()).toEqual({
      error: { type: 'unimplemented', docs: 'https://docs.toy.test/tags/get' },
    })
    expect(toy.requests[0]).toMatchObject({ status: 501, unimplemented: true, path: '/v1/tags/red' })
    expect(toy.requests[0]).not.toHaveProperty('route')
  })

  test('a method the spec has on an implemented path is unimplemented too; HEAD finds GET', async () => {
    const toy = createServiceMock(withSpec)
    const deleted = await toy.fetch('https://api.toy.test/v1/notes/note_1', {
      method: 'DELETE',
      headers: auth,
    })
    expect(deleted.status).toBe(501)
    const head = await toy.fetch('https://api.toy.test/v1/tags/red', { method: 'HEAD', headers: auth })
    expect(head.status).toBe(501)
  })

  test('a path the service does not have stays its 404, and implemented routes are untouched', async () => {
    const toy = createServiceMock(withSpec)
    const missing = await toy.fetch('https://api.toy.test/v1/nope', { headers: auth })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-understudy-unimplemented')).toBeNull()
    expect((await toy.fetch('https://api.toy.test/v1/notes', { headers: auth })).status).toBe(200)
    expect(toy.requests.map((r) => r.unimplemented)).toEqual([undefined, undefined])
  })

  test('without an unimplemented hook the answer is a generic JSON 501', async () => {
    const toy = createServiceMock({ ...withSpec, errors: toyService.errors })
    const response = await toy.fetch('https://api.toy.test/v1/tags/red', { headers: auth })
    expect(response.status).toBe(501)
    expect((await response.json()).error.message).toContain('GET /v1/tags/red is not implemented')
  })

  test('a mock without endpoints answers its 404 as before', async () => {
    const toy = createServiceMock(toyService)
    expect((await toy.fetch('https://api.toy.test/v1/tags/red', { headers: auth })).status).toBe(404)
  })
})

describe('onUnimplemented', () => {
  test("'respond' (the default) is quiet", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const toy = createServiceMock(withSpec)
    expect((await toy.fetch('https://api.toy.test/v1/tags/red', { headers: auth })).status).toBe(501)
    expect(warn).not.toHaveBeenCalled()
  })

  test("'warn' prints the method, URL and docs link and still answers 501", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const toy = createServiceMock(withSpec, { onUnimplemented: 'warn' })
    expect((await toy.fetch('https://api.toy.test/v1/tags/red', { headers: auth })).status).toBe(501)
    expect(warn).toHaveBeenCalledOnce()
    const message = String(warn.mock.calls[0]?.[0])
    expect(message).toContain('[understudy:toy] GET https://api.toy.test/v1/tags/red')
    expect(message).toContain('https://docs.toy.test/tags/get')
  })

  test("'error' prints an error and fails the call with a network error", async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const toy = createServiceMock(withSpec, { onUnimplemented: 'error' })
    const response = await toy.fetch('https://api.toy.test/v1/tags/red', { headers: auth })
    expect(response.type).toBe('error')
    expect(error).toHaveBeenCalledOnce()
    expect(String(error.mock.calls[0]?.[0])).toContain("onUnimplemented: 'error'")
    expect(toy.requests[0]).toMatchObject({ unimplemented: true, status: 0 })
  })

  test('a function hears each request and chooses with print', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const seen: string[] = []
    const toy = createServiceMock(withSpec, {
      onUnimplemented: (request, print) => {
        seen.push(`${request.method} ${request.endpoint.path}`)
        if (request.endpoint.area === 'Tags') print.error()
      },
    })
    expect((await toy.fetch('https://api.toy.test/v1/tags/red', { headers: auth })).type).toBe('error')
    const deleted = await toy.fetch('https://api.toy.test/v1/notes/n', { method: 'DELETE', headers: auth })
    expect(deleted.status).toBe(501)
    expect(seen).toEqual(['GET /v1/tags/{tag}', 'DELETE /v1/notes/{id}'])
    expect(error).toHaveBeenCalledOnce()
  })

  test('an unknown strategy is an InvalidOptionError naming the option', () => {
    expect(() => createServiceMock(withSpec, { onUnimplemented: 'loud' as never })).toThrow(
      InvalidOptionError,
    )
    expect(() => createServiceMock(withSpec, { onUnimplemented: 'loud' as never })).toThrow(/onUnimplemented/)
  })
})

describe('endpointCoverage', () => {
  test('counts implemented endpoints per area and lists routes the spec does not have', () => {
    const coverage = endpointCoverage(withSpec)
    expect(coverage).toMatchObject({ total: 3, implemented: 1 })
    expect(coverage.areas).toEqual([
      { area: 'Notes', total: 2, implemented: 1 },
      { area: 'Tags', total: 1, implemented: 0 },
    ])
    expect(coverage.unlisted.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /health',
      'POST /v1/notes',
      'GET /v1/notes/:id',
      'POST /v1/hooks',
      'GET /v1/files/:path*',
    ])
    const table = coverageTable(coverage, { source: 'the toy spec' })
    expect(table).toContain('| Notes | 1 | 2 |')
    expect(table).toContain('| 1 other areas | 0 | 1 |')
    expect(table).toContain('Other areas: Tags.')
    expect(table).toContain('| **Total** | **1** (33%) | **3** |')
  })
})
