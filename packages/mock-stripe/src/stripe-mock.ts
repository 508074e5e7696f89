import {
  assertOptions,
  createServiceMock,
  InvalidOptionError,
  type ServiceMock,
  type ServiceMockOptions,
} from '@understudy/core'
import { stripe as stripeSignature } from '@understudy/signature-utils'
import type { StripeConfig } from './config'
import { stripeOptionsSchema } from './options-schema'
import { type CompleteOptions, completeCheckoutSession } from './resources/checkout'
import { completeAuthentication } from './resources/payment-intents'
import { catchUp } from './resources/subscriptions'
import { advanceTestClock } from './routes/test-clocks'
import { API_VERSION, createRuntime } from './runtime'
import type { StripeSeed } from './seed'
import { stripeService } from './service'
import { allStates, type Collection, clone, type StripeObject, type StripeState } from './state'
import { flushDeliveries } from './webhooks/events'

export type StripeMockOptions = ServiceMockOptions<StripeSeed>

/** A time span: milliseconds, or parts. */
export type Duration = number | { days?: number; hours?: number; minutes?: number; seconds?: number }

export interface SignedEventOptions {
  /** The endpoint's signing secret (`whsec_…`), as your receiver reads it. */
  secret: string
  /** The event type, e.g. `checkout.session.completed`. */
  type: string
  /** `data.object` of the event (and `previous_attributes` for `*.updated`). */
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> }
  /** Where the request goes (default: `http://localhost/webhooks/stripe`). */
  url?: string
  id?: string
  /** `event.created`, Unix seconds (default: the mock's clock). */
  created?: number
  /** The signature's `t=`, Unix seconds (default: now, so `constructEvent`'s tolerance accepts it). */
  timestamp?: number
}

/** A running Stripe mock: the framework's members plus Stripe's test-mode helpers. */
export interface StripeMock extends ServiceMock<StripeState, StripeSeed> {
  /**
   * Moves the mock's clock forward (when given a duration) and runs what falls due: subscription
   * renewals with their invoices and payments, trial ends, cancellations at period end, and the
   * webhooks for all of it. Customers on a Stripe test clock move with that clock instead
   * (`stripe.testHelpers.testClocks.advance`, or `advanceTestClock` here).
   */
  advanceTime(by?: Duration, options?: { partition?: string }): Promise<void>
  /** `POST /v1/test_helpers/test_clocks/:id/advance` without an SDK: moves a test clock to `frozenTime`. */
  advanceTestClock(clockId: string, frozenTime: number): Promise<StripeObject>
  /** What a customer paying on the hosted Checkout page does; resolves to the completed session. */
  completeCheckoutSession(id: string, options?: CompleteOptions): Promise<StripeObject>
  /** Passes (or fails) the 3-D Secure challenge of a PaymentIntent in `requires_action`. */
  completeThreeDSecure(
    paymentIntentId: string,
    options?: { outcome?: 'succeed' | 'fail' },
  ): Promise<StripeObject>
  /** The Events recorded so far, newest first (optionally one type), in a partition or a connected account. */
  events(options?: { type?: string; partition?: string; account?: string }): StripeObject[]
  /** A signed `POST` of an Event, as Stripe delivers it, for testing a webhook receiver on its own. */
  signedEventRequest(options: SignedEventOptions): Promise<Request>
  /** Resolves when every webhook delivery started so far has been delivered or given up. */
  settled(): Promise<void>
}

function toMs(by: Duration): number {
  if (typeof by === 'number') return by
  return (
    (((by.days ?? 0) * 24 + (by.hours ?? 0)) * 60 + (by.minutes ?? 0)) * 60_000 + (by.seconds ?? 0) * 1000
  )
}

/**
 * Creates a stateful Stripe (test mode) that stripe-node talks to unchanged: in-process through msw,
 * or over HTTP behind `understudy serve` / `startServer(mock.handle)`.
 *
 * @example
 * import Stripe from 'stripe'
 * import { setupServer } from 'msw/node'
 * import { createStripeMock } from '@understudy/mock-stripe'
 *
 * const mock = createStripeMock()
 * setupServer(...mock.handlers).listen()
 * const stripe = new Stripe('sk_test_123')
 * const customer = await stripe.customers.create({ email: 'ada@example.com' })
 */
