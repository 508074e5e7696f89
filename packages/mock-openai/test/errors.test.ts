import OpenAI from 'openai'
import { expect, test } from 'vitest'
import { describeMatrix } from './harness'

const ask = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] }

describeMatrix('errors', (h) => {
  test('a request without an API key gets 401 AuthenticationError', async () => {
    // `Authorization: null` makes openai-node leave the header out, like a client with no key.
    const client = h.client({ defaultHeaders: { Authorization: null } })
    const error = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
    expect(error).toMatchObject({ status: 401, type: 'invalid_request_error', code: null })
    expect((error as Error).message).toContain("You didn't provide an API key")
  })

  test('a key that is not an OpenAI key gets 401 invalid_api_key', async () => {
    const error = await h
      .client({ apiKey: 'not-a-key-1234' })
      .chat.completions.create(ask)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError)
    expect(error).toMatchObject({ code: 'invalid_api_key' })
    expect((error as Error).message).toContain('Incorrect API key provided: not*******1234')
  })

  test('an unknown model gets 404 model_not_found', async () => {
    const error = await h
      .client()
      .chat.completions.create({ ...ask, model: 'gpt-9' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' })
    await expect(h.client().models.retrieve('gpt-9')).rejects.toBeInstanceOf(OpenAI.NotFoundError)
  })

  test('a prompt over the context window gets 400 context_length_exceeded', async () => {
    h.openai.seed({ models: [{ id: 'tiny-model', contextWindow: 50 }] }, { partition: h.partition })
    const client = h.client()
    const error = await client.chat.completions
      .create({ model: 'tiny-model', messages: [{ role: 'user', content: 'word '.repeat(100) }] })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error).toMatchObject({ code: 'context_length_exceeded', param: 'messages' })
    expect((error as Error).message).toContain("This model's maximum context length is 50 tokens")
    await expect(
      client.responses.create({ model: 'tiny-model', input: 'word '.repeat(100) }),
    ).rejects.toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'input' })
  })

  test('scripted errors raise the typed errors, with request ids', async () => {
    h.reply([
      { error: { status: 429 } },
      { error: { status: 500 } },
      { error: { status: 503, message: 'Overloaded' } },
      { error: { status: 400, message: 'Bad request', param: 'messages', code: 'invalid_value' } },
    ])
    const client = h.client()
    const rate = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(rate).toBeInstanceOf(OpenAI.RateLimitError)
    expect(rate).toMatchObject({ status: 429, type: 'requests', code: 'rate_limit_exceeded' })
    const headers = (rate as InstanceType<typeof OpenAI.RateLimitError>).headers
    expect(headers.get('retry-after')).toBe('1')
    expect(headers.get('x-ratelimit-limit-requests')).toBe('10000')
    expect(headers.get('x-ratelimit-remaining-requests')).toBe('0')
    expect(headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(ms|s)$/)
    expect((rate as { requestID?: string }).requestID).toMatch(/^req_[0-9a-f]{32}$/)

    const server = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(server).toBeInstanceOf(OpenAI.InternalServerError)
    expect(server).toMatchObject({ status: 500, type: 'server_error' })
    const overloaded = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(overloaded).toMatchObject({ status: 503, message: '503 Overloaded' })
    const bad = await client.chat.completions.create(ask).catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError)
    expect(bad).toMatchObject({ param: 'messages', code: 'invalid_value' })
  })

  test('maxRetries: 2 retries a 429 and then succeeds', async () => {
    h.reply([{ error: { status: 429, retryAfter: 0 } }, { content: 'Made it' }])
    const completion = await h.client({ maxRetries: 2 }).chat.completions.create(ask)
    expect(completion.choices[0]!.message.content).toBe('Made it')
    expect(h.openai.requests.map((r) => r.status)).toEqual([429, 200])
    expect(h.openai.requests[1]!.headers['x-stainless-retry-count']).toBe('1')
  })

  test('model responses carry x-ratelimit-*, x-request-id and openai-processing-ms', async () => {
    const { openai } = h
    openai.clock.freeze('2026-01-01T00:00:00Z')
    try {
      const { response } = await h.client().chat.completions.create(ask).withResponse()
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9999')
      expect(response.headers.get('x-ratelimit-reset-requests')).toBe('6ms')
      expect(response.headers.get('openai-processing-ms')).toMatch(/^\d+$/)
      expect(response.headers.get('x-request-id')).toMatch(/^req_/)
    } finally {
      openai.clock.unfreeze()
    }
  })

  test('fail() injects OpenAI-shaped faults', async () => {
    h.openai.fail({ path: '/v1/chat/completions', status: 503 })
    await expect(h.client().chat.completions.create(ask)).rejects.toBeInstanceOf(OpenAI.InternalServerError)
    h.openai.fail({ path: '/v1/chat/completions', rateLimit: { retryAfter: 3 } })
    const error = await h
      .client()
      .chat.completions.create(ask)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('3')
  })

  test('unknown paths answer Invalid URL', async () => {
    const error = await h
      .client()
      .get('/nope')
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 404, message: '404 Invalid URL (GET /v1/nope)' })
  })
})

describeMatrix(
  'strict mode',
  (h) => {
    test('an unscripted request fails with a message listing what was asked', async () => {
      h.openai.when({ lastUserMessage: 'refund' }).reply({ content: 'ok' }, { partition: h.partition })
      const error = await h
        .client()
        .chat.completions.create({
          model: 'gpt-4o',
          messages: [
            { role: 'system', content: 'You are a support agent.' },
            { role: 'user', content: 'Where is my parcel?' },
          ],
          tools: [
            {
              type: 'function',
              function: { name: 'track_parcel', parameters: { type: 'object', properties: {} } },
            },
          ],
        })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.BadRequestError)
      expect(error).toMatchObject({ code: 'understudy_unscripted_request' })
      const message = (error as Error).message
      expect(message).toContain('Unscripted request in strict mode')
      expect(message).toContain('last user message: "Where is my parcel?"')
      expect(message).toContain('system: "You are a support agent."')
      expect(message).toContain('tools offered: track_parcel')
      expect(message).toContain('when { lastUserMessage: "refund" }')
      expect(message).toContain('openai.reply(')
      // Embeddings stay deterministic in strict mode: there is nothing to script.
      await expect(
        h.client().embeddings.create({ model: 'text-embedding-3-small', input: 'x' }),
      ).resolves.toBeDefined()
    })
  },
  { strict: true },
)

describeMatrix(
  'rate limits',
  (h) => {
    test('going over requests per minute answers 429 until the window refills', async () => {
      h.openai.clock.freeze('2026-01-01T00:00:00Z')
      try {
        const client = h.client()
        await client.chat.completions.create(ask)
        await client.chat.completions.create(ask)
        const error = await client.chat.completions.create(ask).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(OpenAI.RateLimitError)
        expect((error as Error).message).toContain('on requests per min (RPM): Limit 2')
        expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('30')
        h.openai.clock.advance(30_000)
        await expect(client.chat.completions.create(ask)).resolves.toBeDefined()
      } finally {
        h.openai.clock.unfreeze()
      }
    })
  },
  { rateLimits: { requestsPerMinute: 2 } },
)
