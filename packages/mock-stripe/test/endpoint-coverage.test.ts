import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { coverageTable, endpointCoverage } from '@understudy/core'
import { describe, expect, test } from 'vitest'
import { specSource } from '../src/generated/endpoints'
import { defineStripeService } from '../src/service'

const service = defineStripeService({ pages: new Map() })
const coverage = endpointCoverage(service)

// Biome aligns the README's tables: compare cells, not padding.
const cells = (markdown: string) =>
  markdown
    .trim()
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/, '$1-$2'))
            .join('|')
        : line,
    )
    .join('\n')

// Routes the mock serves that the REST description does not list, each for a reason.
const NOT_IN_SPEC = [
  // In Stripe's description (`GET /v1/charges/{charge}/refunds`), but stripe-node, where the list comes
  // from, no longer wraps it.
  'GET /v1/charges/:id/refunds',
  // The pages Stripe hosts for a browser (checkout.stripe.com, hooks.stripe.com), not API endpoints.
  'GET /c/pay/:id',
  'POST /c/pay/:id',
  'GET /3d_secure_2/hosted/:id',
  'POST /3d_secure_2/hosted/:id',
]

describe('the route table against the Stripe API', () => {
  test('every route serves an operation of the API, except the hosted pages', () => {
    expect(coverage.unlisted.map((r) => `${r.method} ${r.path}`)).toEqual(NOT_IN_SPEC)
  })

  test('the README coverage table is current (pnpm coverage:readme rewrites it)', () => {
    const readme = new URL('../README.md', import.meta.url)
    const text = readFileSync(readme, 'utf8')
    const start = '<!-- endpoint-coverage:start -->\n'
    const end = '<!-- endpoint-coverage:end -->'
    const from = text.indexOf(start) + start.length
    const to = text.indexOf(end)
    expect(from, 'README.md has the coverage markers').toBeGreaterThan(start.length - 1)
    const table = `${coverageTable(coverage, { source: specSource })}\n`
    if (process.env.UNDERSTUDY_WRITE_COVERAGE) {
      const next = new URL('../README.md.tmp', import.meta.url)
      writeFileSync(next, text.slice(0, from) + table + text.slice(to))
      renameSync(next, readme)
    } else expect(cells(text.slice(from, to))).toBe(cells(table))
  })
})
