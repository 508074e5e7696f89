import Anthropic from '@anthropic-ai/sdk'
import { expect, test } from 'vitest'
import { describeMatrix } from './harness'

const MODEL = 'claude-sonnet-4-5'
const ask = (text: string, extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: text }],
  ...extra,
})

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of iterable) out.push(item)
  return out
}

describeMatrix('Message Batches with @anthropic-ai/sdk', (h) => {
  test('a batch is answered from the reply queue and when() matchers, in_progress then ended, results as JSONL', async () => {
    h.reply([{ content: 'first' }, { error: { status: 429 } }])
    h.anthropic.when({ lastUserMessage: /weather/ }).reply({ content: 'Sunny.' })
    const client = h.client()
    const created = await client.messages.batches.create({
      requests: [
        { custom_id: 'a', params: ask('hello') },
        { custom_id: 'b', params: ask('again') },
        { custom_id: 'c', params: ask('the weather?') },
        { custom_id: 'd', params: ask('who?', { model: 'claude-nope-1' }) },
      ],
    })
    expect(created).toMatchObject({
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: 4, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      results_url: null,
      cancel_initiated_at: null,
      archived_at: null,
    })
    expect(created.id).toMatch(/^msgbatch_01/)
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(86_400_000)
    expect(h.anthropic.pendingReplies(h.partition)).toEqual([]) // all three were used at creation

    const ended = await client.messages.batches.retrieve(created.id)
    expect(ended.processing_status).toBe('ended')
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 2, errored: 2, canceled: 0, expired: 0 })
    expect(ended.results_url).toMatch(new RegExp(`/v1/messages/batches/${created.id}/results$`))

    const results = await collect(await client.messages.batches.results(created.id))
    expect(results.map((r) => [r.custom_id, r.result.type])).toEqual([
      ['a', 'succeeded'],
      ['b', 'errored'],
      ['c', 'succeeded'],
      ['d', 'errored'],
    ])
    const [a, b, c, d] = results.map((r) => r.result)
    expect(a?.type === 'succeeded' && a.message.content).toEqual([{ type: 'text', text: 'first' }])
    expect(c?.type === 'succeeded' && c.message.content).toEqual([{ type: 'text', text: 'Sunny.' }])
    expect(b).toMatchObject({
      type: 'errored',
      error: { type: 'error', error: { type: 'rate_limit_error' } },
    })
    expect(d).toMatchObject({
      type: 'errored',
      error: { type: 'error', error: { type: 'not_found_error', message: 'model: claude-nope-1' } },
    })
    const [served] = h.anthropic.calls('GET /v1/messages/batches/:id/results')
    expect(served?.responseHeaders['content-type']).toBe('application/binary')
    expect(h.anthropic.calls('POST /v1/messages/batches')).toHaveLength(1)
  })

  test('refused batches name the request and field, and leave the reply queue untouched', async () => {
    h.reply({ content: 'kept' })
    const client = h.client()
    const refused = (requests: Anthropic.Messages.BatchCreateParams['requests']) =>
      client.messages.batches.create({ requests }).then(
        () => undefined,
        (error: unknown) => error,
      )
    const duplicate = await refused([
      { custom_id: 'same', params: ask('one') },
      { custom_id: 'same', params: ask('two') },
    ])
    expect(duplicate).toBeInstanceOf(Anthropic.BadRequestError)
    expect((duplicate as InstanceType<typeof Anthropic.BadRequestError>).message).toMatch(
      /requests\.1\.custom_id: Duplicate custom_id "same"/,
    )

    const missing = (await refused([
      { custom_id: 'ok', params: ask('one') },
      { custom_id: 'bad', params: { model: MODEL, messages: [{ role: 'user', content: 'x' }] } as never },
    ])) as InstanceType<typeof Anthropic.BadRequestError>
    expect(missing.status).toBe(400)
    expect(missing.error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'requests.1.params.max_tokens: Field required' },
    })

    const long = (await refused([{ custom_id: 'x'.repeat(65), params: ask('one') }])) as InstanceType<
      typeof Anthropic.BadRequestError
    >
    expect(long.message).toMatch(/requests\.0\.custom_id: String should have at most 64 characters/)
    const empty = (await refused([])) as InstanceType<typeof Anthropic.BadRequestError>
    expect(empty.message).toMatch(/requests: List should have at least 1 item/)
    const tooMany = (await refused(
      Array.from({ length: 100_001 }, (_, i) => ({ custom_id: `r${i}`, params: {} as never })),
    )) as InstanceType<typeof Anthropic.BadRequestError>
    expect(tooMany.message).toMatch(
      /requests: List should have at most 100000 items after validation, not 100001/,
    )

    expect(h.anthropic.pendingReplies(h.partition)).toHaveLength(1)
    expect(await client.messages.batches.list().then((page) => page.data)).toEqual([])
  })

  test('list is newest first and auto-paginates with after_id; before_id pages back', async () => {
    const client = h.client()
    const ids: string[] = []
    for (const n of [1, 2, 3, 4, 5])
      ids.push(
        (await client.messages.batches.create({ requests: [{ custom_id: `n${n}`, params: ask(`${n}`) }] }))
          .id,
      )
    const newestFirst = [...ids].reverse()

    const first = await client.messages.batches.list({ limit: 2 })
    expect(first.data.map((b) => b.id)).toEqual(newestFirst.slice(0, 2))
    expect(first).toMatchObject({ has_more: true, first_id: newestFirst[0], last_id: newestFirst[1] })
    expect(first.data[0]?.processing_status).toBe('ended')

    const all: string[] = []
    for await (const batch of client.messages.batches.list({ limit: 2 })) all.push(batch.id)
    expect(all).toEqual(newestFirst)
    expect(h.anthropic.calls('GET /v1/messages/batches').map((c) => c.query)).toEqual([
      { limit: '2' },
      { limit: '2' },
      { limit: '2', after_id: newestFirst[1] },
      { limit: '2', after_id: newestFirst[3] },
    ])

    const back = await client.messages.batches.list({ limit: 2, before_id: newestFirst[4]! })
    expect(back.data.map((b) => b.id)).toEqual(newestFirst.slice(2, 4))
    expect(back.has_more).toBe(true)
    const backAll: string[] = []
    for await (const batch of client.messages.batches.list({ limit: 2, before_id: newestFirst[4]! }))
      backAll.push(batch.id)
    expect(backAll.sort()).toEqual(newestFirst.slice(0, 4).sort())
  })

  test('an unknown batch is a 404 not_found_error', async () => {
    const error = await h
      .client()
      .messages.batches.retrieve('msgbatch_01nope')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Anthropic.NotFoundError)
    expect((error as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      error: { type: 'not_found_error', message: 'message_batch: msgbatch_01nope' },
    })
  })
})

