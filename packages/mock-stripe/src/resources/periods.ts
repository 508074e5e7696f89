import type { Runtime } from '../runtime'
import type { StripeObject } from '../state'

// Billing periods, and the invoice lines a subscription bills for one.

export const DAY = 86_400
/** Statuses in which a subscription still bills. */
export const LIVE = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused']

/** `start` plus `count` intervals, on calendar months and years as Stripe bills them. */
export function addInterval(start: number, interval: string, count: number): number {
  if (interval === 'day') return start + count * DAY
  if (interval === 'week') return start + count * 7 * DAY
  const date = new Date(start * 1000)
  const day = date.getUTCDate()
  const months = interval === 'year' ? 12 * count : count
  date.setUTCDate(1)
  date.setUTCMonth(date.getUTCMonth() + months)
  // Anchored on the 31st, a period ends on the last day of shorter months.
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
  date.setUTCDate(Math.min(day, last))
  return Math.floor(date.getTime() / 1000)
}

export function money(amount: number, currency: string): string {
  const symbol = currency === 'usd' ? '$' : currency === 'eur' ? '€' : currency === 'gbp' ? '£' : ''
  return `${symbol}${(amount / 100).toFixed(2)}${symbol ? '' : ` ${currency.toUpperCase()}`}`
}

export function productName(rt: Runtime, price: StripeObject): string {
  return rt.state.collections.products.get(price.product)?.name ?? price.product
}

export interface LineInput {
  price?: StripeObject
  quantity: number
  amount: number
  currency: string
  description: string
  period: { start: number; end: number }
  subscription?: StripeObject
  item?: StripeObject
  invoiceItem?: StripeObject
}

/** The lines of a subscription's invoice for one period (a trial bills each item at 0). */
export function itemLines(
  rt: Runtime,
  sub: StripeObject,
  start: number,
  end: number,
  trial: boolean,
): LineInput[] {
  return (sub.items.data as StripeObject[]).map((item) => {
    const price = item.price as StripeObject
    const amount = trial ? 0 : (price.unit_amount ?? 0) * item.quantity
    const name = productName(rt, price)
    const description = trial
      ? `Trial period for ${name}`
      : `${item.quantity} × ${name} (at ${money(price.unit_amount ?? 0, price.currency)} / ${price.recurring.interval})`
    return {
      price,
      quantity: item.quantity,
      amount,
      currency: price.currency,
      description,
      period: { start, end },
      subscription: sub,
      item,
    }
  })
}

export function setPeriod(sub: StripeObject, start: number, end: number): void {
  for (const item of sub.items.data as StripeObject[]) {
    item.current_period_start = start
    item.current_period_end = end
  }
}

export function periodEnd(sub: StripeObject): number {
  return (sub.items.data as StripeObject[])[0]?.current_period_end ?? sub.billing_cycle_anchor
}

export function interval(sub: StripeObject): { interval: string; count: number } {
  const price = (sub.items.data as StripeObject[])[0]?.price
  return { interval: price?.recurring?.interval ?? 'month', count: price?.recurring?.interval_count ?? 1 }
}
