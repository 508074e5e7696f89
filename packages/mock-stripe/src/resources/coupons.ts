import { invalidRequest, parameterMissing, StripeApiError } from '../errors'
import { couponDefaults } from '../fixtures/coupon'
import type { Params } from '../params'
import { now, type Runtime } from '../runtime'
import { clone, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { find, readCurrency } from './shared'

/** `percent_off` is a decimal (`12.5`), not an integer. */
function readPercent(p: Params): number | undefined {
  const value = p.string('percent_off')
  if (value === undefined || value === '') return undefined
  if (!/^\d+(\.\d+)?$/.test(value))
    throw invalidRequest(`Invalid decimal: ${value}`, { param: 'percent_off' })
  const n = Number(value)
  if (n <= 0 || n > 100) {
    throw invalidRequest('Invalid percent_off: must be greater than 0 and at most 100.', {
      param: 'percent_off',
    })
  }
  return n
}

/**
 * A coupon stops being valid once `redeem_by` has passed or `max_redemptions` is reached; Stripe keeps
 * `valid` current, so it is brought up to date before every answer.
 */
export function refreshCoupon(rt: Runtime, coupon: StripeObject): StripeObject {
  const expired = coupon.redeem_by !== null && coupon.redeem_by <= now(rt)
  const used = coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions
  coupon.valid = !expired && !used
  return coupon
}

/** A coupon by id: deleted coupons are gone (`No such coupon`), unlike deleted customers. */
export function findCoupon(rt: Runtime, id: string, param?: string): StripeObject {
  return refreshCoupon(rt, find(rt, 'coupons', id, 'coupon', param))
}

/**
 * `POST /v1/coupons`: `percent_off`, or `amount_off` with `currency`; `duration` once (the default),
 * forever, or repeating with `duration_in_months`.
 *
 * @see https://docs.stripe.com/api/coupons/create
 */
export function createCoupon(rt: Runtime, p: Params): StripeObject {
  p.allow(
    'id',
    'name',
    'percent_off',
    'amount_off',
    'currency',
    'currency_options',
    'duration',
    'duration_in_months',
    'max_redemptions',
    'redeem_by',
    'applies_to',
    'metadata',
  )
  const percent = readPercent(p)
  const amount = p.int('amount_off', { min: 1 })
  if (percent === undefined && amount === undefined) {
    throw invalidRequest('You must pass either `amount_off` or `percent_off` to create a coupon.', {
      code: 'parameter_missing',
    })
  }
  if (percent !== undefined && amount !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: amount_off, percent_off.', {
      param: 'amount_off',
    })
  }
  const currency = readCurrency(p, false)
  if (amount !== undefined && !currency) throw parameterMissing('currency')
  const duration = p.enum('duration', ['forever', 'once', 'repeating'] as const) ?? 'once'
  const months = p.int('duration_in_months', { min: 1 })
  if (duration === 'repeating' && months === undefined) throw parameterMissing('duration_in_months')
  if (duration !== 'repeating' && months !== undefined) {
    throw invalidRequest("Invalid duration_in_months: it can only be set when duration is 'repeating'.", {
      param: 'duration_in_months',
    })
  }
  const redeemBy = p.int('redeem_by')
  if (redeemBy !== undefined && redeemBy <= now(rt)) {
    throw invalidRequest('Invalid redeem_by: must be in the future.', { param: 'redeem_by' })
  }
  const name = p.string('name', { maxLength: 40 })
  const id = p.string('id') || rt.state.ids.next('', 8)
  if (rt.state.collections.coupons.has(id)) {
    throw new StripeApiError(400, {
      code: 'resource_already_exists',
      message: 'Coupon already exists.',
      param: 'id',
      type: 'invalid_request_error',
    })
  }
  const appliesTo = p.object('applies_to')
  const products = appliesTo?.allow('products').strings('products')
  for (const [i, product] of (products ?? []).entries()) {
    find(rt, 'products', product, 'product', `applies_to[products][${i}]`)
  }
  const coupon = couponDefaults(id, now(rt))
  Object.assign(coupon, {
    amount_off: amount ?? null,
    // A currency sent with `percent_off` means nothing; Stripe keeps it only for amounts.
    currency: amount !== undefined ? currency! : null,
    duration,
    duration_in_months: months ?? null,
    max_redemptions: p.int('max_redemptions', { min: 1 }) ?? null,
    metadata: p.metadata() ?? {},
    name: name || null,
    percent_off: percent ?? null,
    redeem_by: redeemBy ?? null,
  })
  if (products) coupon.applies_to = { products }
  rt.state.collections.coupons.set(id, coupon)
  emitEvent(rt, 'coupon.created', coupon)
  return coupon
}

/** `POST /v1/coupons/:id`: only `name` and `metadata` change; the discount itself is fixed. */
export function updateCoupon(rt: Runtime, coupon: StripeObject, p: Params): StripeObject {
  p.allow('name', 'metadata', 'currency_options')
  const before = clone(coupon)
  const name = p.string('name', { maxLength: 40 })
  if (name !== undefined) coupon.name = name || null
  const metadata = p.metadata(coupon.metadata ?? {})
  if (metadata) coupon.metadata = metadata
  const previous = previousAttributes(before, coupon)
  if (previous) emitEvent(rt, 'coupon.updated', coupon, previous)
  return coupon
}

/** `DELETE /v1/coupons/:id`: redemptions already made keep their discount, as at Stripe. */
export function deleteCoupon(rt: Runtime, coupon: StripeObject): StripeObject {
  rt.state.collections.coupons.delete(coupon.id)
  emitEvent(rt, 'coupon.deleted', coupon)
  return { id: coupon.id, object: 'coupon', deleted: true }
}
