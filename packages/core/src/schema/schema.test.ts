import { describe, expect, it } from 'vitest'
import { assertOptions, assertSeed } from './assert'
import { didYouMean } from './did-you-mean'
import { schema as s, toJsonSchema, validate } from './schema'

const issue = s.object({
  title: s.string(),
  labels: s.array(s.string()).optional(),
  state: s.enum(['open', 'closed']).optional(),
  number: s.integer({ minimum: 1 }).optional(),
})
const seed = s.object({
  repos: s
    .array(
      s.object(
        { full_name: s.string(), issues: s.array(issue).optional() },
        { example: "{ full_name: 'octo/hello' }" },
      ),
    )
    .optional(),
})

describe('validate(schema, value)', () => {
  it('names the path of an unknown key, with a did-you-mean hint', () => {
    expect(validate(seed, { repos: [{ full_name: 'octo/hello', isues: [] }] })).toEqual([
      { path: 'repos[0].isues', message: 'unknown key "isues"; did you mean "issues"?' },
    ])
  })

  it('names the path of a wrong type at any depth', () => {
    const issues = validate(seed, {
      repos: [{ full_name: 'o/h', issues: [{ title: 'x', labels: ['a', 3] }] }],
    })
    expect(issues).toEqual([{ path: 'repos[0].issues[0].labels[1]', message: 'expected a string, got 3' }])
  })

  it('reports missing required keys with the example, and bad enum values with a hint', () => {
    const issues = validate(seed, { repos: [{ issues: [{ title: 't', state: 'clsed' }] }] })
    expect(issues.map((i) => i.path)).toEqual(['repos[0]', 'repos[0].issues[0].state'])
    expect(issues[0]!.message).toMatch(/^needs a full_name \(a string\)/)
    expect(issues[0]!.message).toContain("For example: { full_name: 'octo/hello' }")
    expect(issues[1]!.message).toBe('expected "open" or "closed", got "clsed"; did you mean "closed"?')
  })

  it('quotes keys that are not identifiers', () => {
    expect(validate(s.record(s.string()), { 'README.md': 1 })).toEqual([
      { path: '["README.md"]', message: 'expected a string, got 1' },
    ])
  })

  it('reports a union through the branch whose type matches', () => {
    const scopes = s.union([s.array(s.string()), s.string()])
    expect(validate(scopes, 'a,b')).toEqual([])
    expect(validate(scopes, ['a', 1])).toEqual([{ path: '[1]', message: 'expected a string, got 1' }])
    expect(validate(scopes, 3)[0]!.message).toBe('expected an array or a string, got 3')
  })
})

describe('toJsonSchema(schema)', () => {
  it('emits a strict draft-07 schema, leaving out what JSON cannot carry', () => {
    const options = s.object({
      retries: s.integer({ minimum: 0 }).describe('Retries.').example(2).optional(),
      transport: s.custom<() => void>('a function', (v) => typeof v === 'function').optional(),
      body: s.nullable(s.string()).optional(),
    })
    expect(toJsonSchema(options, { title: 'T' })).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'T',
      type: 'object',
      properties: {
        retries: { description: 'Retries.', type: 'integer', minimum: 0, examples: [2] },
        body: { anyOf: [{ type: 'string' }, { const: null }] },
      },
      additionalProperties: false,
    })
  })
})

describe('assertSeed / assertOptions', () => {
  it('assertSeed throws a SeedError naming every path', () => {
    expect(() =>
      assertSeed(
        seed,
        { repos: [{ full_name: 'o/h', isues: [] }] },
        { prefix: '[understudy:x]', service: 'X' },
      ),
    ).toThrowError(
      expect.objectContaining({
        name: 'SeedError',
        message:
          '[understudy:x] Invalid X seed at repos[0].isues: unknown key "isues"; did you mean "issues"? Nothing was seeded.',
      }),
    )
  })

  it('assertOptions throws an InvalidOptionError naming the option and a valid value', () => {
    const options = s.object({
      rateLimits: s.object({ core: s.integer({ minimum: 0 }).example(5000).optional() }).optional(),
    })
    let error: unknown
    try {
      assertOptions(options, { rateLimits: { core: 'lots' } }, { prefix: '[understudy:x]' })
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({
      name: 'InvalidOptionError',
      option: 'rateLimits.core',
      message:
        '[understudy:x] Invalid option "rateLimits.core": expected a whole number >= 0, got "lots". For example: 5000.',
    })
  })
})

describe('didYouMean(word, candidates)', () => {
  it('finds near misses only', () => {
    expect(didYouMean('isues', ['title', 'issues'])).toBe('issues')
    expect(didYouMean('fullName', ['full_name', 'private'])).toBe('full_name')
    expect(didYouMean('colour', ['name', 'color'])).toBe('color')
    expect(didYouMean('zzz', ['name', 'color'])).toBeUndefined()
  })
})
