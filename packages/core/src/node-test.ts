/**
 * `@understudy/core/node-test`: the mocks served in-process for a `node:test` suite.
 *
 * ```ts
 * import { test } from 'node:test'
 * import assert from 'node:assert/strict'
 * import { useMocks } from '@understudy/core/node-test'
 * import { createStripeMock } from '@understudy/mock-stripe'
 * import Stripe from 'stripe'
 *
 * const stripe = createStripeMock()
 * useMocks(stripe) // listen before, reset after each test, close after
 *
 * test('creates a customer', async () => {
 *   await new Stripe('sk_test_123').customers.create({ email: 'ada@example.com' })
 *   assert.ok(stripe.called('POST /v1/customers'))
 * })
 * ```
 *
 * Call it at the top level of the test file (or inside a `describe`), as `before`/`after` are scoped.
 *
 * @module
 */

import { after, afterEach, before } from 'node:test'
import {
  bindMocks,
  type MockServer,
  splitArgs,
  type UsableMock,
  type UseMocksOptions,
} from './test-runner/use-mocks'

export type { MockServer, UsableMock, UseMocksOptions }

/**
 * Serves the mocks through one msw server: listens before the tests (unhandled requests fail), resets
 * every mock after each test, closes after. Returns the msw server.
 *
 * @example
 * const server = useMocks(github, slack)
 */
export function useMocks(...args: Array<UsableMock | UseMocksOptions>): MockServer {
  const { mocks, options } = splitArgs(args)
  return bindMocks(mocks, { beforeAll: before, afterEach, afterAll: after }, options, 'useMocks')
}
