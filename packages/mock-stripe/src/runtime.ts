import type { HostedRegistry, StripeState } from './state'

/**
 * The API version this mock answers as: stripe-node 23's pinned version, echoed in `Stripe-Version`
 * when a request sends none and set on every Event.
 *
 * @example
 * new Stripe('sk_test_123', { apiVersion: API_VERSION })
 */
export const API_VERSION = '2026-10-28.endive'

/**
 * What the resource logic needs beyond the state: where the request came in (for `url` fields), which
 * request caused a change (for `event.request`), and the time.
 */
export interface Runtime {
  readonly state: StripeState
  /** `https://api.stripe.com`, or `http://127.0.0.1:4010/stripe` behind the standalone server. */
  readonly baseUrl: string
  /** The path part of `baseUrl` (`''` or `/stripe`); list `url` fields start with it. */
  readonly basePath: string
  readonly request: { id: string | null; idempotency_key: string | null }
  readonly apiVersion: string
  /** The mock-wide registry of hosted pages (`ctx.config.hosted`). */
  readonly hosted: HostedRegistry
}

// Parsed once per base URL (a mock answers on one or two), not once per request.
const basePaths = new Map<string, string>()

function basePathOf(baseUrl: string): string {
  let path = basePaths.get(baseUrl)
  if (path === undefined) {
    path = new URL(baseUrl).pathname.replace(/\/+$/, '')
    if (basePaths.size < 64) basePaths.set(baseUrl, path)
  }
  return path
}

export function createRuntime(
  state: StripeState,
  baseUrl: string,
  hosted: HostedRegistry,
  request: Runtime['request'] = { id: null, idempotency_key: null },
  apiVersion = API_VERSION,
): Runtime {
  return {
    state,
    baseUrl,
    basePath: basePathOf(baseUrl),
    request,
    apiVersion,
    hosted,
  }
}

/** Now, in Unix seconds, on the mock's clock. */
export function now(rt: Runtime): number {
  return rt.state.clock.nowSeconds()
}

/**
 * The time objects of a customer live in: its test clock's frozen time when it has one, else the mock's
 * clock. Subscriptions and invoices of test-clock customers only move when that clock advances.
 */
export function timeFor(rt: Runtime, customerId: string | null | undefined): number {
  if (customerId) {
    const customer = rt.state.collections.customers.get(customerId)
    const clockId = customer?.test_clock as string | null | undefined
    const clock = clockId ? rt.state.collections.test_clocks.get(clockId) : undefined
    if (clock) return clock.frozen_time as number
  }
  return now(rt)
}
