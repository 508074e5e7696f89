import { assertSeed, SeedError, type StateFactoryContext } from '@understudy/core'
import type { StripeConfig } from './config'
import type { FormParams } from './form'
import { Params } from './params'
import { recordTransaction } from './resources/balance'
import { createPrice, createProduct } from './resources/catalog'
import { createCoupon } from './resources/coupons'
import { createCustomer } from './resources/customers'
import { openDispute } from './resources/disputes'
import { createPaymentIntent } from './resources/payment-intents'
import { createRuntime } from './runtime'
import { stripeSeedSchema } from './seed-schema'
import { COLLECTIONS, type HostedRegistry, type StripeState } from './state'

/**
 * Optional fixture state. Stripe needs none (everything can be made through the API), but seeding
 * saves a test the setup calls. Seeded objects are made exactly as the API would make them.
 *
 * @example
 * createStripeMock({ seed: { customers: [{ email: 'ada@example.com' }], products: [{ name: 'Pro', prices: [{ unit_amount: 2000, currency: 'usd', recurring: { interval: 'month' } }] }] } })
 */
export interface StripeSeed {
  customers?: Array<{
    email?: string
    name?: string
    description?: string
    metadata?: Record<string, string>
  }>
  products?: Array<{
    name: string
    id?: string
    description?: string
    metadata?: Record<string, string>
    prices?: Array<{
      unit_amount: number
      currency: string
      recurring?: { interval: 'day' | 'week' | 'month' | 'year'; interval_count?: number }
      lookup_key?: string
      nickname?: string
    }>
  }>
  /** Coupons, with the parameters `coupons.create` takes. */
  coupons?: Array<{
    id?: string
    name?: string
    percent_off?: number
    amount_off?: number
    currency?: string
    duration?: 'once' | 'repeating' | 'forever'
    duration_in_months?: number
    max_redemptions?: number
    metadata?: Record<string, string>
  }>
  /**
   * Disputed payments: each makes a succeeded card payment of `amount` and opens a dispute on it, as
   * the dispute test cards do (`inquiry: true` for an inquiry, which withdraws nothing).
   */
  disputes?: Array<{
    amount: number
    currency: string
    reason?: string
    inquiry?: boolean
    metadata?: Record<string, string>
  }>
  /** Funds on the balance besides what payments bring: an adjustment per currency and bucket. */
  balance?: {
    available?: Array<{ amount: number; currency: string }>
    pending?: Array<{ amount: number; currency: string }>
  }
}

// Seed values are typed data; the API's params are strings.
function toForm(value: unknown): FormParams {
  const convert = (v: unknown): FormParams[string] =>
    Array.isArray(v)
      ? v.map(convert)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x)]))
        : String(v)
  return convert(value) as FormParams
}

function fail(message: string, error: unknown): never {
  throw new SeedError(
    `[understudy:mock-stripe] Invalid Stripe seed at ${message}: ${error instanceof Error ? error.message : String(error)} Nothing was seeded.`,
  )
}

export function createSeed(
  state: StripeState,
  data: StripeSeed,
  ctx: StateFactoryContext<StripeConfig>,
): void {
  assertSeed(stripeSeedSchema, data, { prefix: '[understudy:mock-stripe]', service: 'Stripe' })
  // What the API would refuse (a duplicate product id...) shows only when creating: undo what this
  // seed made, so a bad seed leaves the state as it was.
  const before = new Map(COLLECTIONS.map((name) => [name, new Set(state.collections[name].keys())]))
  const hiddenBefore = new Set(state.hidden.keys())
  const outboxBefore = state.outbox.length
  try {
    apply(state, data, ctx.config.hosted)
  } catch (error) {
    for (const name of COLLECTIONS)
      for (const id of [...state.collections[name].keys()])
        if (!before.get(name)!.has(id)) state.collections[name].delete(id)
    for (const id of [...state.hidden.keys()]) if (!hiddenBefore.has(id)) state.hidden.delete(id)
    state.outbox.length = outboxBefore
    throw error
  }
}

function apply(state: StripeState, data: StripeSeed, hosted: HostedRegistry): void {
  const rt = createRuntime(state, 'https://api.stripe.com', hosted)
  const eventsBefore = new Set(state.collections.events.keys())
  data.customers?.forEach((customer, i) => {
    try {
      createCustomer(rt, new Params(toForm(customer)))
    } catch (error) {
      fail(`customers[${i}]`, error)
    }
  })
  data.products?.forEach((product, i) => {
    const { prices, ...fields } = product
    try {
      const created = createProduct(rt, new Params(toForm(fields)))
      for (const price of prices ?? []) createPrice(rt, new Params(toForm({ ...price, product: created.id })))
    } catch (error) {
      fail(`products[${i}]`, error)
    }
  })
  data.coupons?.forEach((coupon, i) => {
    try {
      createCoupon(rt, new Params(toForm(coupon)))
    } catch (error) {
      fail(`coupons[${i}]`, error)
    }
  })
  data.disputes?.forEach((dispute, i) => {
    try {
      const pi = createPaymentIntent(
        rt,
        new Params(
          toForm({
            amount: dispute.amount,
            currency: dispute.currency,
            confirm: true,
            payment_method: 'pm_card_visa',
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          }),
        ),
      )
      const charge = state.collections.charges.get(pi.latest_charge)!
      openDispute(rt, charge, {
        reason: dispute.reason ?? 'fraudulent',
        ...(dispute.inquiry ? { inquiry: true } : {}),
        ...(dispute.metadata ? { metadata: dispute.metadata } : {}),
      })
    } catch (error) {
      fail(`disputes[${i}]`, error)
    }
  })
  for (const bucket of ['available', 'pending'] as const) {
    for (const { amount, currency } of data.balance?.[bucket] ?? []) {
      const t = state.clock.nowSeconds()
      recordTransaction(rt, {
        source: null,
        amount,
        currency: currency.toLowerCase(),
        type: 'adjustment',
        reportingCategory: 'other_adjustment',
        description: 'Seeded balance',
        availableOn: bucket === 'available' ? t : t + 2 * 86_400,
      })
    }
  }
  // Seeding is setup, not activity: no events or webhooks for it.
  state.outbox.length = 0
  for (const id of [...state.collections.events.keys()])
    if (!eventsBefore.has(id)) state.collections.events.delete(id)
}
