import { ApiError, type Content, FunctionCallingConfigMode, Type } from '@google/genai'
import { expect, test } from 'vitest'
import { describeMatrix } from './harness'

const MODEL = 'gemini-2.5-flash'
const weather = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

describeMatrix('Gemini API with @google/genai', (h) => {
  test('a scripted reply, system instruction and usage; logged at the real path', async () => {
    h.reply({ content: 'Hello from the mock' })
    const response = await h.client().models.generateContent({
      model: MODEL,
      contents: 'Say hello',
      config: { systemInstruction: 'Be terse.' },
    })
    expect(response.text).toBe('Hello from the mock')
    expect(response.candidates?.[0]?.finishReason).toBe('STOP')
    expect(response.usageMetadata).toMatchObject({
      candidatesTokenCount: 5,
      promptTokenCount: expect.any(Number),
    })
    const [logged] = h.gemini.calls(`POST /:version/models/${MODEL}:generateContent`)
    // @google/genai 2 calls /v1 by default, @ai-sdk/google /v1beta: the log shows each as sent.
    expect(logged?.path).toBe(`/v1/models/${MODEL}:generateContent`)
    expect(logged?.headers['x-goog-api-key']).toBe('gemini-test-key')
  })

  test('unscripted replies are deterministic; system instruction is matched by when({ system })', async () => {
    h.gemini.when({ system: 'pirate' }).reply({ content: 'Arr.' }, { partition: h.partition })
    const pirate = await h.client().models.generateContent({
      model: MODEL,
      contents: 'hi',
      config: { systemInstruction: 'You are a pirate.' },
    })
    expect(pirate.text).toBe('Arr.')
    const a = await h.client().models.generateContent({ model: MODEL, contents: 'same question' })
    const b = await h.client().models.generateContent({ model: MODEL, contents: 'same question' })
    expect(a.text).toBe(b.text)
    expect(a.text?.length).toBeGreaterThan(10)
  })

  test('function calling: functionCall parts, then a functionResponse turn matched by toolResult', async () => {
    h.reply({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    h.gemini
      .when({ toolResult: 'get_weather' })
      .reply({ content: 'Sunny in Paris.' }, { partition: h.partition })
    const client = h.client()
    const contents: Content[] = [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }]
    const config = { tools: [{ functionDeclarations: [weather] }] }
    const first = await client.models.generateContent({ model: MODEL, contents, config })
    expect(first.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }])
    contents.push(first.candidates![0]!.content!, {
      role: 'user',
      parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }],
    })
    const second = await client.models.generateContent({ model: MODEL, contents, config })
    expect(second.text).toBe('Sunny in Paris.')
  })

  test('mode ANY with one allowed function forces it, with schema-valid args', async () => {
    const response = await h.client().models.generateContent({
      model: MODEL,
      contents: 'anything',
      config: {
        tools: [{ functionDeclarations: [weather] }],
        toolConfig: {
          functionCallingConfig: {
            mode: FunctionCallingConfigMode.ANY,
            allowedFunctionNames: ['get_weather'],
          },
        },
      },
    })
    expect(response.functionCalls?.[0]).toMatchObject({
      name: 'get_weather',
      args: { city: expect.any(String) },
    })
  })

  test('responseSchema (OpenAPI style) and responseJsonSchema get valid JSON', async () => {
    const withSchema = await h.client().models.generateContent({
      model: MODEL,
      contents: 'Classify',
      config: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: Type.OBJECT,
          properties: {
            label: { type: Type.STRING, enum: ['bug', 'feature'] },
            score: { type: Type.INTEGER, nullable: true },
          },
          required: ['label', 'score'],
        },
      },
    })
    const parsed = JSON.parse(withSchema.text!)
    expect(['bug', 'feature']).toContain(parsed.label)
    expect(parsed.score === null || Number.isInteger(parsed.score)).toBe(true)
    const withJson = await h.client().models.generateContent({
      model: MODEL,
      contents: 'List',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'array', items: { type: 'string' }, minItems: 2 },
      },
    })
    expect(JSON.parse(withJson.text!).length).toBeGreaterThanOrEqual(2)
  })

  test('maxOutputTokens and stopSequences cut the text', async () => {
    h.reply([{ content: 'a'.repeat(100) }, { content: 'one two STOP three' }])
    const cut = await h
      .client()
      .models.generateContent({ model: MODEL, contents: 'x', config: { maxOutputTokens: 5 } })
    expect(cut.text).toBe('a'.repeat(20))
    expect(cut.candidates?.[0]?.finishReason).toBe('MAX_TOKENS')
    const stopped = await h
      .client()
      .models.generateContent({ model: MODEL, contents: 'x', config: { stopSequences: ['STOP'] } })
    expect(stopped.text).toBe('one two ')
  })

  test('streamGenerateContent with alt=sse', async () => {
    h.reply({ content: 'Streaming through Gemini works nicely today' })
    const stream = await h.client().models.generateContentStream({ model: MODEL, contents: 'stream' })
    const texts: string[] = []
    let finish: string | undefined
    for await (const chunk of stream) {
      texts.push(chunk.text ?? '')
      finish = chunk.candidates?.[0]?.finishReason ?? finish
    }
    expect(texts.length).toBeGreaterThan(1)
    expect(texts.join('')).toBe('Streaming through Gemini works nicely today')
    expect(finish).toBe('STOP')
    const [logged] = h.gemini.calls('POST /:version/models/{model}:streamGenerateContent')
    expect(logged?.query).toMatchObject({ alt: 'sse' })
  })

  test('countTokens, embedContent (single and batch), models', async () => {
    const client = h.client()
    const counted = await client.models.countTokens({ model: MODEL, contents: 'Hello there, Gemini' })
    expect(counted.totalTokens).toBeGreaterThan(0)
    const one = await client.models.embedContent({
      model: 'gemini-embedding-001',
      contents: 'hello',
      config: { outputDimensionality: 8 },
    })
    expect(one.embeddings?.[0]?.values).toHaveLength(8)
    const batch = await client.models.embedContent({ model: 'text-embedding-004', contents: ['a', 'b', 'a'] })
    expect(batch.embeddings).toHaveLength(3)
    expect(batch.embeddings?.[0]?.values).toEqual(batch.embeddings?.[2]?.values)
    expect(batch.embeddings?.[0]?.values).toHaveLength(768)
    const names: string[] = []
    for await (const model of await client.models.list({ config: { pageSize: 3 } }))
      names.push(model.name ?? '')
    expect(names).toContain('models/gemini-2.5-flash')
    expect((await client.models.get({ model: 'gemini-2.5-pro' })).displayName).toBe('Gemini 2.5 Pro')
  })
})

