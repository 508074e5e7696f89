import { mount, startServer } from '@understudy/core'
import { describeTransports as describeMatrix, type MatrixRuntime } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterEach, beforeEach, expect } from 'vitest'
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

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime

/**
 * Runs the same suite on the shared transport matrix: stripe-node in-process through msw (its default
 * node:http client, at api.stripe.com) and over real HTTP against the mock mounted at the root, as the
 * standalone server serves `/v1/`. Each test gets a fresh mock.
 */
export function describeTransports(
  name: string,
  suite: (h: Harness) => void,
  options: { mock?: () => StripeMockOptions; transports?: Transport[] } = {},
): void {
  const fresh = () => createStripeMock({ clock: { now: START }, ...options.mock?.() })
  describeMatrix(
    runtime,
    name,
    {
      create: fresh,
      realBase: 'https://api.stripe.com',
      prefix: '',
      transports: options.transports ?? ['msw', 'http'],
      partitionedOverHttp: false,
    },
    (served) => {
      beforeEach(() => served.use(fresh()))
      // Every answer of every test is checked against what Stripe publishes for its objects.
      afterEach(() => {
        const current = served.mock
        const bodies = [
          ...current.requests.map((r) => r.responseBody),
          ...current.partitions().map((p) => current.events({ partition: p })),
        ]
        const problems = [...new Set(bodies.flatMap((b) => objectsIn(b)).flatMap(conformance))]
        expect(problems, "responses that differ from Stripe's published object shapes").toEqual([])
      })
      suite({
        get mock() {
          return served.mock
        },
        transport: served.transport as Transport,
        stripe(config = {}, key = KEY) {
          const target =
            served.transport === 'http'
              ? { host: '127.0.0.1', port: Number(new URL(served.baseUrl).port), protocol: 'http' as const }
              : {}
          return new Stripe(key, { maxNetworkRetries: 0, ...target, ...config })
        },
      })
    },
  )
}

/** Event types under a prefix, oldest first. */
export const typesOf = (mock: StripeMock, prefix: string) =>
  mock
    .events()
    .map((e) => e.type as string)
    .filter((t) => t.startsWith(prefix))
    .reverse()

/** The StripeError a call rejects with (any other outcome fails the test). */
export async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof Stripe.errors.StripeError))
    throw new Error(`expected a StripeError, got ${String(error)}`)
  return error
}
