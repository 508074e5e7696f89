import { invalidRequest, unexpectedState } from '../errors'
import { invoiceLineDefaults } from '../fixtures/billing'
import { listResponse } from '../pagination'
import { json, reply } from '../present'
import { finalizeInvoice, newInvoice, payInvoice, previewInvoice } from '../resources/invoices'
import { find, readCurrency } from '../resources/shared'
import { now, type Runtime } from '../runtime'
import { searchResponse } from '../search'
import { clone, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { op } from './define'

function recompute(invoice: StripeObject): void {
  const total = (invoice.lines.data as StripeObject[]).reduce((sum, l) => sum + l.amount, 0)
  Object.assign(invoice, {
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    amount_due: total,
    amount_remaining: total,
  })
  invoice.lines.total_count = invoice.lines.data.length
}

function itemLine(rt: Runtime, item: StripeObject, invoice: StripeObject): StripeObject {
  const line = invoiceLineDefaults(rt.state.ids.next('il_', 24))
  Object.assign(line, {
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    invoice: invoice.id,
    metadata: clone(item.metadata),
    period: clone(item.period),
    quantity: item.quantity,
    quantity_decimal: String(item.quantity),
    subtotal: item.amount,
    parent: {
      invoice_item_details: {
        invoice_item: item.id,
        proration: false,
        proration_details: { credited_items: null },
        subscription: null,
      },
      subscription_item_details: null,
      type: 'invoice_item_details',
    },
    pricing: item.pricing,
  })
  return line
}

function draftOnly(invoice: StripeObject, action: string): void {
  if (invoice.status !== 'draft') {
    throw unexpectedState(
      `You can only ${action} draft invoices. This invoice has a status of ${invoice.status}.`,
      'invoice_not_editable',
    )
  }
}

/** @see https://docs.stripe.com/api/invoices */
export const invoiceRoutes = [
  op('POST /v1/invoices', ({ rt, p }) => {
    p.allow(
      'customer',
      'auto_advance',
      'collection_method',
      'days_until_due',
      'description',
      'metadata',
      'subscription',
      'pending_invoice_items_behavior',
      'currency',
      'default_payment_method',
      'footer',
      'due_date',
      'automatic_tax',
      'statement_descriptor',
      'custom_fields',
      'discounts',
      'number',
      'rendering',
      'payment_settings',
      'shipping_cost',
      'shipping_details',
      'on_behalf_of',
      'issuer',
      'account_tax_ids',
      'effective_at',
      'from_invoice',
      'default_tax_rates',
    )
    const customer = find(rt, 'customers', p.string('customer', { required: true })!, 'customer', 'customer')
    const collection =
      p.enum('collection_method', ['charge_automatically', 'send_invoice'] as const) ?? 'charge_automatically'
    const days = p.int('days_until_due')
    if (collection === 'send_invoice' && days === undefined && !p.has('due_date')) {
      throw invalidRequest('Missing required param: days_until_due.', {
        param: 'days_until_due',
        code: 'parameter_missing',
      })
    }
    const invoice = newInvoice(rt, customer, {
      billingReason: 'manual',
      collectionMethod: collection,
      daysUntilDue: days ?? null,
      created: now(rt),
      currency: readCurrency(p, false) ?? customer.currency ?? 'usd',
      lines: [],
    })
    Object.assign(invoice, {
      auto_advance: p.bool('auto_advance') ?? false,
      description: p.nullable('description') ?? null,
      footer: p.nullable('footer') ?? null,
      metadata: p.metadata() ?? {},
      default_payment_method: p.string('default_payment_method') ?? null,
      automatically_finalizes_at: null,
    })
    if (p.enum('pending_invoice_items_behavior', ['exclude', 'include'] as const) === 'include') {
      for (const item of rt.state.collections.invoice_items.values()) {
        if (item.customer !== customer.id || item.invoice) continue
        item.invoice = invoice.id
        invoice.lines.data.push(itemLine(rt, item, invoice))
      }
      recompute(invoice)
    }
    return reply(rt, invoice, p.expand())
  }),
  op('GET /v1/invoices', ({ rt, p }) => {
    p.allow(
      'customer',
      'subscription',
      'status',
      'collection_method',
      'created',
      'due_date',
      'limit',
      'starting_after',
      'ending_before',
    )
    const customer = p.string('customer')
    const subscription = p.string('subscription')
    const status = p.enum('status', ['draft', 'open', 'paid', 'uncollectible', 'void'] as const)
    const collection = p.string('collection_method')
    return json(
      listResponse(rt, p, rt.state.collections.invoices.values(), {
        path: '/v1/invoices',
        kind: 'invoice',
        filter: (i) =>
          (!customer || i.customer === customer) &&
          (!subscription || i.parent?.subscription_details?.subscription === subscription) &&
          (!status || i.status === status) &&
          (!collection || i.collection_method === collection),
      }),
    )
  }),
  op('GET /v1/invoices/search', ({ rt, p }) => {
    p.allow('query', 'limit', 'page')
    return json(
      searchResponse(rt, p, rt.state.collections.invoices.values(), {
        resource: 'invoices',
        fields: [
          'created',
          'currency',
          'customer',
          'number',
          'receipt_number',
          'status',
          'subscription',
          'total',
        ],
        path: '/v1/invoices/search',
      }),
    )
  }),
  op('POST /v1/invoices/create_preview', ({ rt, p }) => reply(rt, previewInvoice(rt, p), p.expand())),
  op('GET /v1/invoices/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'invoices', params.id!, 'invoice'), p.expand()),
  ),
  op('POST /v1/invoices/{id}', ({ rt, p, params }) => {
    p.allow(
      'auto_advance',
      'description',
      'metadata',
      'footer',
      'days_until_due',
      'collection_method',
      'default_payment_method',
      'due_date',
    )
    const invoice = find(rt, 'invoices', params.id!, 'invoice')
    const before = clone(invoice)
    const metadata = p.metadata(invoice.metadata)
    if (metadata) invoice.metadata = metadata
    const onlyMetadata = Object.keys(p.raw).every((k) => k === 'metadata' || k === 'expand')
    if (!onlyMetadata && !['draft', 'open'].includes(invoice.status)) {
      throw unexpectedState(
        `This invoice can no longer be updated: its status is ${invoice.status}.`,
        'invoice_not_editable',
      )
    }
    for (const field of ['description', 'footer']) {
      const value = p.nullable(field)
      if (value !== undefined) invoice[field] = value
    }
    const auto = p.bool('auto_advance')
    if (auto !== undefined) invoice.auto_advance = auto
    const pm = p.nullable('default_payment_method')
    if (pm !== undefined) invoice.default_payment_method = pm
    const previous = previousAttributes(before, invoice)
    if (previous) emitEvent(rt, 'invoice.updated', invoice, previous)
    return reply(rt, invoice, p.expand())
  }),
  op('DELETE /v1/invoices/{id}', ({ rt, params }) => {
    const invoice = find(rt, 'invoices', params.id!, 'invoice')
    draftOnly(invoice, 'delete')
    rt.state.collections.invoices.delete(invoice.id)
    rt.state.deleted.set(invoice.id, 'invoice')
    emitEvent(rt, 'invoice.deleted', invoice)
    return json({ id: invoice.id, object: 'invoice', deleted: true })
  }),
  op('POST /v1/invoices/{id}/finalize', ({ rt, p, params }) => {
    p.allow('auto_advance')
    const invoice = find(rt, 'invoices', params.id!, 'invoice')
    finalizeInvoice(rt, invoice)
    return reply(rt, invoice, p.expand())
  }),
  op('POST /v1/invoices/{id}/pay', ({ rt, p, params }) =>
    reply(rt, payInvoice(rt, find(rt, 'invoices', params.id!, 'invoice'), p), p.expand()),
  ),
  op('POST /v1/invoices/{id}/void', ({ rt, p, params }) => {
    const invoice = find(rt, 'invoices', params.id!, 'invoice')
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
      throw unexpectedState(
        `You can only void open invoices. This invoice has a status of ${invoice.status}.`,
        'invoice_not_editable',
      )
    }
    invoice.status = 'void'
    invoice.status_transitions.voided_at = now(rt)
    invoice.amount_remaining = 0
    emitEvent(rt, 'invoice.voided', invoice)
    return reply(rt, invoice, p.expand())
  }),
  op('POST /v1/invoices/{id}/mark_uncollectible', ({ rt, p, params }) => {
    const invoice = find(rt, 'invoices', params.id!, 'invoice')
    if (invoice.status !== 'open') {
      throw unexpectedState(
        `You can only mark open invoices as uncollectible. This invoice has a status of ${invoice.status}.`,
        'invoice_not_editable',
      )
    }
    invoice.status = 'uncollectible'
    invoice.status_transitions.marked_uncollectible_at = now(rt)
    emitEvent(rt, 'invoice.marked_uncollectible', invoice)
    return reply(rt, invoice, p.expand())
  }),
  op('GET /v1/invoices/{id}/lines', ({ rt, p, params }) => {
    p.allow('limit', 'starting_after', 'ending_before')
    const invoice = find(rt, 'invoices', params.id!, 'invoice')
    return json(
      listResponse(rt, p, [...(invoice.lines.data as StripeObject[])].reverse(), {
        path: `/v1/invoices/${invoice.id}/lines`,
        kind: 'line item',
      }),
    )
  }),
]

