import { zodResponseFormat } from 'openai/helpers/zod'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { describeMatrix } from './harness'

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
      additionalProperties: false,
    },
    strict: true,
  },
}

describeMatrix('chat.completions', (h) => {
  test('create() answers with the scripted content and plausible usage', async () => {
    h.reply({ content: 'Hello there!' })
    const completion = await h.client().chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    })
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello there!', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
    })
    expect(completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/)
    expect(completion.usage).toMatchObject({
      completion_tokens: 3,
      total_tokens: completion.usage!.prompt_tokens + 3,
    })
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(5)
    expect(h.openai.calls('POST /v1/chat/completions')).toHaveLength(1)
  })

  test('unscripted replies are deterministic per request', async () => {
    const client = h.client()
    const ask = (content: string) =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] })
    const [a, b, c] = await Promise.all([ask('Hello'), ask('Hello'), ask('Goodbye')])
    const text = a.choices[0]!.message.content!
    expect(text).toMatch(/^[A-Z][a-z ]+\.$/)
    expect(b.choices[0]!.message.content).toBe(text)
    expect(c.choices[0]!.message.content).not.toBe(text)
  })

  test('n, max_completion_tokens and stop shape the choices', async () => {
    const client = h.client()
    const many = await client.chat.completions.create({
      model: 'gpt-4o',
      n: 3,
      messages: [{ role: 'user', content: 'Name a colour' }],
    })
    expect(many.choices.map((c) => c.index)).toEqual([0, 1, 2])
    expect(new Set(many.choices.map((c) => c.message.content)).size).toBe(3)

    h.reply({ content: 'one two three four five six seven eight' })
    const cut = await client.chat.completions.create({
      model: 'gpt-4o',
      max_completion_tokens: 2,
      messages: [{ role: 'user', content: 'Count' }],
    })
    expect(cut.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'one two ' } })
    expect(cut.usage!.completion_tokens).toBe(2)

    h.reply({ content: 'alpha. beta. END gamma' })
    const stopped = await client.chat.completions.create({
      model: 'gpt-4o',
      stop: ['END'],
      messages: [{ role: 'user', content: 'Go' }],
    })
    expect(stopped.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'alpha. beta. ' } })
  })

  test('streaming sends a role chunk, content deltas, a finish chunk, usage and [DONE]', async () => {
    h.reply({ content: 'Streaming works fine' })
    const stream = await h.client().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    const chunks = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks[0]).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      usage: null,
    })
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')
    expect(text).toBe('Streaming works fine')
    expect(chunks.length).toBeGreaterThan(4)
    expect(chunks.at(-2)!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' })
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 5 } })
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1)
    const logged = h.openai.requests.at(-1)!
    expect(logged.responseHeaders['content-type']).toContain('text/event-stream')
  })

  test('streams with n > 1 carry every choice', async () => {
    const stream = h.client().chat.completions.stream({
      model: 'gpt-4o',
      n: 2,
      messages: [{ role: 'user', content: 'Two ideas' }],
    })
    const final = await stream.finalChatCompletion()
    expect(final.choices.map((c) => c.index)).toEqual([0, 1])
    expect(final.choices.every((c) => c.finish_reason === 'stop' && c.message.content!.length > 0)).toBe(true)
  })

  test('the stream() helper assembles streamed tool calls', async () => {
    h.reply({
      content: null,
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } },
        { name: 'get_weather', arguments: { city: 'Oslo', unit: 'c' } },
      ],
    })
    const stream = h.client().chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
      tools: [weatherTool],
    })
    const final = await stream.finalChatCompletion()
    const message = final.choices[0]!.message
    expect(final.choices[0]!.finish_reason).toBe('tool_calls')
    expect(message.tool_calls).toHaveLength(2)
    expect(message.tool_calls!.map((c) => c.type === 'function' && JSON.parse(c.function.arguments))).toEqual(
      [
        { city: 'Paris', unit: 'c' },
        { city: 'Oslo', unit: 'c' },
      ],
    )
    expect(message.tool_calls![0]!.id).toMatch(/^call_[A-Za-z0-9]{24}$/)
  })

  test('a scripted agent loop: tool call, tool result, answer', async () => {
    h.openai
      .when({ lastUserMessage: /weather/i, hasToolResults: false })
      .reply(
        { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'c' } }] },
        { partition: h.partition },
      )
    h.openai
      .when({ toolResult: 'get_weather' })
      .reply({ content: 'It is 21°C in Paris.' }, { partition: h.partition })
    const client = h.client()
    const messages: Parameters<typeof client.chat.completions.create>[0]['messages'] = [
      { role: 'user', content: 'What is the weather in Paris?' },
    ]
    for (let step = 0; step < 3; step++) {
      const completion = await client.chat.completions.create({
        model: 'gpt-4o',
        messages,
        tools: [weatherTool],
      })
      const message = completion.choices[0]!.message
      messages.push(message)
      if (!message.tool_calls?.length) break
      for (const call of message.tool_calls)
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify({ temperature: 21 }) })
    }
    expect(messages.at(-1)).toMatchObject({ role: 'assistant', content: 'It is 21°C in Paris.' })
    expect(h.openai.pendingReplies(h.partition)).toEqual([])
    expect(h.openai.calls('POST /v1/chat/completions')).toHaveLength(2)
  })

  test('tool_choice required or named makes an unscripted tool call with schema-valid arguments', async () => {
    const client = h.client()
    const required = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weatherTool],
      tool_choice: 'required',
    })
    const call = required.choices[0]!.message.tool_calls![0]!
    expect(required.choices[0]!.finish_reason).toBe('tool_calls')
    const args = call.type === 'function' ? JSON.parse(call.function.arguments) : undefined
    expect(Object.keys(args).sort()).toEqual(['city', 'unit'])
    expect(['c', 'f']).toContain(args.unit)

    const auto = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weatherTool],
    })
    expect(auto.choices[0]!.message.tool_calls).toBeUndefined()
    expect(auto.choices[0]!.finish_reason).toBe('stop')
  })

  test('tool turns that do not pair up fail with 400 as the API does', async () => {
    const client = h.client()
    const error = await client.chat.completions
      .create({
        model: 'gpt-4o',
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
            ],
          },
          { role: 'user', content: 'Well?' },
        ],
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' })
    expect((error as Error).message).toContain('did not have response messages: call_1')
  })

  test('parse() with a zod response format gets JSON valid for the schema, unscripted', async () => {
    const Event = z.object({
      name: z.string(),
      date: z.string(),
      attendees: z.array(z.object({ name: z.string(), role: z.enum(['host', 'guest']) })),
      budget: z.number().nullable(),
    })
    const completion = await h.client().chat.completions.parse({
      model: 'gpt-4o-2024-08-06',
      messages: [{ role: 'user', content: 'Alice and Bob are going to a science fair on Friday.' }],
      response_format: zodResponseFormat(Event, 'event'),
    })
    const parsed = completion.choices[0]!.message.parsed
    expect(Event.parse(parsed)).toEqual(parsed)
    expect(parsed!.attendees.length).toBeGreaterThan(0)
  })

  test('parse() with string patterns gets strings that match them, unscripted', async () => {
    const Ticket = z.object({
      id: z.string().regex(/^[A-Z]{2,4}-\d{1,5}$/),
      sku: z.string().regex(/^(?:sku|item)_[a-f0-9]{8}$/),
      phone: z.string().regex(/^\+1 \(\d{3}\) \d{3}-\d{4}$/),
      code: z.string().regex(/^[^\s@]+@[a-z]+\.(com|org)$/),
      version: z.string().regex(/^v?\d+\.\d+(\.\d+)?$/),
    })
    for (const content of ['Open a ticket', 'Open another ticket', 'And one more']) {
      const completion = await h.client().chat.completions.parse({
        model: 'gpt-4o-2024-08-06',
        messages: [{ role: 'user', content }],
        response_format: zodResponseFormat(Ticket, 'ticket'),
      })
      const parsed = completion.choices[0]!.message.parsed
      expect(Ticket.safeParse(parsed).error).toBeUndefined()
    }
  })

  test('json_object replies are a JSON object', async () => {
    const completion = await h.client().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Reply in JSON' }],
      response_format: { type: 'json_object' },
    })
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ response: expect.any(String) })
  })

  test('a scripted object content is sent as JSON', async () => {
    h.reply({ content: { answer: 42 } })
    const completion = await h.client().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Answer?' }],
    })
    expect(completion.choices[0]!.message.content).toBe('{"answer":42}')
  })

  test('a refusal reply sets message.refusal', async () => {
    h.reply({ refusal: "I can't help with that." })
    const completion = await h.client().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Something bad' }],
    })
    expect(completion.choices[0]!.message).toMatchObject({
      content: null,
      refusal: "I can't help with that.",
    })
  })

  test('reasoning models refuse max_tokens and temperature like the API', async () => {
    const client = h.client()
    await expect(
      client.chat.completions.create({
        model: 'o3-mini',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'unsupported_parameter', param: 'max_tokens' })
    await expect(
      client.chat.completions.create({
        model: 'gpt-5',
        temperature: 0.2,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'unsupported_value', param: 'temperature' })
  })
})

