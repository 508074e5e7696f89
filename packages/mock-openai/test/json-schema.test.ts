import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { generateFromSchema, type JsonSchema } from '../src/index'

function valid(schema: JsonSchema, value: unknown): boolean {
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(value).success
}

const schemas: Record<string, JsonSchema> = {
  'strict object with enum, nullable and nested array': {
    type: 'object',
    properties: {
      name: { type: 'string' },
      status: { type: 'string', enum: ['open', 'closed'] },
      score: { type: ['number', 'null'] },
      tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 },
      count: { type: 'integer', minimum: 3, maximum: 7 },
      ok: { type: 'boolean' },
    },
    required: ['name', 'status', 'score', 'tags', 'count', 'ok'],
    additionalProperties: false,
  },
  'anyOf of objects': {
    type: 'object',
    properties: {
      shape: {
        anyOf: [
          {
            type: 'object',
            properties: { radius: { type: 'number' } },
            required: ['radius'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: { side: { type: 'number' } },
            required: ['side'],
            additionalProperties: false,
          },
        ],
      },
    },
    required: ['shape'],
    additionalProperties: false,
  },
  'recursive $ref through $defs': {
    type: 'object',
    properties: { root: { $ref: '#/$defs/node' } },
    required: ['root'],
    additionalProperties: false,
    $defs: {
      node: {
        type: 'object',
        properties: {
          label: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/$defs/node' } },
        },
        required: ['label', 'children'],
        additionalProperties: false,
      },
    },
  },
  'string formats and bounds': {
    type: 'object',
    properties: {
      when: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      email: { type: 'string', format: 'email' },
      id: { type: 'string', format: 'uuid' },
      short: { type: 'string', maxLength: 3 },
      long: { type: 'string', minLength: 40 },
      price: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5, maximum: 10 },
    },
    required: ['when', 'day', 'email', 'id', 'short', 'long', 'price'],
    additionalProperties: false,
  },
  'const and allOf': {
    allOf: [
      { type: 'object', properties: { kind: { const: 'a' } }, required: ['kind'] },
      { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
    ],
  },
}

describe('generateFromSchema(schema, seed)', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    test(`gives values valid against a ${name} schema, for many seeds`, () => {
      for (let seed = 0; seed < 25; seed++) {
        const value = generateFromSchema(schema, `seed-${seed}`)
        expect(valid(schema, value), JSON.stringify(value)).toBe(true)
      }
    })
  }

  test('is deterministic per seed', () => {
    const schema = schemas['strict object with enum, nullable and nested array']!
    expect(generateFromSchema(schema, 'a')).toEqual(generateFromSchema(schema, 'a'))
    expect(generateFromSchema(schema, 'a')).not.toEqual(generateFromSchema(schema, 'b'))
  })

  test('works on zod-made JSON schemas', () => {
    const Person = z.object({
      name: z.string(),
      age: z.number().int().min(0).max(120),
      email: z.email().nullable(),
      pets: z.array(z.object({ kind: z.enum(['cat', 'dog']), name: z.string() })),
    })
    const schema = z.toJSONSchema(Person) as JsonSchema
    for (let seed = 0; seed < 10; seed++)
      expect(Person.safeParse(generateFromSchema(schema, `${seed}`)).success).toBe(true)
  })
})
