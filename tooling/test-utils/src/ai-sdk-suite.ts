/**
 * The Vercel AI SDK suite every LLM mock runs (generateText, streamText, generateObject, tool loops,
 * JSON and streamed), so the providers are held to the same behaviour; each mock passes only its
 * provider, model and what its wire format calls a tool result.
 *
 * @module
 */
import { generateObject, generateText, type LanguageModel, stepCountIs, streamText, tool } from 'ai'
import { beforeAll, expect, test } from 'vitest'
import { z } from 'zod'

/** What the suite needs of a mock and its harness. */
export interface AiSdkSuiteOptions {
  /** The provider's model, pointed at the mock (in-process or over HTTP). */
  model(): LanguageModel
  /** Queues replies for this harness's partition. */
  reply(
    reply: { content: string } | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> },
  ): void
  /** Queues a reply for the turn after the named tool's result. */
  whenToolResult(name: string, reply: { content: string }): void
  /** The bodies of the model calls the mock served, oldest first. */
  modelCalls(): ReadonlyArray<{ body: unknown }>
  /** How the provider's wire format marks a tool result in the next request (`tool_result`...). */
  toolResultMarker: string
}

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temperature: 21 }),
})

/** Registers the suite's tests; call it inside a describe (one per transport). */
export function aiSdkSuite(o: AiSdkSuiteOptions): void {
  beforeAll(() => {
    // generateObject is deprecated in AI SDK 7 but still widely used; keep its warning out of the test log.
    ;(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false
  })

  test('generateText', async () => {
    o.reply({ content: 'Hello from the mock' })
    const result = await generateText({ model: o.model(), prompt: 'Say hello' })
    expect(result.text).toBe('Hello from the mock')
    expect(result.finishReason).toBe('stop')
    expect(result.usage.outputTokens).toBe(5)
    expect(o.modelCalls()).toHaveLength(1)
  })

  test('streamText', async () => {
    o.reply({ content: 'Streaming through the AI SDK works' })
    const result = streamText({ model: o.model(), prompt: 'Stream please' })
    let text = ''
    for await (const delta of result.textStream) text += delta
    expect(text).toBe('Streaming through the AI SDK works')
    expect(await result.finishReason).toBe('stop')
  })

  test('generateObject gets schema-valid JSON', async () => {
    const { object } = await generateObject({
      model: o.model(),
      schema: z.object({ label: z.enum(['bug', 'feature', 'question']), confidence: z.number() }),
      prompt: 'Classify: the app crashes',
    })
    expect(['bug', 'feature', 'question']).toContain(object.label)
    expect(typeof object.confidence).toBe('number')
  })

  test('a multi-step tool loop', async () => {
    o.reply({ toolCalls: [{ name: 'weather', arguments: { city: 'Paris' } }] })
    o.whenToolResult('weather', { content: 'It is 21 degrees in Paris.' })
    const result = await generateText({
      model: o.model(),
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
    const second = o.modelCalls()[1]!
    expect(JSON.stringify(second.body)).toContain(o.toolResultMarker)
  })

  test('a streamed tool loop', async () => {
    o.reply({ toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }] })
    o.whenToolResult('weather', { content: 'Cold in Oslo.' })
    const result = streamText({
      model: o.model(),
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
}
