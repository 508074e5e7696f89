import { invalidRequest, resourceMissing } from '../errors'
import type { Params } from '../params'
import type { Runtime } from '../runtime'
import type { Collection, StripeObject } from '../state'

/** A stored object or Stripe's 404 (`No such customer: 'cus_x'`); `param` names a referencing param (400). */
export function find(
  rt: Runtime,
  collection: Collection,
  id: string,
  kind: string,
  param?: string,
): StripeObject {
  const found = rt.state.collections[collection].get(id)
  if (!found) throw resourceMissing(kind, id, param ?? 'id', param ? 400 : 404)
  return found
}

const CURRENCY = /^[a-zA-Z]{3}$/

/** A currency as Stripe stores it: lower-case ISO code. */
export function readCurrency(p: Params, required = true): string | undefined {
  const value = p.string('currency', { required })
  if (value === undefined) return undefined
  if (!CURRENCY.test(value)) {
    throw invalidRequest(
      `Invalid currency: ${value.toLowerCase()}. Stripe currently supports these currencies: usd, eur, gbp, …`,
      {
        param: p.name('currency'),
      },
    )
  }
  return value.toLowerCase()
}

/** Amounts below Stripe's minimum charge (50 cents in USD/EUR, 30 pence). */
const MINIMUMS: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50 }

export function checkMinimumAmount(amount: number, currency: string): void {
  const minimum = MINIMUMS[currency]
  if (minimum !== undefined && amount < minimum) {
    const symbol = currency === 'gbp' ? '£' : currency === 'eur' ? '€' : '$'
    throw invalidRequest(`Amount must be at least ${symbol}${(minimum / 100).toFixed(2)} ${currency}`, {
      param: 'amount',
      code: 'amount_too_small',
    })
  }
}

/** Sets each field that was sent: `''` clears nullable strings, as Stripe's update endpoints do. */
export function assignStrings(target: StripeObject, p: Params, fields: readonly string[]): void {
  for (const field of fields) {
    const value = p.nullable(field)
    if (value !== undefined) target[field] = value
  }
}

/** An address hash (`address[line1]` …) with every field present, as Stripe returns it. */
export function readAddress(p: Params | undefined): StripeObject | null | undefined {
  if (!p) return undefined
  if (Object.keys(p.raw).length === 0) return null
  p.allow('city', 'country', 'line1', 'line2', 'postal_code', 'state')
  return {
    city: p.nullable('city') ?? null,
    country: p.nullable('country') ?? null,
    line1: p.nullable('line1') ?? null,
    line2: p.nullable('line2') ?? null,
    postal_code: p.nullable('postal_code') ?? null,
    state: p.nullable('state') ?? null,
  }
}

export function readShipping(p: Params | undefined): StripeObject | null | undefined {
  if (!p) return undefined
  if (Object.keys(p.raw).length === 0) return null
  p.allow('address', 'name', 'phone', 'carrier', 'tracking_number')
  return {
    address: readAddress(p.object('address', { required: true })),
    ...(p.has('carrier') ? { carrier: p.nullable('carrier') ?? null } : {}),
    name: p.string('name', { required: true }),
    phone: p.nullable('phone') ?? null,
    ...(p.has('tracking_number') ? { tracking_number: p.nullable('tracking_number') ?? null } : {}),
  }
}
