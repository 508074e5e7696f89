import { aiSdkSuite } from '@understudy/test-utils/ai-sdk-suite'
import { generateText } from 'ai'
import { expect, test } from 'vitest'
import { describeMatrix } from './harness'

const MODEL = 'gemini-2.5-flash'

describeMatrix('Vercel AI SDK (@ai-sdk/google)', (h) => {
  aiSdkSuite({
    model: () => h.provider()(MODEL),
    reply: (reply) => h.reply(reply),
    whenToolResult: (name, reply) =>
      h.gemini.when({ toolResult: name }).reply(reply, { partition: h.partition }),
    modelCalls: () => h.gemini.requests,
    toolResultMarker: 'functionResponse',
  })

  test('the AI SDK calls v1beta generateContent', async () => {
    h.reply({ content: 'Hello from the mock' })
    await generateText({ model: h.provider()(MODEL), prompt: 'Say hello' })
    expect(h.gemini.requests.map((r) => r.path)).toEqual([`/v1beta/models/${MODEL}:generateContent`])
  })
})
