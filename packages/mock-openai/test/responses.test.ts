import { zodTextFormat } from 'openai/helpers/zod'
import type { ResponseStreamEvent } from 'openai/resources/responses/responses'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { describeMatrix } from './harness'

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
}

describeMatrix('responses', (h) => {
  test('create() with text input and instructions', async () => {
    h.openai.when({ system: 'pirate' }).reply({ content: 'Arr, hello!' }, { partition: h.partition })
    const response = await h.client().responses.create({
      model: 'gpt-4.1',
      instructions: 'Talk like a pirate.',
      input: 'Say hello',
    })
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-4.1-2025-04-14',
      instructions: 'Talk like a pirate.',
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Arr, hello!' }],
        },
      ],
      usage: { output_tokens: 3 },
    })
    expect(response.output_text).toBe('Arr, hello!')
    expect(response.id).toMatch(/^resp_[A-Za-z0-9]{48}$/)
  })

  test('function calls, function_call_output and previous_response_id carry the conversation', async () => {
    h.openai
      .when({ hasToolResults: false })
      .reply(
        { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
        { partition: h.partition },
      )
    h.openai
      .when({ toolResult: 'get_weather', lastUserMessage: 'Paris' })
      .reply({ content: 'Sunny, 24°C.' }, { partition: h.partition })
    const client = h.client()
    const first = await client.responses.create({
      model: 'gpt-4o',
      input: 'Weather in Paris?',
      tools: [weatherTool],
    })
    const call = first.output[0]!
    expect(call).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      status: 'completed',
    })
    if (call.type !== 'function_call') throw new Error('expected a function call')

    const second = await client.responses.create({
      model: 'gpt-4o',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '{"temp":24}' }],
      tools: [weatherTool],
    })
    expect(second.output_text).toBe('Sunny, 24°C.')
    expect(second.previous_response_id).toBe(first.id)
    // The chain counts: the second turn's input holds the whole conversation.
    expect(second.usage!.input_tokens).toBeGreaterThan(first.usage!.input_tokens)

    const retrieved = await client.responses.retrieve(second.id)
    expect(retrieved.output_text).toBe('Sunny, 24°C.')
    const items = await client.responses.inputItems.list(second.id, { order: 'asc' })
    expect(items.data).toMatchObject([{ type: 'function_call_output', call_id: call.call_id }])
  })

  test('a turn that leaves a function call unanswered fails with 400', async () => {
    h.reply({ toolCalls: [{ name: 'get_weather' }] })
    const client = h.client()
    const first = await client.responses.create({ model: 'gpt-4o', input: 'Weather?', tools: [weatherTool] })
    await expect(
      client.responses.create({ model: 'gpt-4o', previous_response_id: first.id, input: 'Never mind' }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('No tool output found for function call'),
    })
    await expect(
      client.responses.create({ model: 'gpt-4o', previous_response_id: 'resp_missing', input: 'Hi' }),
    ).rejects.toMatchObject({ status: 400, code: 'previous_response_not_found' })
    await expect(client.responses.retrieve('resp_missing')).rejects.toMatchObject({ status: 404 })
  })

  test('stream() emits the full event sequence and a final response', async () => {
    h.reply({ content: 'Hello from the stream' })
    const stream = h.client().responses.stream({ model: 'gpt-4o', input: 'Hi' })
    const types: string[] = []
    let snapshot = ''
    stream.on('event', (event) => types.push(event.type))
    stream.on('response.output_text.delta', (event) => {
      snapshot = event.snapshot
    })
    const final = await stream.finalResponse()
    expect(final.output_text).toBe('Hello from the stream')
    expect(snapshot).toBe('Hello from the stream')
    expect(types[0]).toBe('response.created')
    expect(types[1]).toBe('response.in_progress')
    expect(types.filter((t) => t !== 'response.output_text.delta')).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
  })

  test('create({ stream: true }) streams function call arguments', async () => {
    h.reply({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] })
    const stream = await h
      .client()
      .responses.create({ model: 'gpt-4o', input: 'Rome?', tools: [weatherTool], stream: true })
    const events: ResponseStreamEvent[] = []
    for await (const event of stream) events.push(event)
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i))
    const deltas = events.filter((e) => e.type === 'response.function_call_arguments.delta')
    expect(deltas.map((e) => e.delta).join('')).toBe('{"city":"Rome"}')
    expect(events.find((e) => e.type === 'response.function_call_arguments.done')).toMatchObject({
      arguments: '{"city":"Rome"}',
      output_index: 0,
    })
    expect(events.at(-1)).toMatchObject({ type: 'response.completed', response: { status: 'completed' } })
  })

  test('parse() with text.format json_schema returns schema-valid output, unscripted', async () => {
    const Recipe = z.object({
      title: z.string(),
      servings: z.number().int(),
      steps: z.array(z.object({ order: z.number().int(), text: z.string() })),
      difficulty: z.enum(['easy', 'medium', 'hard']),
    })
    const response = await h.client().responses.parse({
      model: 'gpt-4o',
      input: 'A pancake recipe',
      text: { format: zodTextFormat(Recipe, 'recipe') },
    })
    expect(Recipe.parse(response.output_parsed)).toEqual(response.output_parsed)
  })

  test('max_output_tokens truncates into an incomplete response', async () => {
    h.reply({ content: 'a'.repeat(200) })
    const response = await h
      .client()
      .responses.create({ model: 'gpt-4o', input: 'Long', max_output_tokens: 16 })
    expect(response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    })
    expect(response.output_text).toHaveLength(64)
    await expect(
      h.client().responses.create({ model: 'gpt-4o', input: 'x', max_output_tokens: 5 }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'integer_below_min_value',
    })
  })

  test('store: false responses are not kept; delete removes stored ones', async () => {
    const client = h.client()
    const unstored = await client.responses.create({ model: 'gpt-4o', input: 'hi', store: false })
    await expect(client.responses.retrieve(unstored.id)).rejects.toMatchObject({ status: 404 })
    const kept = await client.responses.create({ model: 'gpt-4o', input: 'hi' })
    await client.responses.delete(kept.id)
    await expect(client.responses.retrieve(kept.id)).rejects.toMatchObject({ status: 404 })
  })

  test('stream({ response_id }) replays a stored response; refusals stream too', async () => {
    h.reply({ refusal: 'I cannot do that.' })
    const client = h.client()
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Do the bad thing' })
    expect(created.output[0]).toMatchObject({
      type: 'message',
      content: [{ type: 'refusal', refusal: 'I cannot do that.' }],
    })
    const replay = client.responses.stream({ response_id: created.id })
    const final = await replay.finalResponse()
    expect(final.id).toBe(created.id)
    expect(final.output).toMatchObject(created.output)
  })

  test('one queue serves Chat Completions and Responses in order', async () => {
    h.reply([{ content: 'first' }, { content: 'second' }])
    const client = h.client()
    const chat = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'a' }],
    })
    const response = await client.responses.create({ model: 'gpt-4o', input: 'b' })
    expect(chat.choices[0]!.message.content).toBe('first')
    expect(response.output_text).toBe('second')
  })
})