/** @see https://docs.stripe.com/api/invoiceitems */
export const invoiceItemRoutes = [
  op('POST /v1/invoiceitems', ({ rt, p }) => {
    p.allow(
      'customer',
      'amount',
      'currency',
      'description',
      'invoice',
      'metadata',
      'quantity',
      'price',
      'pricing',
      'period',
      'subscription',
      'discountable',
      'unit_amount_decimal',
      'price_data',
      'tax_rates',
      'tax_behavior',
      'discounts',
    )
    const customer = find(rt, 'customers', p.string('customer', { required: true })!, 'customer', 'customer')
    const priceRef = p.string('price') ?? p.object('pricing')?.string('price')
    const price = priceRef ? find(rt, 'prices', priceRef, 'price', 'price') : undefined
    const quantity = p.int('quantity', { min: 0 }) ?? 1
    const amount = price ? (price.unit_amount ?? 0) * quantity : p.int('amount', { required: true })!
    const currency = price?.currency ?? readCurrency(p)!
    const created = now(rt)
    const item: StripeObject = {
      id: rt.state.ids.next('ii_', 24),
      object: 'invoiceitem',
      amount,
      currency,
      customer: customer.id,
      customer_account: null,
      date: created,
      description: p.nullable('description') ?? null,
      discountable: p.bool('discountable') ?? true,
      discounts: [],
      invoice: null,
      livemode: false,
      metadata: p.metadata() ?? {},
      net_amount: amount,
      parent: null,
      period: { end: created, start: created },
      pricing: price
        ? {
            price_details: { price: price.id, product: price.product },
            type: 'price_details',
            unit_amount_decimal: price.unit_amount_decimal,
          }
        : null,
      proration: false,
      quantity,
      tax_rates: [],
      test_clock: customer.test_clock,
    }
    const invoiceId = p.string('invoice')
    if (invoiceId) {
      const invoice = find(rt, 'invoices', invoiceId, 'invoice', 'invoice')
      draftOnly(invoice, 'add items to')
      item.invoice = invoice.id
      invoice.lines.data.push(itemLine(rt, item, invoice))
      recompute(invoice)
    }
    rt.state.collections.invoice_items.set(item.id, item)
    emitEvent(rt, 'invoiceitem.created', item)
    return reply(rt, item, p.expand())
  }),
  op('GET /v1/invoiceitems', ({ rt, p }) => {
    p.allow('customer', 'invoice', 'pending', 'limit', 'starting_after', 'ending_before', 'created')
    const customer = p.string('customer')
    const invoice = p.string('invoice')
    const pending = p.bool('pending')
    return json(
      listResponse(rt, p, rt.state.collections.invoice_items.values(), {
        path: '/v1/invoiceitems',
        kind: 'invoiceitem',
        filter: (i) =>
          (!customer || i.customer === customer) &&
          (!invoice || i.invoice === invoice) &&
          (pending === undefined || (i.invoice === null) === pending),
      }),
    )
  }),
  op('GET /v1/invoiceitems/{id}', ({ rt, p, params }) =>
    reply(rt, find(rt, 'invoice_items', params.id!, 'invoiceitem'), p.expand()),
  ),
]
