import { setupServer } from 'msw/node'
import OpenAI from 'openai'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createOpenAIMock, type OpenAIMockOptions } from '../src/index'

const server = setupServer()
beforeAll(() => server.listen())
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

function setup(options: OpenAIMockOptions = {}) {
  const mock = createOpenAIMock(options)
  server.use(...mock.handlers)
  // Created after listen(): openai-node captures fetch when constructed. Default retries (2).
  return { mock, client: new OpenAI({ apiKey: 'sk-test' }) }
}

describe('where the OpenAI mock ends', () => {
  test('an endpoint the mock lacks answers 501 in OpenAI’s shape; openai-node raises it without retrying', async () => {
    const { mock, client } = setup()
    const error = await client.files.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.InternalServerError)
    expect(error).toMatchObject({
      status: 501,
      code: 'understudy_unimplemented',
      type: 'invalid_request_error',
      param: null,
    })
    expect((error as Error).message).toContain('GET /v1/files')
    expect((error as Error).message).toContain('https://platform.openai.com/docs/api-reference/files')
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('x-understudy-unimplemented')).toBe(
      '1',
    )
    expect(mock.requests).toHaveLength(1)
    expect(mock.requests[0]).toMatchObject({ path: '/v1/files', status: 501, unimplemented: true })
  })

  test('images, and a method the API has on a path the mock serves (DELETE a model)', async () => {
    const { mock, client } = setup()
    await expect(client.images.generate({ model: 'gpt-image-1', prompt: 'a cat' })).rejects.toMatchObject({
      status: 501,
    })
    await expect(client.models.delete('ft:gpt-4o-mini:acme::abc')).rejects.toMatchObject({ status: 501 })
    expect((await client.models.retrieve('gpt-4o')).id).toBe('gpt-4o')
    expect(mock.requests.map((r) => r.unimplemented ?? false)).toEqual([true, true, false])
  })

  test('a path the API does not have stays its 404 Invalid URL', async () => {
    const { mock, client } = setup()
    const error = await client.get('/not-an-endpoint').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect((error as Error).message).toContain('Invalid URL (GET /v1/not-an-endpoint)')
    expect(mock.requests[0]).not.toHaveProperty('unimplemented')
  })

  test("onUnimplemented: 'warn' prints the call and its docs; 'error' fails it as a connection error", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const warned = setup({ onUnimplemented: 'warn' })
    await expect(warned.client.batches.list()).rejects.toMatchObject({ status: 501 })
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      '[understudy:openai] GET https://api.openai.com/v1/batches is GET /v1/batches (https://platform.openai.com/docs/api-reference/batch)',
    )
    server.resetHandlers()
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failing = setup({ onUnimplemented: 'error' })
    const client = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 })
    await expect(client.files.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError)
    expect(String(printed.mock.calls[0]?.[0])).toContain("onUnimplemented: 'error'")
    expect(failing.mock.requests[0]).toMatchObject({ unimplemented: true })
  })
})
