import { type OpenApiSubset, openApiCheck } from '@understudy/test-utils/openapi-check'
import { expect, test } from 'vitest'
import subset from '../spec/openapi-subset.json' with { type: 'json' }
import { API_KEY, describeMatrix } from './harness'

// Google's published OpenAPI document for the Generative Language API (see spec/openapi-subset.json's
// x-source), read closed: a field the document does not name fails, as do wrong types and enums.
const spec = openApiCheck(subset as OpenApiSubset, { closed: true })
const MODEL = 'gemini-2.5-flash'
const weather = {
  name: 'get_weather',
  parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

test('the checker refuses what the spec does not allow', () => {
  expect(spec.errors('GenerateContentResponse', { candidates: [{ finishReason: 'DONE' }] })).not.toEqual([])
  expect(spec.errors('GenerateContentResponse', { usage_metadata: {} })).not.toEqual([])
})

describeMatrix('responses match Google’s OpenAPI schemas', (h) => {
  const logged = (pattern: string) => h.gemini.calls(pattern).map((c) => c.responseBody)

  test('generateContent (text, functionCall, JSON, MAX_TOKENS) is a GenerateContentResponse', async () => {
    h.reply([
      { content: 'Hello there' },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { content: { label: 'bug' } },
      { content: 'word '.repeat(200) },
    ])
    const client = h.client()
    await client.models.generateContent({
      model: MODEL,
      contents: 'hi',
      config: { systemInstruction: 'terse' },
    })
    await client.models.generateContent({
      model: MODEL,
      contents: 'weather?',
      config: { tools: [{ functionDeclarations: [weather] }] },
    })
    await client.models.generateContent({
      model: MODEL,
      contents: 'label it',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object', properties: { label: { type: 'string' } } },
      },
    })
    await client.models.generateContent({ model: MODEL, contents: 'long', config: { maxOutputTokens: 5 } })
    const bodies = logged('POST /:version/models/{model}:generateContent')
    expect(bodies).toHaveLength(4)
    for (const body of bodies) spec.expectValid('GenerateContentResponse', body)
  })

  test('every streamGenerateContent chunk (alt=sse) is a GenerateContentResponse', async () => {
    h.reply([
      { content: 'Streaming through Gemini works' },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] },
    ])
    const chunks: unknown[] = []
    for (const body of [
      { contents: [{ role: 'user', parts: [{ text: 'stream' }] }] },
      {
        contents: [{ role: 'user', parts: [{ text: 'weather?' }] }],
        tools: [{ functionDeclarations: [weather] }],
      },
    ]) {
      const response = await fetch(`${h.baseUrl()}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, {
        method: 'POST',
        headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      for (const line of (await response.text()).split('\n'))
        if (line.startsWith('data: ')) chunks.push(JSON.parse(line.slice(6)))
    }
    expect(chunks.length).toBeGreaterThan(2)
    for (const chunk of chunks) spec.expectValid('GenerateContentResponse', chunk)
  })

  test('countTokens, embedContent, batchEmbedContents, models list and get', async () => {
    const client = h.client()
    await client.models.countTokens({ model: MODEL, contents: 'Count these tokens' })
    await client.models.embedContent({ model: 'text-embedding-004', contents: ['a', 'b'] })
    await fetch(`${h.baseUrl()}/v1beta/models/text-embedding-004:embedContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ content: { parts: [{ text: 'one' }] } }),
    })
    for await (const _ of await client.models.list({ config: { pageSize: 3 } })) void _
    await client.models.get({ model: 'gemini-2.5-pro' })
    spec.expectValid('CountTokensResponse', logged('POST /:version/models/{model}:countTokens')[0])
    spec.expectValid(
      'BatchEmbedContentsResponse',
      logged('POST /:version/models/{model}:batchEmbedContents')[0],
    )
    spec.expectValid('EmbedContentResponse', logged('POST /:version/models/{model}:embedContent')[0])
    const pages = logged('GET /:version/models')
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages) spec.expectValid('ListModelsResponse', page)
    spec.expectValid('Model', logged('GET /:version/models/:model')[0])
  })

  test('errors carry a google.rpc.Status (plus the REST mapping’s `status` name)', async () => {
    for (const status of [429, 500, 503]) h.reply({ error: { status } })
    const client = h.client({ httpOptions: { retryOptions: { attempts: 1 } } })
    for (let i = 0; i < 3; i++)
      await client.models.generateContent({ model: MODEL, contents: 'x' }).catch(() => undefined)
    await client.models.generateContent({ model: 'gemini-nope', contents: 'x' }).catch(() => undefined)
    const failed = h.gemini
      .calls({ path: '/:version/models/{model}:generateContent' })
      .filter((c) => c.status >= 400)
    expect(failed.map((c) => c.status)).toEqual([429, 500, 503, 404])
    for (const call of failed) {
      const { status, ...rpc } = (call.responseBody as { error: { status: string } }).error
      // The JSON mapping of an error adds the code's name, which google.rpc.Status (a proto) does not list.
      expect(status).toMatch(/^[A-Z_]+$/)
      spec.expectValid('Status', rpc)
    }
  })
})
