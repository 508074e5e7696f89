import { Octokit } from '@octokit/rest'
import { expect, test } from 'vitest'
import { createUnderstudyApp, createUnderstudyServer } from '../src/index'

// Seed data crossing the server's boundary: checked whole, with paths, before anything changes (#13).

const quiet = { debug() {}, info() {}, warn() {}, error() {} }

test('POST /_understudy/seed with a bad body answers 400 naming the path, and seeds nothing', async () => {
  const app = createUnderstudyApp({ services: ['github', 'slack'] })
  const seed = (body: unknown) =>
    app.handler(
      new Request('http://127.0.0.1/_understudy/seed', {
        method: 'POST',
        headers: { authorization: 'Bearer ghp_a', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )
  // GitHub's part is valid, Slack's is not: neither is applied.
  const bad = await seed({
    github: { repos: [{ full_name: 'octo/new' }] },
    slack: { channels: [{ name: 'general', is_privte: true }] },
  })
  expect(bad.status).toBe(400)
  expect((await bad.json()).error).toBe(
    '[understudy:cli] Failed to load seed from the seed request: slack.channels[0].is_privte: unknown key "is_privte"; did you mean "is_private"? Nothing was seeded.',
  )
  const wrongType = await seed({ github: { repos: [{ full_name: 'octo/new', private: 'yes' }] } })
  expect(wrongType.status).toBe(400)
  expect((await wrongType.json()).error).toContain(
    'github.repos[0].private: expected true or false, got "yes"',
  )

  const octokit = new Octokit({
    auth: 'ghp_a',
    baseUrl: 'http://127.0.0.1/github',
    log: quiet,
    request: {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => app.handler(new Request(input, init)),
    },
  })
  await expect(octokit.repos.get({ owner: 'octo', repo: 'new' })).rejects.toMatchObject({ status: 404 })

  const ok = await seed({
    $schema: '../node_modules/@understudy/cli/seed.schema.json',
    github: { repos: [{ full_name: 'octo/new' }] },
  })
  expect(ok.status).toBe(200)
  expect((await octokit.repos.get({ owner: 'octo', repo: 'new' })).data.full_name).toBe('octo/new')
})

test('createUnderstudyApp({ seed }) checks every service before creating a mock', () => {
  expect(() =>
    createUnderstudyApp({
      seed: { stripe: { products: [{ name: 'Pro', prices: [{ unit_amount: '9', currency: 'usd' }] }] } },
    }),
  ).toThrowError(
    expect.objectContaining({
      name: 'SeedFileError',
      exitCode: 2,
      issues: [
        {
          path: 'stripe.products[0].prices[0].unit_amount',
          message: 'expected a whole number >= 0, got "9"',
        },
      ],
    }),
  )
})

test('createUnderstudyApp / createUnderstudyServer options are checked, naming the option (#13)', async () => {
  expect(() =>
    createUnderstudyApp({ serviceOptions: { github: { rateLimits: { core: 'lots' as never } } } }),
  ).toThrowError(
    expect.objectContaining({
      name: 'InvalidOptionError',
      option: 'serviceOptions.github.rateLimits.core',
      message: expect.stringContaining('expected a whole number >= 0, got "lots". For example: 5000.'),
    }),
  )
  await expect(createUnderstudyServer({ prot: 0 } as never)).rejects.toThrowError(
    /\[understudy:cli\] Invalid option "prot": unknown key "prot"; did you mean "port"\?/,
  )
})
