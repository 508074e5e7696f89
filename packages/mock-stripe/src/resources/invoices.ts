import { invalidRequest, type StripeApiError, unexpectedState } from '../errors'
import { registerIncludable } from '../expand'
import { invoiceDefaults, invoiceLineDefaults } from '../fixtures/billing'
import { paymentIntentDefaults } from '../fixtures/payment-intent'
import { embeddedList } from '../pagination'
import { Params } from '../params'
import { type Runtime, timeFor } from '../runtime'
import { clone, hiddenOf, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { confirmPaymentIntent } from './payment-intents'
import { resolvePaymentMethod } from './payment-methods'
import { addInterval, DAY, interval, itemLines, LIVE, type LineInput, periodEnd } from './periods'
import { find } from './shared'

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
