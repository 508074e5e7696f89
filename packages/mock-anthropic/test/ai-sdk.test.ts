import { generateObject, generateText, stepCountIs, streamText, tool } from 'ai'
import { beforeAll, expect, test } from 'vitest'
import { z } from 'zod'
import { describeMatrix } from './harness'

const MODEL = 'claude-sonnet-4-5'
const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
})

beforeAll(() => {
  // generateObject is deprecated in AI SDK 7 but still widely used; keep its warning out of the test log.
  ;(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false
})

describeMatrix('Vercel AI SDK (@ai-sdk/anthropic)', (h) => {
  test('generateText', async () => {
    h.reply({ content: 'Hello from the mock' })
    const result = await generateText({ model: h.provider()(MODEL), prompt: 'Say hello' })
    expect(result.text).toBe('Hello from the mock')
    expect(result.finishReason).toBe('stop')
    expect(result.usage.outputTokens).toBe(5)
    expect(h.anthropic.calls('POST /v1/messages')).toHaveLength(1)
  })

  test('streamText', async () => {
    h.reply({ content: 'Streaming through the AI SDK works' })
    const result = streamText({ model: h.provider()(MODEL), prompt: 'Stream please' })
    let text = ''
    for await (const delta of result.textStream) text += delta
    expect(text).toBe('Streaming through the AI SDK works')
    expect(await result.finishReason).toBe('stop')
  })

  test('generateObject gets schema-valid JSON', async () => {
    const { object } = await generateObject({
      model: h.provider()(MODEL),
      schema: z.object({ label: z.enum(['bug', 'feature', 'question']), confidence: z.number() }),
      prompt: 'Classify: the app crashes',
    })
    expect(['bug', 'feature', 'question']).toContain(object.label)
    expect(typeof object.confidence).toBe('number')
  })

  test('a multi-step tool loop', async () => {
    h.reply({ toolCalls: [{ name: 'weather', arguments: { city: 'Paris' } }] })
    h.anthropic
      .when({ toolResult: 'weather' })
      .reply({ content: 'It is 21 degrees in Paris.' }, { partition: h.partition })
    const result = await generateText({
      model: h.provider()(MODEL),
      tools: { weather },
      stopWhen: stepCountIs(3),
      prompt: 'Weather in Paris?',
    })
    expect(result.text).toBe('It is 21 degrees in Paris.')
    expect(result.steps).toHaveLength(2)
    expect(result.steps[0]!.toolResults[0]).toMatchObject({
      toolName: 'weather',
      output: { city: 'Paris', temperature: 21 },
    })
    const second = h.anthropic.calls('POST /v1/messages')[1]!
    expect(JSON.stringify(second.body)).toContain('tool_result')
  })

  test('a streamed tool loop', async () => {
    h.reply({ toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }] })
    h.anthropic
      .when({ toolResult: 'weather' })
      .reply({ content: 'Cold in Oslo.' }, { partition: h.partition })
    const result = streamText({
      model: h.provider()(MODEL),
      tools: { weather },
      stopWhen: stepCountIs(3),
      prompt: 'Weather in Oslo?',
    })
    expect(await result.text).toBe('Cold in Oslo.')
    expect((await result.steps)[0]!.toolCalls[0]).toMatchObject({
      toolName: 'weather',
      input: { city: 'Oslo' },
    })
  })
})
