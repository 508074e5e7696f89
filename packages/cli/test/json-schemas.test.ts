import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, test } from 'vitest'
import { jsonSchemaFiles } from '../src/index'
import { packageDir } from './helpers/cli'

// The shipped JSON Schemas are generated from the schemas that check files at run time (#13, #15).

const files = jsonSchemaFiles()
// As editors check them: every error, and formats (uri) checked.
const ajv = () => addFormats.default(new Ajv({ allErrors: true }))
const shipped = (name: keyof typeof files) =>
  JSON.parse(readFileSync(join(packageDir, name), 'utf8')) as object

describe.each(Object.keys(files) as (keyof typeof files)[])('%s', (name) => {
  test('is current: run `pnpm --filter @understudy/cli build && pnpm --filter @understudy/cli generate` if not', () => {
    expect(shipped(name)).toEqual(files[name])
  })

  test('is exported and published', () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    expect(pkg.exports[`./${name}`]).toBe(`./${name}`)
    expect(pkg.files).toContain(name)
  })
})

test('seed.schema.json accepts a valid seed and rejects a bad one where the server does', () => {
  const validate = ajv().compile(shipped('seed.schema.json'))
  const good = {
    $schema: 'https://unpkg.com/@understudy/cli/seed.schema.json',
    github: {
      repos: [{ full_name: 'octo/hello', issues: [{ title: 'Bug', labels: ['bug'], state: 'open' }] }],
    },
    slack: { channels: [{ name: 'general' }], users: [{ name: 'alice' }] },
    stripe: {
      products: [
        { name: 'Pro', prices: [{ unit_amount: 2000, currency: 'usd', recurring: { interval: 'month' } }] },
      ],
    },
    openai: { models: ['ft:gpt-4o-mini:acme::abc123', { id: 'tiny', contextWindow: 50 }] },
  }
  expect(validate(good), JSON.stringify(validate.errors)).toBe(true)
  expect(validate({ github: { repos: [{ full_name: 'octo/hello', isues: [] }] } })).toBe(false)
  expect(validate.errors).toContainEqual(
    expect.objectContaining({ instancePath: '/github/repos/0', params: { additionalProperty: 'isues' } }),
  )
  expect(validate({ github: { repos: [{ full_name: 'nope' }] } })).toBe(false)
  expect(validate({ slack: { channels: [{ name: 'general', is_private: 'yes' }] } })).toBe(false)
  expect(validate({ gitlab: {} })).toBe(false)
})

test('the example seed file in the docs is valid and points at the schema', () => {
  const example = JSON.parse(
    readFileSync(join(packageDir, '..', '..', 'docs', 'examples', 'seed.json'), 'utf8'),
  )
  expect(example.$schema).toMatch(/seed\.schema\.json$/)
  const validate = ajv().compile(shipped('seed.schema.json'))
  expect(validate(example), JSON.stringify(validate.errors)).toBe(true)
})

test('config.schema.json accepts a valid config and rejects a bad one', () => {
  const validate = ajv().compile(shipped('config.schema.json'))
  const good = {
    $schema: 'https://unpkg.com/@understudy/cli/config.schema.json',
    port: 4010,
    services: ['github', 'openai'],
    seed: './seed.json',
    github: { rateLimits: { core: 1_000_000 }, tokens: 'any' },
    slack: {
      events: { requestUrl: 'http://127.0.0.1:3000/slack/events', signingSecret: 'slack_signing_test' },
    },
    openai: { strict: true, webhooks: [{ url: 'http://127.0.0.1:3000/hooks', secret: 'whsec_dGVzdA==' }] },
    webhooks: { retries: 0 },
    logLimit: 1000,
  }
  expect(validate(good), JSON.stringify(validate.errors)).toBe(true)
  expect(validate({ github: { rateLimit: { core: 1 } } })).toBe(false)
  expect(validate({ github: { rateLimits: { core: 'lots' } } })).toBe(false)
  // Functions cannot come from a file: the schema leaves them out.
  expect(validate({ webhooks: { transport: 'fetch' } })).toBe(false)
})
