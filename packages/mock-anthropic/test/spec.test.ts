import { type OpenApiSubset, openApiCheck } from '@understudy/test-utils/openapi-check'
import { expect, test } from 'vitest'
import subset from '../spec/openapi-subset.json' with { type: 'json' }
import { describeMatrix } from './harness'

// Anthropic's published OpenAPI document (see spec/openapi-subset.json's x-source): the mock's bodies
// must have its shapes, field names, enums and required fields. That copy predates models,
// thinking blocks and `ping` in its stream-event union, so those are checked by the SDK's types only.
const spec = openApiCheck(subset as OpenApiSubset)
const MODEL = 'claude-sonnet-4-5'
const ask = (content: string) => ({
  model: MODEL,
  max_tokens: 64,
  messages: [{ role: 'user' as const, content }],
})
const weather = {
  name: 'get_weather',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
}

test('the checker refuses what the spec does not allow', () => {
  expect(spec.errors('Message', { type: 'message', role: 'user', content: [{ type: 'text' }] })).not.toEqual(
    [],
  )
  expect(
    spec.errors('ErrorResponse', { type: 'error', error: { type: 'teapot_error', message: 'x' } }),
  ).not.toEqual([])
})

describeMatrix('responses match Anthropic’s OpenAPI schemas', (h) => {
  test('messages (text, tool_use, stop_sequence, max_tokens) are Message', async () => {
    h.reply([
      { content: 'Hello there' },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { content: 'one STOP two' },
      { content: 'x'.repeat(400) },
    ])
    const client = h.client()
    await client.messages.create(ask('hi'))
    await client.messages.create({ ...ask('weather?'), tools: [weather] })
    await client.messages.create({ ...ask('count'), stop_sequences: ['STOP'] })
    await client.messages.create({ ...ask('long'), max_tokens: 3 })
    const bodies = h.anthropic.calls('POST /v1/messages').map((c) => c.responseBody)
    expect(bodies.map((b) => (b as { stop_reason: string }).stop_reason)).toEqual([
      'end_turn',
      'tool_use',
      'stop_sequence',
      'max_tokens',
    ])
    for (const body of bodies) spec.expectValid('Message', body)
  })

  test('every streamed event (text and tool_use) is a MessageStreamEvent', async () => {
    h.reply([
      { content: 'Streaming words here' },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] },
    ])
    const client = h.client()
    const streamed: Array<{ type: string }> = []
    for (const params of [ask('hi'), { ...ask('weather?'), tools: [weather] }])
      for await (const event of await client.messages.create({ ...params, stream: true }))
        streamed.push(event)
    expect(new Set(streamed.map((e) => e.type))).toEqual(
      new Set([
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]),
    )
    for (const event of streamed) spec.expectValid('MessageStreamEvent', event)
  })

  test('count_tokens is a CountMessageTokensResponse', async () => {
    await h.client().messages.countTokens(ask('count me'))
    spec.expectValid(
      'BetaCountMessageTokensResponse',
      h.anthropic.calls('POST /v1/messages/count_tokens')[0]?.responseBody,
    )
  })

  test('errors (400, 401, 404, 429, 500, 529) are ErrorResponse', async () => {
    for (const status of [401, 429, 500, 529]) h.reply({ error: { status } })
    const client = h.client()
    for (let i = 0; i < 4; i++) await client.messages.create(ask('x')).catch(() => undefined)
    await client.messages.create({ ...ask('x'), model: 'claude-nope' }).catch(() => undefined)
    await client.messages.create({ ...ask('x'), max_tokens: 0 }).catch(() => undefined)
    const errors = h.anthropic.calls('POST /v1/messages')
    expect(errors.map((c) => c.status)).toEqual([401, 429, 500, 529, 404, 400])
    for (const call of errors) spec.expectValid('ErrorResponse', call.responseBody)
  })

  test('batches (create, retrieve, list, cancel, results lines, errors) match the batch schemas', async () => {
    h.reply([{ content: 'ok' }, { error: { status: 429 } }])
    const client = h.client()
    const batch = await client.messages.batches.create({
      requests: [
        { custom_id: 'a', params: ask('1') },
        { custom_id: 'b', params: ask('2') },
        { custom_id: 'c', params: { ...ask('3'), model: 'claude-nope' } },
      ],
    })
    await client.messages.batches.retrieve(batch.id)
    await client.messages.batches.list()
    const results = []
    for await (const line of await client.messages.batches.results(batch.id)) results.push(line)
    await client.messages.batches.cancel(batch.id).catch(() => undefined)
    await client.messages.batches.create({ requests: [] }).catch(() => undefined)
    spec.expectValid('BetaMessageBatch', h.anthropic.calls('POST /v1/messages/batches')[0]?.responseBody)
    spec.expectValid('BetaMessageBatch', h.anthropic.calls('GET /v1/messages/batches/:id')[0]?.responseBody)
    spec.expectValid(
      'BetaListResponse_MessageBatch_',
      h.anthropic.calls('GET /v1/messages/batches')[0]?.responseBody,
    )
    expect(results.map((r) => r.result.type)).toEqual(['succeeded', 'errored', 'errored'])
    for (const line of results) spec.expectValid('BetaMessageBatchIndividualResponse', line)
    for (const refused of h.anthropic.calls({ status: 400 }))
      spec.expectValid('BetaErrorResponse', refused.responseBody)
    expect(h.anthropic.calls({ status: 400 })).toHaveLength(2)
  })
})
