import { cardError, invalidRequest, type StripeApiError } from '../errors'
import { planFromPrice, subscriptionDefaults, subscriptionItemDefaults } from '../fixtures/billing'
import { embeddedList } from '../pagination'
import { Params } from '../params'
import { now, type Runtime, timeFor } from '../runtime'
import { clone, hiddenOf, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { createPrice } from './catalog'
import { collectInvoice, finalizeInvoice, newInvoice } from './invoices'
import { resolvePaymentMethod } from './payment-methods'
import { addInterval, DAY, interval, itemLines, LIVE, periodEnd, setPeriod } from './periods'
import { find } from './shared'

function readItems(
  rt: Runtime,
  p: Params,
  customerCurrency: string | undefined,
): Array<{ price: StripeObject; quantity: number; metadata: Record<string, string> }> {
  const items = p.objects('items', { required: true })!
  if (items.length === 0)
    throw invalidRequest('Missing required param: items.', { param: 'items', code: 'parameter_missing' })
  return items.map((item, i) => {
    item.allow(
      'price',
      'price_data',
      'quantity',
      'metadata',
      'tax_rates',
      'discounts',
      'billing_thresholds',
      'plan',
    )
    const priceRef = item.string('price') ?? item.string('plan')
    let price: StripeObject
    if (priceRef) price = find(rt, 'prices', priceRef, 'price', `items[${i}][price]`)
    else {
      const data = item.object('price_data')
      if (!data)
        throw invalidRequest(`Missing required param: items[${i}][price].`, {
          param: `items[${i}][price]`,
          code: 'parameter_missing',
        })
      price = createPrice(rt, data, { inline: true })
    }
    if (price.type !== 'recurring') {
      throw invalidRequest(
        'The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.',
        { param: `items[${i}][price]` },
      )
    }
    if (!price.active) {
      throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, {
        param: `items[${i}][price]`,
      })
    }
    if (customerCurrency && price.currency !== customerCurrency) {
      throw invalidRequest(
        `You cannot combine currencies on a single customer. This customer has had a subscription or payment in ${customerCurrency}, but you are trying to pay in ${price.currency}.`,
        { param: `items[${i}][price]` },
      )
    }
    return { price, quantity: item.int('quantity', { min: 0 }) ?? 1, metadata: item.metadata() ?? {} }
  })
}

