import { cardError, invalidRequest, type StripeApiError, unexpectedState } from '../errors'
import { registerIncludable } from '../expand'
import {
  invoiceDefaults,
  invoiceLineDefaults,
  planFromPrice,
  subscriptionDefaults,
  subscriptionItemDefaults,
} from '../fixtures/billing'
import { paymentIntentDefaults } from '../fixtures/payment-intent'
import { embeddedList } from '../pagination'
import { Params } from '../params'
import { type Runtime, timeFor } from '../runtime'
import { clone, hiddenOf, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { createPrice } from './catalog'
import { resolvePaymentMethod } from './payment-methods'
import { confirmPaymentIntent } from './payments'
import { find } from './shared'

const DAY = 86_400
const LIVE = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused']

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

function money(amount: number, currency: string): string {
  const symbol = currency === 'usd' ? '$' : currency === 'eur' ? '€' : currency === 'gbp' ? '£' : ''
  return `${symbol}${(amount / 100).toFixed(2)}${symbol ? '' : ` ${currency.toUpperCase()}`}`
}

function productName(rt: Runtime, price: StripeObject): string {
  return rt.state.collections.products.get(price.product)?.name ?? price.product
}

// --- Invoices ---

// Shown only when expanded, as in Stripe (`expand: ['latest_invoice.confirmation_secret']`).
registerIncludable(
  'invoice',
  'confirmation_secret',
  (rt, invoice) => hiddenOf(rt.state, invoice.id).confirmation_secret ?? null,
)
registerIncludable('invoice', 'payments', (rt, invoice) => {
  const piId = hiddenOf(rt.state, invoice.id).payment_intent as string | undefined
  const pi = piId ? rt.state.collections.payment_intents.get(piId) : undefined
  const data = pi
    ? [
        {
          id: `inpay_${pi.id.slice(3)}`,
          object: 'invoice_payment',
          amount_paid: pi.status === 'succeeded' ? pi.amount_received : null,
          amount_requested: pi.amount,
          created: pi.created,
          currency: pi.currency,
          invoice: invoice.id,
          is_default: true,
          livemode: false,
          payment: { payment_intent: pi.id, type: 'payment_intent' },
          status: pi.status === 'succeeded' ? 'paid' : pi.status === 'canceled' ? 'canceled' : 'open',
          status_transitions: { canceled_at: null, paid_at: invoice.status_transitions.paid_at },
        },
      ]
    : []
  return {
    object: 'list',
    data,
    has_more: false,
    url: `${rt.basePath}/v1/invoice_payments?invoice=${invoice.id}`,
  }
})

interface LineInput {
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

export function newInvoice(
  rt: Runtime,
  customer: StripeObject,
  options: {
    subscription?: StripeObject
    billingReason: string
    collectionMethod?: string
    daysUntilDue?: number | null
    created: number
    currency: string
    lines: LineInput[]
    periodStart?: number
    periodEnd?: number
    /** A preview (`invoices.createPreview`): neither stored nor announced. */
    preview?: boolean
  },
): StripeObject {
  const invoice = invoiceDefaults(rt.state.ids.next('in_', 24), options.created)
  const lines = options.lines.map((line) => {
    const l = invoiceLineDefaults(rt.state.ids.next('il_', 24))
    Object.assign(l, {
      amount: line.amount,
      currency: line.currency,
      description: line.description,
      invoice: invoice.id,
      period: line.period,
      quantity: line.quantity,
      quantity_decimal: String(line.quantity),
      subtotal: line.amount,
      subscription: line.subscription?.id ?? null,
      metadata: clone(line.subscription?.metadata ?? line.invoiceItem?.metadata ?? {}),
      parent: line.item
        ? {
            invoice_item_details: null,
            subscription_item_details: {
              invoice_item: null,
              proration: false,
              proration_details: { credited_items: null },
              subscription: line.subscription!.id,
              subscription_item: line.item.id,
            },
            type: 'subscription_item_details',
          }
        : {
            invoice_item_details: {
              invoice_item: line.invoiceItem?.id ?? null,
              proration: false,
              proration_details: { credited_items: null },
              subscription: null,
            },
            subscription_item_details: null,
            type: 'invoice_item_details',
          },
      pricing: line.price
        ? {
            price_details: { price: line.price.id, product: line.price.product },
            type: 'price_details',
            unit_amount_decimal: line.price.unit_amount_decimal,
          }
        : null,
    })
    return l
  })
  const total = lines.reduce((sum, l) => sum + l.amount, 0)
  const sub = options.subscription
  Object.assign(invoice, {
    amount_due: total,
    amount_remaining: total,
    billing_reason: options.billingReason,
    collection_method: options.collectionMethod ?? 'charge_automatically',
    currency: options.currency,
    customer: customer.id,
    customer_address: clone(customer.address),
    customer_email: customer.email,
    customer_name: customer.name,
    customer_phone: customer.phone,
    customer_shipping: clone(customer.shipping),
    customer_tax_exempt: customer.tax_exempt,
    default_payment_method: null,
    lines: embeddedList(lines, `/v1/invoices/${invoice.id}/lines`),
    parent: sub
      ? {
          quote_details: null,
          subscription_details: { metadata: clone(sub.metadata), subscription: sub.id },
          type: 'subscription_details',
        }
      : null,
    period_end: options.periodEnd ?? options.created,
    period_start: options.periodStart ?? options.created,
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: customer.test_clock,
    total,
    total_excluding_tax: total,
  })
  if (options.collectionMethod === 'send_invoice') {
    invoice.due_date = options.created + (options.daysUntilDue ?? 30) * DAY
  }
  if (options.preview) return invoice
  rt.state.collections.invoices.set(invoice.id, invoice)
  emitEvent(rt, 'invoice.created', invoice, undefined, { created: options.created })
  return invoice
}

/** Draft → open: gives the invoice its number; a zero-amount invoice is paid at once. */
export function finalizeInvoice(
  rt: Runtime,
  invoice: StripeObject,
  at = timeFor(rt, invoice.customer),
): void {
  if (invoice.status !== 'draft') {
    throw unexpectedState(
      `This invoice is already finalized, you can't re-finalize a non-draft invoice.`,
      'invoice_not_editable',
    )
  }
  const customer = rt.state.collections.customers.get(invoice.customer)
  const sequence = customer ? customer.next_invoice_sequence++ : 1
  Object.assign(invoice, {
    status: 'open',
    number: `${customer?.invoice_prefix ?? 'INV'}-${String(sequence).padStart(4, '0')}`,
    effective_at: at,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_understudy/test_${rt.state.ids.next('', 24)}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_understudy/test_${rt.state.ids.next('', 24)}/pdf`,
    automatically_finalizes_at: null,
    webhooks_delivered_at: invoice.webhooks_delivered_at ?? at,
  })
  invoice.status_transitions.finalized_at = at
  emitEvent(rt, 'invoice.finalized', invoice, undefined, { created: at })
  if (invoice.amount_due === 0) markPaid(rt, invoice, at)
}

function markPaid(rt: Runtime, invoice: StripeObject, at: number): void {
  Object.assign(invoice, {
    status: 'paid',
    amount_paid: invoice.amount_due,
    amount_remaining: 0,
    attempted: true,
    next_payment_attempt: null,
    ending_balance: 0,
  })
  if (invoice.amount_due > 0) invoice.attempt_count += 1
  invoice.status_transitions.paid_at = at
  emitEvent(rt, 'invoice.paid', invoice, undefined, { created: at })
  emitEvent(rt, 'invoice.payment_succeeded', invoice, undefined, { created: at })
}

export type PaymentOutcome = 'paid' | 'failed' | 'requires_action' | 'no_payment_method' | 'pending'

/**
 * Tries to collect an open invoice: a PaymentIntent on the default payment method (subscription's,
 * then customer's), confirmed off-session for renewals. Records the outcome and its events.
 */
export function collectInvoice(
  rt: Runtime,
  invoice: StripeObject,
  options: {
    paymentMethod?: string | null
    offSession: boolean
    at?: number
    error?: (e: StripeApiError) => void
  },
): PaymentOutcome {
  if (invoice.status === 'paid') return 'paid'
  const at = options.at ?? timeFor(rt, invoice.customer)
  if (invoice.collection_method === 'send_invoice' && options.paymentMethod === undefined) return 'pending'
  const hidden = hiddenOf(rt.state, invoice.id)
  let pi = hidden.payment_intent ? rt.state.collections.payment_intents.get(hidden.payment_intent) : undefined
  if (!pi) {
    pi = paymentIntentDefaults(rt.state.ids.next('pi_', 24), rt.state.ids.next('', 25), at)
    Object.assign(pi, {
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: invoice.customer,
      description:
        invoice.billing_reason === 'subscription_create'
          ? 'Subscription creation'
          : invoice.billing_reason === 'subscription_cycle'
            ? 'Subscription update'
            : null,
      payment_method_types: ['card'],
    })
    rt.state.collections.payment_intents.set(pi.id, pi)
    hidden.payment_intent = pi.id
    hidden.confirmation_secret = { client_secret: pi.client_secret, type: 'payment_intent' }
    emitEvent(rt, 'payment_intent.created', pi, undefined, { created: at })
  }
  const sub = invoice.parent?.subscription_details?.subscription
    ? rt.state.collections.subscriptions.get(invoice.parent.subscription_details.subscription)
    : undefined
  const customer = rt.state.collections.customers.get(invoice.customer)
  const method =
    options.paymentMethod ??
    sub?.default_payment_method ??
    invoice.default_payment_method ??
    customer?.invoice_settings.default_payment_method
  if (!method) return 'no_payment_method'
  pi.payment_method = resolvePaymentMethod(rt, method).id
  pi.status = 'requires_confirmation'
  invoice.attempted = true
  const error = confirmPaymentIntent(rt, pi, { offSession: options.offSession })
  if (pi.status === 'succeeded') {
    markPaid(rt, invoice, at)
    return 'paid'
  }
  if (pi.status === 'requires_action') {
    invoice.attempt_count += 1
    emitEvent(rt, 'invoice.payment_action_required', invoice, undefined, { created: at })
    return 'requires_action'
  }
  invoice.attempt_count += 1
  invoice.next_payment_attempt = invoice.attempt_count < 4 ? at + 3 * DAY : null
  emitEvent(rt, 'invoice.payment_failed', invoice, undefined, { created: at })
  if (error) options.error?.(error)
  return 'failed'
}

// --- Subscriptions ---

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

function itemLines(rt: Runtime, sub: StripeObject, start: number, end: number, trial: boolean): LineInput[] {
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

function setPeriod(sub: StripeObject, start: number, end: number): void {
  for (const item of sub.items.data as StripeObject[]) {
    item.current_period_start = start
    item.current_period_end = end
  }
}

function periodEnd(sub: StripeObject): number {
  return (sub.items.data as StripeObject[])[0]?.current_period_end ?? sub.billing_cycle_anchor
}

function interval(sub: StripeObject): { interval: string; count: number } {
  const price = (sub.items.data as StripeObject[])[0]?.price
  return { interval: price?.recurring?.interval ?? 'month', count: price?.recurring?.interval_count ?? 1 }
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
    if (!LIVE.includes(sub.status) || sub.status === 'incomplete') return
    const end = periodEnd(sub)
    const hidden = hiddenOf(rt.state, sub.id)
    if (
      sub.status === 'trialing' &&
      sub.trial_end &&
      !hidden.trialWillEnd &&
      until >= sub.trial_end - 3 * DAY
    ) {
      hidden.trialWillEnd = true
      emitEvent(rt, 'customer.subscription.trial_will_end', sub, undefined, {
        created: Math.max(sub.trial_end - 3 * DAY, sub.created),
      })
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
 * `POST /v1/invoices/create_preview`: the invoice a subscription will bill next (or a customer's
 * pending invoice items), computed but not created.
 */
export function previewInvoice(rt: Runtime, p: Params): StripeObject {
  p.allow(
    'customer',
    'subscription',
    'subscription_details',
    'automatic_tax',
    'currency',
    'invoice_items',
    'preview_mode',
    'customer_details',
    'discounts',
    'issuer',
    'on_behalf_of',
    'schedule',
    'schedule_details',
  )
  const subId = p.string('subscription')
  const sub = subId ? find(rt, 'subscriptions', subId, 'subscription', 'subscription') : undefined
  const customerId = p.string('customer') ?? sub?.customer
  if (!customerId) {
    throw invalidRequest('Missing required param: customer.', {
      param: 'customer',
      code: 'parameter_missing',
    })
  }
  const customer = find(rt, 'customers', customerId, 'customer', 'customer')
  const live =
    sub ??
    [...rt.state.collections.subscriptions.values()].find(
      (s) => s.customer === customer.id && LIVE.includes(s.status),
    )
  let lines: LineInput[] = []
  let start = timeFor(rt, customer.id)
  let end = start
  if (live && live.status !== 'canceled') {
    const { interval: unit, count } = interval(live)
    start = periodEnd(live)
    end = addInterval(start, unit, count)
    lines = live.cancel_at_period_end ? [] : itemLines(rt, live, start, end, false)
  }
  for (const item of rt.state.collections.invoice_items.values()) {
    if (item.customer !== customer.id || item.invoice) continue
    lines.push({
      quantity: item.quantity,
      amount: item.amount,
      currency: item.currency,
      description: item.description ?? '',
      period: item.period,
      invoiceItem: item,
    })
  }
  if (lines.length === 0) {
    throw invalidRequest(`No upcoming invoices for customer: ${customer.id}`, {
      code: 'invoice_upcoming_none',
      status: 404,
    })
  }
  const invoice = newInvoice(rt, customer, {
    ...(live ? { subscription: live } : {}),
    billingReason: live ? 'upcoming' : 'manual',
    collectionMethod: live?.collection_method ?? 'charge_automatically',
    created: start,
    currency: live?.currency ?? lines[0]!.currency,
    lines,
    periodStart: live ? (live.items.data[0] as StripeObject).current_period_start : start,
    periodEnd: start,
    preview: true,
  })
  // Preview invoices have no real id: Stripe names them `upcoming_in_…`.
  invoice.id = `upcoming_${invoice.id}`
  invoice.lines.url = `/v1/invoices/upcoming/lines?customer=${customer.id}`
  for (const line of invoice.lines.data as StripeObject[]) line.invoice = invoice.id
  return invoice
}

/** Runs every subscription of the partition up to its customers' current time (their test clock's, or the mock's). */
export function catchUp(rt: Runtime, filter?: (customer: StripeObject | undefined) => boolean): void {
  for (const sub of [...rt.state.collections.subscriptions.values()]) {
    const customer = rt.state.collections.customers.get(sub.customer)
    if (filter && !filter(customer)) continue
    advanceSubscription(rt, sub, timeFor(rt, sub.customer))
  }
}

/** Pays an open invoice on request (`POST /v1/invoices/:id/pay`). */
export function payInvoice(rt: Runtime, invoice: StripeObject, p: Params): StripeObject {
  p.allow('payment_method', 'off_session', 'paid_out_of_band', 'forgive', 'source', 'mandate')
  if (invoice.status === 'paid') throw invalidRequest('Invoice is already paid')
  if (invoice.status !== 'open') {
    throw unexpectedState(
      `This invoice can no longer be paid because it has a status of ${invoice.status}.`,
      'invoice_not_editable',
    )
  }
  const at = timeFor(rt, invoice.customer)
  if (p.bool('paid_out_of_band')) {
    markPaid(rt, invoice, at)
    return invoice
  }
  let failure: StripeApiError | undefined
  const outcome = collectInvoice(rt, invoice, {
    paymentMethod: p.string('payment_method') ?? null,
    offSession: p.bool('off_session') ?? true,
    error: (e) => (failure = e),
  })
  if (outcome === 'no_payment_method') {
    const explicit = p.string('payment_method')
    if (!explicit) {
      const customer = rt.state.collections.customers.get(invoice.customer)
      const method = customer?.invoice_settings.default_payment_method
      if (method) return payInvoice(rt, invoice, new Params({ payment_method: method }))
    }
    throw invalidRequest(
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://docs.stripe.com/billing/subscriptions/payment-methods-setting#payment-method-priority.',
      { code: 'resource_missing' },
    )
  }
  const sub = invoice.parent?.subscription_details?.subscription
    ? rt.state.collections.subscriptions.get(invoice.parent.subscription_details.subscription)
    : undefined
  if (outcome === 'paid' && sub && ['incomplete', 'past_due', 'unpaid'].includes(sub.status)) {
    const before = clone(sub)
    sub.status = 'active'
    emitEvent(rt, 'customer.subscription.updated', sub, previousAttributes(before, sub))
  }
  if (failure) throw failure
  return invoice
}