describeMatrix('Gemini errors', (h) => {
  test.each([
    [400, 'INVALID_ARGUMENT'],
    [403, 'PERMISSION_DENIED'],
    [404, 'NOT_FOUND'],
    [429, 'RESOURCE_EXHAUSTED'],
    [500, 'INTERNAL'],
    [503, 'UNAVAILABLE'],
  ])('scripted %i is an ApiError with Google error body', async (status, name) => {
    h.reply({ error: { status } })
    const error = (await h
      .client()
      .models.generateContent({ model: MODEL, contents: 'x' })
      .catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(status)
    const body = JSON.parse(error.message) as { error: { code: number; status: string; details?: unknown[] } }
    expect(body.error).toMatchObject({ code: status, status: name })
    if (status === 429)
      expect(body.error.details).toContainEqual({
        '@type': 'type.googleapis.com/google.rpc.RetryInfo',
        retryDelay: '1s',
      })
  })

  test('the SDK retries a 503 when asked to, as against Google', async () => {
    h.reply({ error: { status: 503 } })
    h.reply({ content: 'recovered' })
    const client = h.client({
      httpOptions: { retryOptions: { attempts: 2, initialDelay: 0.001, maxDelay: 0.001 } },
    })
    expect((await client.models.generateContent({ model: MODEL, contents: 'x' })).text).toBe('recovered')
    expect(h.gemini.calls(`POST /:version/models/${MODEL}:generateContent`).map((c) => c.status)).toEqual([
      503, 200,
    ])
  })

  test('unknown model is a 404 NOT_FOUND; a schema without JSON mime type a 400', async () => {
    await expect(
      h.client().models.generateContent({ model: 'gemini-9', contents: 'x' }),
    ).rejects.toMatchObject({ status: 404 })
    await expect(
      h.client().models.generateContent({
        model: MODEL,
        contents: 'x',
        config: { responseSchema: { type: Type.STRING } },
      }),
    ).rejects.toMatchObject({ status: 400 })
  })
})

describeMatrix(
  'Gemini strict mode',
  (h) => {
    test('an unscripted request is a 400 naming it', async () => {
      const error = (await h
        .client()
        .models.generateContent({ model: MODEL, contents: 'refund please' })
        .catch((e: unknown) => e)) as ApiError
      expect(error.status).toBe(400)
      expect(error.message).toContain('[understudy:gemini] Unscripted request in strict mode')
      expect(error.message).toContain('/_understudy/gemini/replies')
    })
  },
  { strict: true },
)

test('the API key may come as ?key=, and none is a 403', async () => {
  const { createGeminiMock } = await import('../src/index')
  const gemini = createGeminiMock({ partitionBy: 'credential' })
  const url = 'https://generativelanguage.googleapis.com/v1beta/models'
  expect((await gemini.fetch(`${url}?key=abc`)).status).toBe(200)
  expect(gemini.requests.at(-1)?.partition).toBe('abc')
  const refused = await gemini.fetch(url)
  expect(refused.status).toBe(403)
  expect(await refused.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } })
})
