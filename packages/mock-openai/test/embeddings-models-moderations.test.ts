import { expect, test } from 'vitest'
import { describeMatrix } from './harness'

function cosine(a: number[], b: number[]): number {
  let dot = 0
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!
  return dot
}

function norm(v: number[]): number {
  return Math.sqrt(cosine(v, v))
}

describeMatrix(
  'embeddings, models, moderations',
  (h) => {
    test('embeddings are deterministic, unit length and batchable', async () => {
      const client = h.client()
      const first = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['hello world', 'goodbye'],
      })
      const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello world' })
      expect(first).toMatchObject({
        object: 'list',
        model: 'text-embedding-3-small',
        data: [{ index: 0 }, { index: 1 }],
      })
      expect(first.data[0]!.embedding).toHaveLength(1536)
      expect(first.data[0]!.embedding).toEqual(again.data[0]!.embedding)
      expect(norm(first.data[0]!.embedding)).toBeCloseTo(1, 5)
      expect(first.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 })
      const large = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'hello world' })
      expect(large.data[0]!.embedding).toHaveLength(3072)
    })

    test('dimensions shortens and renormalizes; float and base64 agree', async () => {
      const client = h.client()
      const full = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: 'cats',
        encoding_format: 'float',
      })
      const short = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: 'cats',
        dimensions: 256,
      })
      expect(short.data[0]!.embedding).toHaveLength(256)
      expect(norm(short.data[0]!.embedding)).toBeCloseTo(1, 5)
      // openai-node asks for base64 unless told otherwise and decodes it: the same floats come out.
      expect(h.openai.requests.at(-1)!.body).toMatchObject({ encoding_format: 'base64' })
      const viaBase64 = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'cats' })
      expect(viaBase64.data[0]!.embedding).toEqual(full.data[0]!.embedding)
      const raw = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: 'cats',
        encoding_format: 'base64',
      })
      expect(typeof raw.data[0]!.embedding).toBe('string')
      await expect(
        client.embeddings.create({ model: 'text-embedding-ada-002', input: 'x', dimensions: 8 }),
      ).rejects.toMatchObject({ status: 400, param: 'dimensions' })
    })

    test('texts that share words are closer than texts that do not', async () => {
      const { data } = await h.client().embeddings.create({
        model: 'text-embedding-3-small',
        input: ['how do I reset my password', 'password reset instructions', 'banana bread recipe'],
        encoding_format: 'float',
      })
      const [query, related, unrelated] = data.map((d) => d.embedding)
      expect(cosine(query!, related!)).toBeGreaterThan(cosine(query!, unrelated!) + 0.2)
    })

    test('models.list() and models.retrieve()', async () => {
      h.openai.seed({ models: [{ id: 'ft:gpt-4o-mini:acme::abc123' }] }, { partition: h.partition })
      const client = h.client()
      const ids: string[] = []
      for await (const model of client.models.list()) ids.push(model.id)
      expect(ids).toEqual(
        expect.arrayContaining([
          'gpt-4o',
          'gpt-4.1',
          'o3-mini',
          'gpt-5',
          'text-embedding-3-small',
          'omni-moderation-latest',
        ]),
      )
      expect(ids).toContain('ft:gpt-4o-mini:acme::abc123')
      expect(await client.models.retrieve('gpt-4o-mini')).toEqual({
        id: 'gpt-4o-mini',
        object: 'model',
        created: expect.any(Number),
        owned_by: 'system',
      })
      const ft = await client.chat.completions.create({
        model: 'ft:gpt-4o-mini:acme::abc123',
        messages: [{ role: 'user', content: 'hi' }],
      })
      expect(ft.model).toBe('ft:gpt-4o-mini:acme::abc123')
    })

    test('moderations flag only what a rule matches', async () => {
      const client = h.client()
      const result = await client.moderations.create({
        model: 'omni-moderation-latest',
        input: ['I will attack them', 'Nice day'],
      })
      expect(result.id).toMatch(/^modr-/)
      expect(result.results).toHaveLength(2)
      expect(result.results[0]).toMatchObject({ flagged: true, categories: { violence: true, hate: false } })
      expect(result.results[0]!.category_scores.violence).toBeGreaterThan(0.9)
      expect(result.results[1]!.flagged).toBe(false)
      expect(result.results[1]!.category_applied_input_types.violence).toEqual(['text'])
      const again = await client.moderations.create({ input: 'Nice day' })
      expect(again.results[0]!.category_scores).toEqual(result.results[1]!.category_scores)
    })
  },
  { moderationRules: [{ match: /attack/i, categories: ['violence'] }] },
)
