import { mount, type StartedServer, startServer } from '@understudy/core'
import { setupServer } from 'msw/node'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createOpenAIMock, type OpenAIMock } from '../src/index'

const SECRET = 'whsec_dGVzdA=='

interface Received {
  body: string
  headers: Record<string, string>
}

for (const mode of ['in-process', 'http'] as const) {
  describe(`background responses and webhooks (${mode})`, () => {
    const received: Received[] = []
    let receiver: StartedServer
    let openai: OpenAIMock
    let api: StartedServer | undefined
    let server: ReturnType<typeof setupServer> | undefined
    let client: (options?: ConstructorParameters<typeof OpenAI>[0]) => OpenAI

    beforeAll(async () => {
      receiver = await startServer(async (request) => {
        received.push({ body: await request.text(), headers: Object.fromEntries(request.headers) })
        return new Response(null, { status: 204 })
      })
      openai = createOpenAIMock({
        webhooks: [{ url: `${receiver.url}/hooks/openai`, secret: SECRET }],
        ...(mode === 'http' ? { partitionBy: 'credential' as const } : {}),
      })
      if (mode === 'in-process') {
        server = setupServer(...openai.handlers)
        server.listen({ onUnhandledFrame: 'error' })
        client = (options) =>
          new OpenAI({ apiKey: 'sk-test', maxRetries: 0, webhookSecret: SECRET, ...options })
      } else {
        api = await startServer(mount([{ prefix: '/openai', target: openai }]))
        client = (options) =>
          new OpenAI({
            apiKey: 'sk-test',
            maxRetries: 0,
            webhookSecret: SECRET,
            baseURL: `${api!.url}/openai/v1`,
            ...options,
          })
      }
    })
    afterAll(async () => {
      server?.close()
      await api?.close()
      await receiver.close()
    })
    beforeEach(() => {
      openai.reset()
      received.length = 0
    })

    test('a background response completes and sends response.completed, verifiable with webhooks.unwrap', async () => {
      const partition = mode === 'http' ? 'sk-test' : 'default'
      openai.reply({ content: 'Done in the background' }, { partition })
      const sdk = client()
      const created = await sdk.responses.create({ model: 'gpt-4o', input: 'Work on it', background: true })
      expect(created).toMatchObject({ status: 'queued', background: true, output: [] })
      const done = await sdk.responses.retrieve(created.id)
      expect(done).toMatchObject({ status: 'completed', output_text: 'Done in the background' })

      await openai.webhooks.settled()
      expect(received).toHaveLength(1)
      const [delivery] = received
      expect(delivery!.headers).toMatchObject({
        'content-type': 'application/json',
        'webhook-id': expect.stringMatching(/^wh_/),
        'webhook-signature': expect.stringMatching(/^v1,/),
      })
      const event = await sdk.webhooks.unwrap(delivery!.body, delivery!.headers)
      expect(event).toMatchObject({ type: 'response.completed', object: 'event', data: { id: created.id } })
      await expect(sdk.webhooks.unwrap(delivery!.body, delivery!.headers, 'whsec_b3RoZXI=')).rejects.toThrow(
        /signature/,
      )
      expect(openai.webhooks.deliveries[0]).toMatchObject({
        status: 'delivered',
        event: 'response.completed',
      })
    })

    test('a scripted error fails the background response and sends response.failed', async () => {
      const partition = mode === 'http' ? 'sk-test' : 'default'
      openai.reply({ error: { status: 500, message: 'Model crashed' } }, { partition })
      const sdk = client()
      const created = await sdk.responses.create({ model: 'gpt-4o', input: 'x', background: true })
      const failed = await sdk.responses.retrieve(created.id)
      expect(failed).toMatchObject({ status: 'failed', error: { message: 'Model crashed' } })
      await openai.webhooks.settled()
      expect(JSON.parse(received[0]!.body)).toMatchObject({
        type: 'response.failed',
        data: { id: created.id },
      })
    })
  })
}

describe('background: manual', () => {
  const openai = createOpenAIMock({
    background: 'manual',
    webhooks: {
      endpoints: [{ url: 'https://hooks.example.test/openai', secret: SECRET }],
      transport: async () => new Response(null),
    },
  })
  const server = setupServer(...openai.handlers)
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterAll(() => server.close())
  beforeEach(() => openai.reset())

  test('stays queued until finishBackground(), or is cancelled', async () => {
    const sdk = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 })
    const first = await sdk.responses.create({ model: 'gpt-4o', input: 'a', background: true })
    const second = await sdk.responses.create({ model: 'gpt-4o', input: 'b', background: true })
    expect((await sdk.responses.retrieve(first.id)).status).toBe('queued')
    expect(openai.finishBackground({ id: first.id })).toBe(1)
    expect((await sdk.responses.retrieve(first.id)).status).toBe('completed')
    const cancelled = await sdk.responses.cancel(second.id)
    expect(cancelled.status).toBe('cancelled')
    await openai.webhooks.settled()
    expect(openai.webhooks.deliveries.map((d) => d.event)).toEqual([
      'response.completed',
      'response.cancelled',
    ])
  })
})
