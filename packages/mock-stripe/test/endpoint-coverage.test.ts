import { coverageTable, endpointCoverage } from '@understudy/core'
import { expectCoverageTable } from '@understudy/test-utils/readme-coverage'
import { describe, expect, test } from 'vitest'
import { specSource } from '../src/generated/endpoints'
import { stripeService } from '../src/service'

const service = stripeService
const coverage = endpointCoverage(service)

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
    expectCoverageTable(
      new URL('../README.md', import.meta.url),
      coverageTable(coverage, { source: specSource }),
    )
  })
})
