import Anthropic from '@anthropic-ai/sdk'
import { expect, test } from 'vitest'
import { describeMatrix } from './harness'

const MODEL = 'claude-haiku-4-5'
const ask = (client: Anthropic, content = 'hi') =>
  client.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content }] })

describeMatrix('Anthropic errors', (h) => {
  test.each([
    [400, Anthropic.BadRequestError, 'invalid_request_error'],
    [401, Anthropic.AuthenticationError, 'authentication_error'],
    [403, Anthropic.PermissionDeniedError, 'permission_error'],
    [404, Anthropic.NotFoundError, 'not_found_error'],
    [413, Anthropic.APIError, 'request_too_large'],
    [500, Anthropic.InternalServerError, 'api_error'],
    [529, Anthropic.InternalServerError, 'overloaded_error'],
  ])(
    'scripted %i is the SDK class with Anthropic error body and request-id',
    async (status, ErrorClass, type) => {
      h.reply({ error: { status } })
      const error = (await ask(h.client()).catch((e: unknown) => e)) as InstanceType<
        typeof Anthropic.APIError
      >
      expect(error).toBeInstanceOf(ErrorClass)
      expect(error.status).toBe(status)
      expect(error.error).toMatchObject({ type: 'error', error: { type } })
      expect(error.requestID).toMatch(/^req_/)
    },
  )

  test('429 carries retry-after and anthropic-ratelimit-* headers, and the SDK retries it', async () => {
    h.reply({ error: { status: 429, retryAfter: 0.001 } })
    h.reply({ content: 'after the retry' })
    const message = await ask(h.client({ maxRetries: 1 }))
    expect(message.content).toEqual([{ type: 'text', text: 'after the retry' }])
    const [limited, ok] = h.anthropic.calls('POST /v1/messages')
    expect(limited?.status).toBe(429)
    expect(limited?.responseHeaders).toMatchObject({
      'retry-after': '0.001',
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-tokens-limit': expect.any(String),
    })
    expect(limited?.responseBody).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } })
    expect(ok?.status).toBe(200)
  })

  test('529 overloaded is retried by the SDK like at Anthropic', async () => {
    h.reply({ error: { status: 529, retryAfter: 0.001 } })
    h.reply({ content: 'recovered' })
    const message = await ask(h.client({ maxRetries: 1 }))
    expect(message.content).toEqual([{ type: 'text', text: 'recovered' }])
    expect(h.anthropic.calls('POST /v1/messages').map((c) => c.status)).toEqual([529, 200])
  })

  test('validation: max_tokens, unknown model, bad role, missing version', async () => {
    const client = h.client()
    await expect(
      client.messages.create({ model: MODEL, messages: [{ role: 'user', content: 'x' }] } as never),
    ).rejects.toMatchObject({ status: 400, error: { error: { message: 'max_tokens: Field required' } } })
    await expect(
      client.messages.create({
        model: 'claude-9',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({
      status: 404,
      error: { error: { type: 'not_found_error', message: 'model: claude-9' } },
    })
    await expect(
      client.messages.create({
        model: MODEL,
        max_tokens: 5,
        messages: [{ role: 'system', content: 'x' }],
      } as never),
    ).rejects.toMatchObject({
      status: 400,
      error: { error: { message: "messages.0.role: Input should be 'user' or 'assistant'" } },
    })
    await expect(
      client.messages.create(
        { model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] },
        { headers: { 'anthropic-version': null } },
      ),
    ).rejects.toMatchObject({
      status: 400,
      error: { error: { message: 'anthropic-version: header is required' } },
    })
  })

  test('fail() faults answer in Anthropic shape', async () => {
    h.anthropic.fail({ path: '/v1/messages', rateLimit: { retryAfter: 0 }, partition: h.partition })
    const error = (await ask(h.client()).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>
    expect(error).toBeInstanceOf(Anthropic.RateLimitError)
    expect(error.headers?.get('anthropic-ratelimit-requests-remaining')).toBe('0')
  })
})

describeMatrix(
  'strict mode',
  (h) => {
    test('an unscripted request is a 400 naming what was asked and how to script it', async () => {
      const error = (await ask(h.client(), 'refund please').catch((e: unknown) => e)) as InstanceType<
        typeof Anthropic.APIError
      >
      expect(error.status).toBe(400)
      const message = (error.error as { error: { message: string } }).error.message
      expect(message).toContain('[understudy:anthropic] Unscripted request in strict mode')
      expect(message).toContain('last user message: "refund please"')
      expect(message).toContain('/_understudy/anthropic/replies')
    })
  },
  { strict: true },
)

test('no API key is a 401 authentication_error', async () => {
  const { createAnthropicMock } = await import('../src/index')
  const anthropic = createAnthropicMock()
  const response = await anthropic.fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: '{}',
  })
  expect(response.status).toBe(401)
  expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } })
  expect(response.headers.get('request-id')).toMatch(/^req_/)
})
