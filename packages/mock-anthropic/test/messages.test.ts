import Anthropic from '@anthropic-ai/sdk'
import { expect, test } from 'vitest'
import { describeMatrix } from './harness'

const MODEL = 'claude-sonnet-4-5'
const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

describeMatrix('Messages API with @anthropic-ai/sdk', (h) => {
  test('a scripted reply comes back as a text block, with usage and the request logged at /v1/messages', async () => {
    h.reply({ content: 'Hello from the mock' })
    const message = await h.client().messages.create({
      model: MODEL,
      max_tokens: 256,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Say hello' }],
    })
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the mock' }])
    expect(message.stop_reason).toBe('end_turn')
    expect(message.id).toMatch(/^msg_01/)
    expect(message.model).toBe('claude-sonnet-4-5-20250929')
    expect(message.usage).toMatchObject({
      output_tokens: 5,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    })
    expect(message.usage.input_tokens).toBeGreaterThan(0)
    const [logged] = h.anthropic.calls('POST /v1/messages')
    expect(logged?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(logged?.responseHeaders['request-id']).toMatch(/^req_/)
  })

  test('unscripted replies are deterministic; images and documents are accepted', async () => {
    const ask = () =>
      h.client().messages.create({
        model: MODEL,
        max_tokens: 256,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
              { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'A memo.' } },
              { type: 'text', text: 'Describe these.' },
            ],
          },
        ],
      })
    const [a, b] = [await ask(), await ask()]
    expect(a.content[0]).toMatchObject({ type: 'text' })
    expect(a.content).toEqual(b.content)
    expect(a.usage.input_tokens).toBeGreaterThan(2000)
  })

  test('stop_sequences and max_tokens cut the text with the matching stop_reason', async () => {
    h.reply([{ content: 'one two STOP three' }, { content: 'a'.repeat(100) }])
    const stopped = await h.client().messages.create({
      model: MODEL,
      max_tokens: 256,
      stop_sequences: ['STOP'],
      messages: [{ role: 'user', content: 'count' }],
    })
    expect(stopped).toMatchObject({
      content: [{ type: 'text', text: 'one two ' }],
      stop_reason: 'stop_sequence',
      stop_sequence: 'STOP',
    })
    const cut = await h.client().messages.create({
      model: MODEL,
      max_tokens: 5,
      messages: [{ role: 'user', content: 'write' }],
    })
    expect(cut).toMatchObject({
      content: [{ type: 'text', text: 'a'.repeat(20) }],
      stop_reason: 'max_tokens',
    })
  })

  test('a tool loop: tool_use blocks, then tool_result turns matched by toolResult', async () => {
    h.reply({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    h.anthropic
      .when({ toolResult: 'get_weather' })
      .reply({ content: 'Sunny in Paris.' }, { partition: h.partition })
    const client = h.client()
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }]
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 256,
      tools: [weatherTool],
      messages,
    })
    expect(first.stop_reason).toBe('tool_use')
    const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')!
    expect(use).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } })
    expect(use.id).toMatch(/^toolu_/)
    messages.push(
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '{"temp":21}' }] },
    )
    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 256,
      tools: [weatherTool],
      messages,
    })
    expect(second.content).toEqual([{ type: 'text', text: 'Sunny in Paris.' }])
  })

  test('a tool_use without its tool_result is the API 400', async () => {
    await expect(
      h.client().messages.create({
        model: MODEL,
        max_tokens: 256,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_01abc', name: 'get_weather', input: {} }],
          },
          { role: 'user', content: 'well?' },
        ],
      }),
    ).rejects.toMatchObject({
      status: 400,
      error: {
        type: 'error',
        error: { type: 'invalid_request_error', message: expect.stringContaining('toolu_01abc') },
      },
    })
  })

  test('tool_choice: tool forces that tool with schema-valid input; none never calls one', async () => {
    const forced = await h.client().messages.create({
      model: MODEL,
      max_tokens: 256,
      tools: [weatherTool],
      tool_choice: { type: 'tool', name: 'get_weather' },
      messages: [{ role: 'user', content: 'Anything' }],
    })
    expect(forced.stop_reason).toBe('tool_use')
    expect(forced.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: expect.any(String) },
    })
    const any = await h.client().messages.create({
      model: MODEL,
      max_tokens: 256,
      tools: [weatherTool],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Anything' }],
    })
    expect(any.stop_reason).toBe('tool_use')
    const none = await h.client().messages.create({
      model: MODEL,
      max_tokens: 256,
      tools: [weatherTool],
      tool_choice: { type: 'none' },
      messages: [{ role: 'user', content: 'Anything' }],
    })
    expect(none.stop_reason).toBe('end_turn')
  })

  test('extended thinking: a signed thinking block before the answer; budget checked', async () => {
    h.reply({ content: 'Forty-two.' })
    const message = await h.client().messages.create({
      model: MODEL,
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'The answer?' }],
    })
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: expect.any(String),
      signature: expect.any(String),
    })
    expect(message.content[1]).toEqual({ type: 'text', text: 'Forty-two.' })
    await expect(
      h.client().messages.create({
        model: MODEL,
        max_tokens: 1024,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 400 })
  })

  test('structured outputs: output_config.format gets JSON valid for its schema', async () => {
    const message = await h.client().messages.create({
      model: MODEL,
      max_tokens: 512,
      messages: [{ role: 'user', content: 'Classify' }],
      output_config: {
        format: {
          type: 'json_schema',
          schema: {
            type: 'object',
            properties: { label: { type: 'string', enum: ['bug', 'feature'] }, score: { type: 'integer' } },
            required: ['label', 'score'],
            additionalProperties: false,
          },
        },
      },
    } as Anthropic.MessageCreateParamsNonStreaming)
    const block = message.content[0] as Anthropic.TextBlock
    const parsed = JSON.parse(block.text)
    expect(['bug', 'feature']).toContain(parsed.label)
    expect(Number.isInteger(parsed.score)).toBe(true)
  })

  test('prompt caching: a cache_control prefix is written once, then read', async () => {
    const long = 'lorem ipsum '.repeat(500)
    const ask = () =>
      h.client().messages.create({
        model: MODEL,
        max_tokens: 64,
        system: [{ type: 'text', text: long, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'hi' }],
      })
    const first = await ask()
    const second = await ask()
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1024)
    expect(first.usage.cache_read_input_tokens).toBe(0)
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens)
    expect(second.usage.cache_creation_input_tokens).toBe(0)
  })

  test('streaming sends Anthropic event sequence and the SDK assembles the message', async () => {
    h.reply({
      content: 'Streaming works fine',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
    })
    const stream = h.client().messages.stream({
      model: MODEL,
      max_tokens: 256,
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'go' }],
    })
    const types: string[] = []
    stream.on('streamEvent', (event) =>
      types.push(event.type === 'content_block_delta' ? event.delta.type : event.type),
    )
    const message = await stream.finalMessage()
    expect(message.content).toEqual([
      { type: 'text', text: 'Streaming works fine' },
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_/),
        name: 'get_weather',
        input: { city: 'Oslo' },
      },
    ])
    expect(message.stop_reason).toBe('tool_use')
    expect(types[0]).toBe('message_start')
    expect(types).toContain('text_delta')
    expect(types).toContain('input_json_delta')
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop'])
  })

  test('thinking streams as thinking_delta and signature_delta', async () => {
    const stream = h.client().messages.stream({
      model: MODEL,
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'think' }],
    })
    const deltas = new Set<string>()
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta') deltas.add(event.delta.type)
    })
    const message = await stream.finalMessage()
    expect(message.content[0]?.type).toBe('thinking')
    expect([...deltas]).toEqual(expect.arrayContaining(['thinking_delta', 'signature_delta', 'text_delta']))
  })

  test('an error mid-stream arrives as event: error and the SDK throws it', async () => {
    h.reply({ error: { status: 529, inStream: true } })
    const stream = h
      .client()
      .messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'x' }] })
    await expect(stream.finalMessage()).rejects.toMatchObject({
      error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    })
  })

  test('count_tokens and models', async () => {
    const client = h.client()
    const counted = await client.messages.countTokens({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hello there, Claude' }],
    })
    expect(counted.input_tokens).toBeGreaterThan(0)
    const page = await client.models.list({ limit: 3 })
    expect(page.data).toHaveLength(3)
    expect(page.data[0]).toMatchObject({ type: 'model', id: expect.stringMatching(/^claude-/) })
    const all: string[] = []
    for await (const model of client.models.list({ limit: 3 })) all.push(model.id)
    expect(all.length).toBeGreaterThan(3)
    expect((await client.models.retrieve('claude-haiku-4-5-20251001')).display_name).toBe('Claude Haiku 4.5')
    await expect(client.models.retrieve('claude-9')).rejects.toBeInstanceOf(Anthropic.NotFoundError)
  })
})
