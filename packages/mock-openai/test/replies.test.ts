import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { createOpenAIMock } from '../src/index'

function setup(options: Parameters<typeof createOpenAIMock>[0] = {}) {
  const openai = createOpenAIMock(options)
  // openai-node with the mock as its fetch: no interceptor needed for these unit tests.
  const client = (apiKey = 'sk-test') =>
    new OpenAI({ apiKey, maxRetries: 0, fetch: (url, init) => openai.fetch(url, init) })
  const say = async (
    content: string,
    extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {},
    apiKey?: string,
  ) =>
    (
      await client(apiKey).chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content }],
        ...extra,
      })
    ).choices[0]!.message.content
  return { openai, client, say }
}

describe('reply() scripting', () => {
  test('replies are used once, in order; then defaults resume', async () => {
    const { openai, say } = setup()
    openai.reply({ content: 'one' })
    openai.reply({ content: 'two' })
    expect(await say('a')).toBe('one')
    expect(await say('a')).toBe('two')
    expect(await say('a')).toMatch(/\.$/)
  })

  test('when() matches on model, last user message (substring or RegExp) and the first match wins', async () => {
    const { openai, say } = setup()
    openai.when({ model: 'gpt-4o-mini' }).reply({ content: 'mini' })
    openai.when({ lastUserMessage: /refund/i }).reply({ content: 'refunds' }, { times: 'always' })
    openai.when({ lastUserMessage: 'hello' }).reply({ content: 'hi!' })
    expect(await say('say hello')).toBe('hi!')
    expect(await say('REFUND please')).toBe('refunds')
    expect(await say('another refund')).toBe('refunds')
    expect(await say('x', { model: 'gpt-4o-mini' })).toBe('mini')
    expect(openai.pendingReplies()).toEqual([
      {
        reply: { content: 'refunds' },
        when: '{ lastUserMessage: /refund/i }',
        remaining: Number.POSITIVE_INFINITY,
      },
    ])
  })

  test('JSON-friendly matchers ({ regex, flags }) work as the admin API sends them', async () => {
    const { openai, say } = setup()
    openai.reply(
      JSON.parse('{"content":"matched"}'),
      JSON.parse('{"when":{"lastUserMessage":{"regex":"^order \\\\d+$","flags":"i"}}}'),
    )
    expect(await say('Order 42')).toBe('matched')
    // The admin API takes reply() arguments only: a reply may carry its own when and times.
    openai.reply(JSON.parse('{"content":"twice","when":{"lastUserMessage":"again"},"times":2}'))
    expect(await say('not this one')).not.toBe('twice')
    expect(await say('again')).toBe('twice')
    expect(await say('again!')).toBe('twice')
    expect(openai.pendingReplies()).toEqual([])
  })

  test('a reply function builds the reply from the request', async () => {
    const { openai, say } = setup()
    openai.reply((request) => ({ content: `You said: ${request.lastUserMessage}` }))
    expect(await say('ping')).toBe('You said: ping')
  })

  test('handles report what is left and cancel() removes a reply', async () => {
    const { openai, say } = setup()
    const handle = openai.reply({ content: 'x' }, { times: 2 })
    expect(handle.remaining).toBe(2)
    await say('a')
    expect(handle.remaining).toBe(1)
    handle.cancel()
    expect(openai.pendingReplies()).toEqual([])
  })

  test('replies live per partition', async () => {
    const { openai, say } = setup({ partitionBy: 'credential' })
    openai.reply({ content: 'for alice' }, { partition: 'sk-alice' })
    expect(await say('hi', {}, 'sk-bob')).not.toBe('for alice')
    expect(await say('hi', {}, 'sk-alice')).toBe('for alice')
  })

  test('tool calls without arguments get arguments generated from the tool schema', async () => {
    const { openai, client } = setup()
    openai.reply({ toolCalls: [{ name: 'lookup' }] })
    const completion = await client().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'lookup',
            parameters: {
              type: 'object',
              properties: { id: { type: 'integer' } },
              required: ['id'],
              additionalProperties: false,
            },
          },
        },
      ],
    })
    const call = completion.choices[0]!.message.tool_calls![0]!
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      id: expect.any(Number),
    })
  })

  test('reset() drops queued replies', async () => {
    const { openai } = setup()
    openai.reply({ content: 'x' })
    openai.reset()
    expect(openai.pendingReplies()).toEqual([])
  })

  test('bad scripts throw InvalidOptionError saying what is wrong', () => {
    const { openai } = setup()
    const cases: Array<[unknown, unknown, RegExp]> = [
      [{ text: 'hi' }, undefined, /unknown field "text"/],
      [{}, undefined, /give one of content, toolCalls, refusal or error/],
      [{ toolCalls: [{ arguments: {} }] }, undefined, /toolCalls\[0\]\.name/],
      [{ toolCalls: [{ name: 'x', arguments: '{bad' }] }, undefined, /not valid JSON/],
      [{ error: { status: 200 } }, undefined, /error\.status.*400 to 599/],
      [{ content: 'x' }, { when: { lastUserMsg: 'x' } }, /unknown field "lastUserMsg"/],
      [{ content: 'x' }, { times: 0 }, /times/],
      [[{ content: 'ok' }, { nope: 1 }], undefined, /reply\[1\]/],
    ]
    for (const [reply, options, message] of cases) {
      let error: unknown
      try {
        openai.reply(reply as never, options as never)
      } catch (e) {
        error = e
      }
      expect(error, JSON.stringify(reply)).toMatchObject({
        name: 'InvalidOptionError',
        message: expect.stringMatching(message),
      })
    }
  })

  test('a bad seed throws SeedError', () => {
    const { openai } = setup()
    expect(() => openai.seed({ models: [{ id: '' }] })).toThrow(/seed at models\[0\]\.id/)
    expect(() => openai.seed({ replies: [] } as never)).toThrow(/scripted with openai\.reply\(\)/)
  })
})