export function createStripeMock(options: StripeMockOptions = {}): StripeMock {
  assertOptions(stripeOptionsSchema, options, { prefix: '[understudy:mock-stripe]' })
  return createServiceMock({ ...stripeService, extend: stripeMembers }, options, {
    hosted: { pages: new Map() },
  })
}

/** Stripe's own instance members: time, test clocks, Checkout and 3DS completion, events, signed requests. */
function stripeMembers(base: ServiceMock<StripeState, StripeSeed, StripeConfig>) {
  const { hosted } = base.config
  const runtime = (state: StripeState) => createRuntime(state, 'https://api.stripe.com', hosted)

  function owner(
    id: string,
    collection: Collection,
    what: string,
  ): { state: StripeState; object: StripeObject } {
    for (const partition of base.partitions()) {
      for (const state of allStates(base.state(partition))) {
        const object = state.collections[collection].get(id)
        if (object) return { state, object }
      }
    }
    throw new InvalidOptionError(
      what,
      `no ${collection.replace(/_/g, ' ').replace(/s$/, '')} "${id}" exists in this mock. Create it through the API first.`,
    )
  }

  return {
    reset() {
      hosted.pages.clear()
      base.reset()
    },
    async advanceTime(by?: Duration, advanceOptions: { partition?: string } = {}) {
      if (by !== undefined) {
        const ms = toMs(by)
        if (!Number.isFinite(ms) || ms < 0) {
          throw new InvalidOptionError(
            'advanceTime',
            `expected a duration >= 0 (ms or { days, hours, minutes, seconds }), got ${JSON.stringify(by)}.`,
          )
        }
        base.clock.advance(ms)
      }
      const partitions = advanceOptions.partition ? [advanceOptions.partition] : base.partitions()
      for (const partition of partitions) {
        const state = base.state(partition)
        for (const account of allStates(state)) catchUp(runtime(account))
        flushDeliveries(state, base.webhooks)
      }
    },
    async advanceTestClock(clockId: string, frozenTime: number) {
      const { state, object } = owner(clockId, 'test_clocks', 'advanceTestClock')
      advanceTestClock(runtime(state), object, frozenTime)
      flushDeliveries(state, base.webhooks)
      return clone(object)
    },
    async completeCheckoutSession(id: string, completeOptions: CompleteOptions = {}) {
      const { state, object } = owner(id, 'checkout_sessions', 'completeCheckoutSession')
      try {
        completeCheckoutSession(runtime(state), object, completeOptions)
      } finally {
        flushDeliveries(state, base.webhooks)
      }
      return clone(object)
    },
    async completeThreeDSecure(paymentIntentId: string, authOptions: { outcome?: 'succeed' | 'fail' } = {}) {
      const { state, object } = owner(paymentIntentId, 'payment_intents', 'completeThreeDSecure')
      completeAuthentication(runtime(state), object, authOptions.outcome ?? 'succeed')
      flushDeliveries(state, base.webhooks)
      return clone(object)
    },
    events(eventOptions: { type?: string; partition?: string; account?: string } = {}) {
      const platform = base.state(eventOptions.partition)
      const state = eventOptions.account ? platform.connected.get(eventOptions.account) : platform
      const events = [...(state?.collections.events.values() ?? [])].reverse()
      return clone(eventOptions.type ? events.filter((e) => e.type === eventOptions.type) : events)
    },
    async signedEventRequest(event: SignedEventOptions) {
      if (!event.secret) {
        throw new InvalidOptionError(
          'secret',
          'pass the endpoint secret your receiver verifies with, e.g. "whsec_test".',
        )
      }
      const body = JSON.stringify(
        {
          id: event.id ?? `evt_${base.state().ids.next('', 24)}`,
          object: 'event',
          api_version: API_VERSION,
          created: event.created ?? base.clock.nowSeconds(),
          data: event.data,
          livemode: false,
          pending_webhooks: 1,
          request: { id: null, idempotency_key: null },
          type: event.type,
        },
        null,
        2,
      )
      const headers = await stripeSignature.headers(
        event.secret,
        body,
        event.timestamp ?? Math.floor(Date.now() / 1000),
      )
      return new Request(event.url ?? 'http://localhost/webhooks/stripe', { method: 'POST', headers, body })
    },
    /** An alias of `webhooks.settled()`. */
    settled: () => base.webhooks.settled(),
  }
}