describeMatrix(
  'Message Batches on the mock clock (batchProcessingMs)',
  (h) => {
    test('a batch stays in_progress until the clock reaches its processing time', async () => {
      const client = h.client()
      h.reply({ content: 'done' })
      const batch = await client.messages.batches.create({
        requests: [{ custom_id: 'only', params: ask('go') }],
      })
      expect((await client.messages.batches.retrieve(batch.id)).processing_status).toBe('in_progress')
      await expect(client.messages.batches.results(batch.id)).rejects.toThrow(/No batch `results_url`/)
      const early = await client.messages.batches.delete(batch.id).catch((e: unknown) => e)
      expect(early).toBeInstanceOf(Anthropic.BadRequestError)

      h.anthropic.clock.advance(60_000)
      const ended = await client.messages.batches.retrieve(batch.id)
      expect(ended).toMatchObject({
        processing_status: 'ended',
        ended_at: new Date(Date.parse(batch.created_at) + 60_000).toISOString(),
        request_counts: { succeeded: 1, processing: 0 },
      })
      const [line] = await collect(await client.messages.batches.results(batch.id))
      expect(line).toMatchObject({
        custom_id: 'only',
        result: { type: 'succeeded', message: { type: 'message' } },
      })
    })

    test('cancel answers canceling, the batch then ends with its requests canceled, and delete removes it', async () => {
      const client = h.client()
      const batch = await client.messages.batches.create({
        requests: [
          { custom_id: 'one', params: ask('1') },
          { custom_id: 'two', params: ask('2') },
        ],
      })
      const canceling = await client.messages.batches.cancel(batch.id)
      expect(canceling).toMatchObject({
        processing_status: 'canceling',
        request_counts: { processing: 2 },
        cancel_initiated_at: batch.created_at,
      })
      const ended = await client.messages.batches.retrieve(batch.id)
      expect(ended).toMatchObject({
        processing_status: 'ended',
        request_counts: { processing: 0, succeeded: 0, canceled: 2 },
      })
      const lines = await collect(await client.messages.batches.results(batch.id))
      expect(lines).toEqual([
        { custom_id: 'one', result: { type: 'canceled' } },
        { custom_id: 'two', result: { type: 'canceled' } },
      ])
      await expect(client.messages.batches.cancel(batch.id)).rejects.toBeInstanceOf(Anthropic.BadRequestError)
      expect(await client.messages.batches.delete(batch.id)).toEqual({
        id: batch.id,
        type: 'message_batch_deleted',
      })
      await expect(client.messages.batches.retrieve(batch.id)).rejects.toBeInstanceOf(Anthropic.NotFoundError)
    })
  },
  { batchProcessingMs: 60_000, clock: { now: '2026-01-01T00:00:00Z' } },
)
