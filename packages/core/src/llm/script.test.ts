import { describe, expect, test } from 'vitest'
import { InvalidOptionError } from '../errors'
import { createIds } from '../mock/ids'
import { type ConversationMessage, type ReplyRequest, replyRequest } from './conversation'
import type { QueuedReply } from './replies'
import { decide, replyScripting, unscriptedMessage } from './script'

function request(overrides: Partial<ReplyRequest> = {}, messages: ConversationMessage[] = []): ReplyRequest {
  return {
    ...replyRequest({
      api: 'messages',
      model: 'claude-sonnet-4-5',
      messages: messages.length ? messages : [{ role: 'user', text: 'What is the weather in Paris?' }],
      tools: [],
      toolChoice: 'auto',
      responseFormat: { type: 'text' },
      stream: false,
      body: {},
      partition: 'default',
    }),
    ...overrides,
  }
}

describe('the provider-neutral scripting engine', () => {
  test('a scripted reply is matched on the neutral request, whatever the API', () => {
    const queue: QueuedReply[] = []
    const script = replyScripting(() => queue, 'anthropic')
    script.when({ api: 'generateContent' }).reply({ content: 'for Gemini' })
    script
      .when({ lastUserMessage: /weather/ })
      .reply({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    const ids = createIds('test')
    const outcome = decide({ request: request(), queue, strict: false, ids })
    expect(outcome).toMatchObject({
      kind: 'turns',
      turns: [
        { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }], finishReason: 'tool_calls' },
      ],
    })
    expect(script.pendingReplies()).toHaveLength(1)
    expect(decide({ request: request({ api: 'generateContent' }), queue, strict: false, ids })).toMatchObject(
      {
        kind: 'turns',
        turns: [{ content: 'for Gemini' }],
      },
    )
  })

  test('unscripted: the same request gets the same default; strict mode says so with the service name', () => {
    const ids = createIds('test')
    const a = decide({ request: request(), queue: [], strict: false, ids })
    const b = decide({ request: request(), queue: [], strict: false, ids })
    expect(a.kind === 'turns' && a.turns[0]!.content).toBe(b.kind === 'turns' && b.turns[0]!.content)
    expect(decide({ request: request(), queue: [], strict: true, ids })).toEqual({ kind: 'unscripted' })
    const message = unscriptedMessage(request(), [], 'anthropic', 'POST /v1/messages')
    expect(message).toContain('[understudy:anthropic]')
    expect(message).toContain('anthropic.reply(')
    expect(message).toContain('/_understudy/anthropic/replies')
  })

  test('a bad reply names the mock in its example', () => {
    const script = replyScripting(() => [], 'gemini')
    expect(() => script.reply({ text: 'hi' } as never)).toThrow(InvalidOptionError)
    expect(() => script.reply({ text: 'hi' } as never)).toThrow(/gemini\.reply\(/)
    expect(() => script.when({ api: 'completions' } as never)).toThrow(/'messages', 'generateContent'/)
  })
})