/** `POST /v1/subscriptions`: the first invoice is created, finalized and collected at once. */
export function createSubscription(rt: Runtime, p: Params): StripeObject {
  p.allow(
    'customer',
    'items',
    'trial_period_days',
    'trial_end',
    'default_payment_method',
    'payment_behavior',
    'collection_method',
    'days_until_due',
    'cancel_at_period_end',
    'cancel_at',
    'metadata',
    'description',
    'currency',
    'off_session',
    'payment_settings',
    'automatic_tax',
    'proration_behavior',
    'trial_from_plan',
    'billing_cycle_anchor',
    'discounts',
    'add_invoice_items',
    'default_tax_rates',
    'trial_settings',
    'billing_mode',
    'application_fee_percent',
    'transfer_data',
    'on_behalf_of',
    'pending_invoice_item_interval',
    'default_source',
    'coupon',
    'promotion_code',
  )
  const customerId = p.string('customer', { required: true })!
  const customer = find(rt, 'customers', customerId, 'customer', 'customer')
  const items = readItems(rt, p, customer.currency ?? undefined)
  const start = timeFor(rt, customer.id)
  const sub = subscriptionDefaults(rt.state.ids.next('sub_', 24), start)
  const behavior =
    p.enum('payment_behavior', [
      'allow_incomplete',
      'default_incomplete',
      'error_if_incomplete',
      'pending_if_incomplete',
    ] as const) ?? 'allow_incomplete'
  const collection =
    p.enum('collection_method', ['charge_automatically', 'send_invoice'] as const) ?? 'charge_automatically'
  const daysUntilDue = p.int('days_until_due')
  if (collection === 'send_invoice' && daysUntilDue === undefined) {
    throw invalidRequest('Missing required param: days_until_due.', {
      param: 'days_until_due',
      code: 'parameter_missing',
    })
  }
  const pmRef = p.string('default_payment_method')
  const pm = pmRef ? resolvePaymentMethod(rt, pmRef, 'default_payment_method') : undefined
  if (pm && pm.customer !== customer.id) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${pm.id}. The payment method must be attached to the customer.`,
      { param: 'default_payment_method', code: 'resource_missing' },
    )
  }
  let trialEnd: number | undefined
  const trialDays = p.int('trial_period_days', { min: 0 })
  if (trialDays) trialEnd = start + trialDays * DAY
  if (p.has('trial_end')) {
    const value = p.string('trial_end')
    if (value !== 'now') {
      trialEnd = p.int('trial_end')
      if (trialEnd !== undefined && trialEnd <= start) {
        throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', {
          param: 'trial_end',
        })
      }
    }
  }
  const currency = items[0]!.price.currency
  Object.assign(sub, {
    customer: customer.id,
    collection_method: collection,
    days_until_due: collection === 'send_invoice' ? daysUntilDue : null,
    default_payment_method: pm?.id ?? null,
    currency,
    description: p.nullable('description') ?? null,
    metadata: p.metadata() ?? {},
    cancel_at_period_end: p.bool('cancel_at_period_end') ?? false,
    cancel_at: p.int('cancel_at') ?? null,
    test_clock: customer.test_clock,
    trial_start: trialEnd ? start : null,
    trial_end: trialEnd ?? null,
    billing_cycle_anchor: trialEnd ?? start,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method:
        p
          .object('payment_settings')
          ?.enum('save_default_payment_method', ['off', 'on_subscription'] as const) ?? 'off',
    },
  })
  const siItems = items.map(({ price, quantity, metadata }) => {
    const si = subscriptionItemDefaults(rt.state.ids.next('si_', 14), start)
    Object.assign(si, {
      price: clone(price),
      plan: planFromPrice(price),
      quantity,
      metadata,
      subscription: sub.id,
    })
    rt.state.collections.subscription_items.set(si.id, si)
    return si
  })
  sub.items = embeddedList(siItems, `/v1/subscription_items?subscription=${sub.id}`)
  const { interval: unit, count } = interval(sub)
  const end = trialEnd ?? addInterval(start, unit, count)
  setPeriod(sub, start, end)

  const invoice = newInvoice(rt, customer, {
    subscription: sub,
    billingReason: 'subscription_create',
    collectionMethod: collection,
    daysUntilDue: daysUntilDue ?? null,
    created: start,
    currency,
    lines: itemLines(rt, sub, start, end, trialEnd !== undefined),
  })
  sub.latest_invoice = invoice.id
  const needsPayment = invoice.amount_due > 0 && collection === 'charge_automatically'
  const method = pm?.id ?? customer.invoice_settings.default_payment_method
  if (needsPayment && !method && behavior !== 'default_incomplete') {
    rt.state.collections.invoices.delete(invoice.id)
    for (const si of siItems) rt.state.collections.subscription_items.delete(si.id)
    throw invalidRequest(
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://docs.stripe.com/billing/subscriptions/payment-methods-setting#payment-method-priority.',
      { code: 'resource_missing' },
    )
  }
  rt.state.collections.subscriptions.set(sub.id, sub)
  finalizeInvoice(rt, invoice, start)
  if (!needsPayment) {
    sub.status = trialEnd ? 'trialing' : 'active'
  } else if (behavior === 'default_incomplete') {
    collectInvoice(rt, invoice, { paymentMethod: null, offSession: false })
    sub.status = 'incomplete'
  } else {
    let failure: StripeApiError | undefined
    const outcome = collectInvoice(rt, invoice, { offSession: false, error: (e) => (failure = e) })
    if (outcome === 'paid') sub.status = 'active'
    else if (behavior === 'error_if_incomplete') {
      // Stripe does not keep a subscription that could not be paid with error_if_incomplete.
      rt.state.collections.subscriptions.delete(sub.id)
      throw (
        failure ??
        cardError({
          code: 'authentication_required',
          decline_code: 'authentication_required',
          message: 'Your card was declined. This transaction requires authentication.',
        })
      )
    } else sub.status = 'incomplete'
  }
  // A customer's first subscription fixes its currency.
  if (customer.currency === null) customer.currency = currency
  emitEvent(rt, 'customer.subscription.created', sub, undefined, { created: start })
  return sub
}

/** `POST /v1/subscriptions/:id` */
export function updateSubscription(rt: Runtime, sub: StripeObject, p: Params): StripeObject {
  p.allow(
    'items',
    'cancel_at_period_end',
    'cancel_at',
    'metadata',
    'description',
    'default_payment_method',
    'trial_end',
    'proration_behavior',
    'payment_behavior',
    'collection_method',
    'days_until_due',
    'pause_collection',
    'cancellation_details',
    'off_session',
    'payment_settings',
    'billing_cycle_anchor',
    'discounts',
    'default_tax_rates',
    'proration_date',
    'trial_from_plan',
    'automatic_tax',
  )
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
    const allowed = Object.keys(p.raw).every((k) =>
      ['metadata', 'cancellation_details', 'expand'].includes(k),
    )
    if (!allowed) {
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.')
    }
  }
  const before = clone(sub)
  const metadata = p.metadata(sub.metadata)
  if (metadata) sub.metadata = metadata
  const description = p.nullable('description')
  if (description !== undefined) sub.description = description
  const cape = p.bool('cancel_at_period_end')
  if (cape !== undefined) {
    sub.cancel_at_period_end = cape
    sub.cancel_at = cape ? periodEnd(sub) : null
    sub.canceled_at = cape ? timeFor(rt, sub.customer) : null
    sub.cancellation_details = {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: cape ? 'cancellation_requested' : null,
    }
  }
  if (p.has('cancel_at')) sub.cancel_at = p.isEmpty('cancel_at') ? null : p.int('cancel_at')
  const details = p.object('cancellation_details')
  if (details) {
    details.allow('comment', 'feedback')
    const comment = details.nullable('comment')
    if (comment !== undefined) sub.cancellation_details.comment = comment
    const feedback = details.nullable('feedback')
    if (feedback !== undefined) sub.cancellation_details.feedback = feedback
  }
  const pmRef = p.nullable('default_payment_method')
  if (pmRef === null) sub.default_payment_method = null
  else if (pmRef) sub.default_payment_method = resolvePaymentMethod(rt, pmRef, 'default_payment_method').id
  if (p.has('trial_end')) {
    const value = p.string('trial_end')
    const t = value === 'now' ? timeFor(rt, sub.customer) : p.int('trial_end')!
    sub.trial_end = t
    if (sub.status === 'trialing') setPeriod(sub, (sub.items.data[0] as StripeObject).current_period_start, t)
  }
  const items = p.objects('items')
  if (items) {
    for (const [i, item] of items.entries()) {
      item.allow(
        'id',
        'price',
        'price_data',
        'quantity',
        'metadata',
        'deleted',
        'clear_usage',
        'tax_rates',
        'discounts',
        'plan',
      )
      const id = item.string('id')
      const existing = id ? (sub.items.data as StripeObject[]).find((si) => si.id === id) : undefined
      if (id && !existing)
        throw invalidRequest(`No such subscription item: '${id}'`, {
          param: `items[${i}][id]`,
          code: 'resource_missing',
        })
      if (existing && item.bool('deleted')) {
        sub.items.data = (sub.items.data as StripeObject[]).filter((si) => si !== existing)
        rt.state.collections.subscription_items.delete(existing.id)
        continue
      }
      const priceRef = item.string('price')
      const price = priceRef ? find(rt, 'prices', priceRef, 'price', `items[${i}][price]`) : undefined
      if (existing) {
        if (price) {
          existing.price = clone(price)
          existing.plan = planFromPrice(price)
        }
        const quantity = item.int('quantity', { min: 0 })
        if (quantity !== undefined) existing.quantity = quantity
        const md = item.metadata(existing.metadata)
        if (md) existing.metadata = md
      } else {
        if (!price)
          throw invalidRequest(`Missing required param: items[${i}][price].`, {
            param: `items[${i}][price]`,
            code: 'parameter_missing',
          })
        const first = sub.items.data[0] as StripeObject | undefined
        const si = subscriptionItemDefaults(rt.state.ids.next('si_', 14), timeFor(rt, sub.customer))
        Object.assign(si, {
          price: clone(price),
          plan: planFromPrice(price),
          quantity: item.int('quantity', { min: 0 }) ?? 1,
          metadata: item.metadata() ?? {},
          subscription: sub.id,
          current_period_start: first?.current_period_start ?? si.created,
          current_period_end: first?.current_period_end ?? si.created,
        })
        rt.state.collections.subscription_items.set(si.id, si)
        sub.items.data.push(si)
      }
    }
    sub.items.total_count = sub.items.data.length
  }
  const previous = previousAttributes(before, sub)
  if (previous) emitEvent(rt, 'customer.subscription.updated', sub, previous)
  return sub
}

/** `DELETE /v1/subscriptions/:id` */
export function cancelSubscription(
  rt: Runtime,
  sub: StripeObject,
  p: Params,
  at = timeFor(rt, sub.customer),
): StripeObject {
  p.allow('invoice_now', 'prorate', 'cancellation_details')
  if (sub.status === 'canceled') {
    throw invalidRequest(`No such subscription: '${sub.id}'`, {
      code: 'resource_missing',
      param: 'id',
      status: 404,
    })
  }
  const details = p.object('cancellation_details')
  Object.assign(sub, {
    status: 'canceled',
    canceled_at: at,
    ended_at: at,
    cancellation_details: {
      comment: details?.nullable('comment') ?? null,
      feedback: details?.nullable('feedback') ?? null,
      feedback_option: null,
      reason: 'cancellation_requested',
    },
  })
  emitEvent(rt, 'customer.subscription.deleted', sub, undefined, { created: at })
  return sub
}

/**
 * Moves one subscription through time up to `until`: trial reminders and ends, renewals with their
 * invoices (created, finalized, paid or failed), and cancellations at period end.
 */
export function advanceSubscription(rt: Runtime, sub: StripeObject, until: number): void {
  for (let guard = 0; guard < 1000; guard++) {
    // catchUp skips what hasDue rules out, so whatever this loop does must be something hasDue sees.
    if (!hasDue(rt, sub, until)) return
    const end = periodEnd(sub)
    if (sub.status === 'trialing' && sub.trial_end && until >= sub.trial_end - 3 * DAY) {
      const hidden = hiddenOf(rt.state, sub.id)
      if (!hidden.trialWillEnd) {
        hidden.trialWillEnd = true
        emitEvent(rt, 'customer.subscription.trial_will_end', sub, undefined, {
          created: Math.max(sub.trial_end - 3 * DAY, sub.created),
        })
      }
    }
    if (sub.cancel_at && sub.cancel_at <= until && sub.cancel_at <= end) {
      cancelSubscription(rt, sub, new Params({}), sub.cancel_at)
      return
    }
    if (end > until) return
    const before = clone(sub)
    const { interval: unit, count } = interval(sub)
    const next = addInterval(end, unit, count)
    const customer = rt.state.collections.customers.get(sub.customer)
    if (!customer) return
    setPeriod(sub, end, next)
    if (sub.status === 'trialing') sub.status = 'active'
    const invoice = newInvoice(rt, customer, {
      subscription: sub,
      billingReason: 'subscription_cycle',
      collectionMethod: sub.collection_method,
      daysUntilDue: sub.days_until_due,
      created: end,
      currency: sub.currency,
      lines: itemLines(rt, sub, end, next, false),
      periodStart: (before.items.data[0] as StripeObject | undefined)?.current_period_start ?? end,
      periodEnd: end,
    })
    sub.latest_invoice = invoice.id
    finalizeInvoice(rt, invoice, end)
    const outcome = collectInvoice(rt, invoice, { offSession: true, at: end })
    if (outcome === 'failed' || outcome === 'requires_action' || outcome === 'no_payment_method') {
      if (sub.collection_method === 'charge_automatically' && invoice.status !== 'paid')
        sub.status = 'past_due'
    } else if (outcome === 'paid' && sub.status === 'past_due') sub.status = 'active'
    const previous = previousAttributes(before, sub)
    if (previous) emitEvent(rt, 'customer.subscription.updated', sub, previous, { created: end })
  }
}

/**
 * Whether {@link advanceSubscription} has anything to do for `sub` at `until`: a period ended, a
 * cancellation fell due, or a trial's `trial_will_end` (three days before its end) is owed.
 */
function hasDue(rt: Runtime, sub: StripeObject, until: number): boolean {
  if (!LIVE.includes(sub.status) || sub.status === 'incomplete') return false
  if (periodEnd(sub) <= until || (sub.cancel_at && sub.cancel_at <= until)) return true
  return (
    sub.status === 'trialing' &&
    Boolean(sub.trial_end) &&
    until >= sub.trial_end - 3 * DAY &&
    !rt.state.hidden.get(sub.id)?.trialWillEnd
  )
}

/**
 * Runs every subscription of the partition up to the mock's current time, but those of customers on a
 * test clock: they move with that clock instead.
 */
export function catchUp(rt: Runtime): void {
  const { customers, subscriptions } = rt.state.collections
  if (subscriptions.size === 0) return
  // This runs before every API call, over every subscription: the clock is read once per pass, and a
  // subscription with nothing due costs a look at its own fields.
  const current = now(rt)
  for (const sub of [...subscriptions.values()]) {
    if (!hasDue(rt, sub, current)) continue
    if (customers.get(sub.customer)?.test_clock) continue
    advanceSubscription(rt, sub, current)
  }
}
