import { generateObject, generateText, Output, stepCountIs, streamText, tool } from 'ai'
import { beforeAll, expect, test } from 'vitest'
import { z } from 'zod'
import { describeMatrix } from './harness'

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
})

// @ai-sdk/openai v4: `openai(model)` uses the Responses API; `openai.chat(model)` Chat Completions.
const apis = [
  {
    name: 'responses (default)',
    model: (p: ReturnType<import('./harness').Harness['provider']>) => p('gpt-4o'),
    path: '/v1/responses',
  },
  {
    name: 'chat',
    model: (p: ReturnType<import('./harness').Harness['provider']>) => p.chat('gpt-4o'),
    path: '/v1/chat/completions',
  },
] as const

beforeAll(() => {
  // generateObject is deprecated in AI SDK 7 but still widely used; keep its warning out of the test log.
  ;(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false
})

describeMatrix('Vercel AI SDK', (h) => {
  for (const api of apis) {
    test(`generateText through ${api.name}`, async () => {
      h.reply({ content: 'Hello from the mock' })
      const result = await generateText({ model: api.model(h.provider()), prompt: 'Say hello' })
      expect(result.text).toBe('Hello from the mock')
      expect(result.finishReason).toBe('stop')
      expect(result.usage.outputTokens).toBe(5)
      expect(h.openai.calls(`POST ${api.path}`)).toHaveLength(1)
    })

    test(`streamText through ${api.name}`, async () => {
      h.reply({ content: 'Streaming through the AI SDK' })
      const result = streamText({ model: api.model(h.provider()), prompt: 'Stream' })
      const parts: string[] = []
      for await (const part of result.textStream) parts.push(part)
      expect(parts.length).toBeGreaterThan(2)
      expect(parts.join('')).toBe('Streaming through the AI SDK')
      expect(await result.finishReason).toBe('stop')
    })

    test(`generateObject with a zod schema through ${api.name}, unscripted`, async () => {
      const schema = z.object({
        name: z.string(),
        ingredients: z.array(z.object({ item: z.string(), grams: z.number() })),
        vegetarian: z.boolean(),
      })
      const result = await generateObject({
        model: api.model(h.provider()),
        schema,
        prompt: 'A lasagna recipe',
      })
      expect(schema.parse(result.object)).toEqual(result.object)
    })

    test(`generateText with Output.object through ${api.name}`, async () => {
      const schema = z.object({ city: z.string(), tags: z.array(z.string()).min(1) })
      h.reply({ content: { city: 'Quito', tags: ['andes'] } })
      const result = await generateText({
        model: api.model(h.provider()),
        output: Output.object({ schema }),
        prompt: 'A city',
      })
      expect(result.output).toEqual({ city: 'Quito', tags: ['andes'] })
      const sent = h.openai.requests.at(-1)!.body as { text?: { format: unknown }; response_format?: unknown }
      const format = api.path === '/v1/responses' ? sent.text?.format : sent.response_format
      expect(format).toMatchObject({ type: 'json_schema' })
    })

    test(`a multi-step tool loop through ${api.name}`, async () => {
      h.openai
        .when({ hasToolResults: false })
        .reply(
          { toolCalls: [{ name: 'weather', arguments: { city: 'Berlin' } }] },
          { partition: h.partition },
        )
      h.openai.when({ toolResult: 'weather' }).reply({ content: 'Berlin: 21°C.' }, { partition: h.partition })
      const result = await generateText({
        model: api.model(h.provider()),
        tools: { weather },
        stopWhen: stepCountIs(5),
        prompt: 'Weather in Berlin?',
      })
      expect(result.steps).toHaveLength(2)
      expect(result.steps[0]!.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Berlin' } })
      expect(result.steps[0]!.toolResults[0]).toMatchObject({ output: { city: 'Berlin', temperature: 21 } })
      expect(result.text).toBe('Berlin: 21°C.')
      expect(h.openai.pendingReplies(h.partition)).toEqual([])
    })

    test(`streamText with tools streams the tool call through ${api.name}`, async () => {
      h.reply([{ toolCalls: [{ name: 'weather', arguments: { city: 'Lima' } }] }, { content: 'Lima: 21°C.' }])
      const result = streamText({
        model: api.model(h.provider()),
        tools: { weather },
        stopWhen: stepCountIs(3),
        prompt: 'Weather in Lima?',
      })
      expect(await result.text).toBe('Lima: 21°C.')
      const steps = await result.steps
      expect(steps[0]!.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Lima' } })
    })

    test(`API errors surface as APICallError through ${api.name}`, async () => {
      h.reply({ error: { status: 400, message: 'Bad things', code: 'bad_thing' } })
      await expect(
        generateText({ model: api.model(h.provider()), prompt: 'x', maxRetries: 0 }),
      ).rejects.toMatchObject({
        statusCode: 400,
        message: 'Bad things',
      })
    })
  }
})
