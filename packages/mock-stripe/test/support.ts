import { mount, type StartedServer, startServer } from '@understudy/core'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest'
import { createStripeMock, type StripeMock, type StripeMockOptions } from '../src/index'
import { conformance, objectsIn } from './schema'

export const KEY = 'sk_test_123'
/** 2026-01-15T12:00:00Z: a fixed start, so periods and ids are the same every run. */
export const START = '2026-01-15T12:00:00Z'

export interface Harness {
  /** The mock of the current test (fresh per test). */
  readonly mock: StripeMock
  /** A stripe-node client pointed at the mock the way a user would point it. */
  stripe(config?: Stripe.StripeConfig, key?: string): Stripe
  readonly transport: 'msw' | 'http'
}

export type Transport = 'msw' | 'http'

/**
 * Runs the same suite twice: stripe-node in-process through msw (its default node:http client, at
 * api.stripe.com) and over real HTTP against the mock mounted as the standalone server mounts it.
 */
export function describeTransports(
  name: string,
  suite: (h: Harness) => void,
  options: { mock?: () => StripeMockOptions; transports?: Transport[] } = {},
): void {
  for (const transport of options.transports ?? (['msw', 'http'] as const)) {
    describe(`${name} [${transport}]`, () => {
      let current: StripeMock
      let server: StartedServer | undefined
      const msw = transport === 'msw' ? setupServer() : undefined
      beforeAll(async () => {
        if (msw) msw.listen({ onUnhandledFrame: 'error' })
        else {
          const handler = (request: Request) =>
            mount([
              { prefix: '/stripe', target: current },
              { prefix: '', target: current },
            ])(request)
          server = await startServer(handler)
        }
      })
      afterAll(async () => {
        msw?.close()
        await server?.close()
      })
      beforeEach(() => {
        current = createStripeMock({ clock: { now: START }, ...options.mock?.() })
        msw?.resetHandlers(...current.handlers)
      })
      // Every answer of every test is checked against what Stripe publishes for its objects.
      afterEach(() => {
        const bodies = [
          ...current.requests.map((r) => r.responseBody),
          ...current.partitions().map((p) => current.events({ partition: p })),
        ]
        const problems = [...new Set(bodies.flatMap((b) => objectsIn(b)).flatMap(conformance))]
        expect(problems, "responses that differ from Stripe's published object shapes").toEqual([])
      })
      suite({
        get mock() {
          return current
        },
        transport,
        stripe(config = {}, key = KEY) {
          const target = server ? { host: '127.0.0.1', port: server.port, protocol: 'http' as const } : {}
          return new Stripe(key, { maxNetworkRetries: 0, ...target, ...config })
        },
      })
    })
  }
}