describeMatrix('strict schemas', (h) => {
  test('a strict schema the API would refuse fails with 400 invalid_json_schema / invalid_function_parameters', async () => {
    const client = h.client()
    const loose = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a'],
      additionalProperties: false,
    }
    await expect(
      client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'x' }],
        response_format: { type: 'json_schema', json_schema: { name: 'thing', strict: true, schema: loose } },
      }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'invalid_json_schema',
      message: expect.stringContaining(
        "Invalid schema for response_format 'thing': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'b'.",
      ),
    })
    await expect(
      client.responses.create({
        model: 'gpt-4o',
        input: 'x',
        tools: [
          {
            type: 'function',
            name: 'f',
            parameters: {
              type: 'object',
              properties: { q: { type: 'object', properties: {} } },
              required: ['q'],
              additionalProperties: false,
            },
            strict: null,
          },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'invalid_function_parameters',
      message: expect.stringContaining(
        "In context=('properties', 'q'), 'additionalProperties' is required to be supplied and to be false.",
      ),
    })
    // Not strict: accepted, and the reply still follows the schema.
    const relaxed = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      response_format: { type: 'json_schema', json_schema: { name: 'thing', schema: loose } },
    })
    expect(JSON.parse(relaxed.choices[0]!.message.content!)).toMatchObject({ a: expect.any(String) })
  })
})

describeMatrix('replies queued without an API key (the server admin API with no Authorization)', (h) => {
  test('serve any partition that has no matching reply of its own; its own replies come first', async () => {
    h.openai.reply({ content: 'from the shared queue' })
    const ask = async () =>
      (
        await h
          .client()
          .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      ).choices[0]?.message.content
    if (h.partition !== 'default') {
      h.reply({ content: 'from my own queue' })
      expect(await ask()).toBe('from my own queue')
    }
    expect(await ask()).toBe('from the shared queue')
    expect(h.openai.pendingReplies('default')).toEqual([])
  })
})
