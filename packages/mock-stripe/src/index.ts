/**
 * @understudy/mock-stripe: a stateful Stripe in test mode that stripe-node cannot tell from the real
 * one. Customers, payments (test cards and `pm_card_*` tokens, declines, 3-D Secure), refunds,
 * products and prices, subscriptions with their invoices, Checkout, events and signed webhooks, test
 * clocks.
 *
 * @module
 */

export { TEST_CARDS, type TestCard } from './cards'
export { isStripeApiError, StripeApiError, type StripeErrorBody } from './errors'
export { type FormParams, type FormValue, parseStripeForm } from './form'
export { stripeOptionsSchema, stripeOptionsShape } from './options-schema'
export type { CompleteOptions } from './resources/checkout'
export { API_VERSION } from './runtime'
export type { StripeSeed } from './seed'
export { stripeSeedSchema } from './seed-schema'
export type { StripeObject, StripeState } from './state'
export {
  createStripeMock,
  type Duration,
  type SignedEventOptions,
  type StripeMock,
  type StripeMockOptions,
} from './stripe-mock'
