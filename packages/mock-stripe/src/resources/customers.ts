import { invalidRequest } from '../errors'
import { registerIncludable } from '../expand'
import { customerDefaults } from '../fixtures/customer'
import type { Params } from '../params'
import { present } from '../present'
import { now, type Runtime } from '../runtime'
import { clone, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods'
import { assignStrings, find, readAddress, readShipping } from './shared'

// Lists a customer shows only when expanded (`expand: ['subscriptions']`), as since API 2020-08-27.
registerIncludable('customer', 'subscriptions', (rt, customer) => {
  const subs = [...rt.state.collections.subscriptions.values()]
    .filter((s) => s.customer === customer.id && s.status !== 'canceled')
    .reverse()
    .map((s) => present(rt, s))
  return {
    object: 'list',
    data: subs,
    has_more: false,
    total_count: subs.length,
    url: `${rt.basePath}/v1/customers/${customer.id}/subscriptions`,
  }
})
registerIncludable('customer', 'sources', (rt, customer) => ({
  object: 'list',
  data: [],
  has_more: false,
  total_count: 0,
  url: `${rt.basePath}/v1/customers/${customer.id}/sources`,
}))

const WRITABLE = [
  'address',
  'balance',
  'description',
  'email',
  'invoice_prefix',
  'invoice_settings',
  'metadata',
  'name',
  'next_invoice_sequence',
  'phone',
  'preferred_locales',
  'shipping',
  'tax_exempt',
  'coupon',
  'promotion_code',
  'source',
  'tax',
  'validate',
  'cash_balance',
]

function apply(rt: Runtime, customer: StripeObject, p: Params): void {
  assignStrings(customer, p, ['description', 'email', 'name', 'phone'])
  const address = readAddress(p.object('address'))
  if (address !== undefined) customer.address = address
  const shipping = readShipping(p.object('shipping'))
  if (shipping !== undefined) customer.shipping = shipping
  const balance = p.int('balance')
  if (balance !== undefined) customer.balance = balance
  const prefix = p.string('invoice_prefix')
  if (prefix) customer.invoice_prefix = prefix
  const sequence = p.int('next_invoice_sequence', { min: 1 })
  if (sequence !== undefined) customer.next_invoice_sequence = sequence
  const locales = p.strings('preferred_locales')
  if (locales) customer.preferred_locales = locales
  const taxExempt = p.enum('tax_exempt', ['exempt', 'none', 'reverse'] as const)
  if (taxExempt) customer.tax_exempt = taxExempt
  const metadata = p.metadata(customer.metadata)
  if (metadata) customer.metadata = metadata
  const settings = p.object('invoice_settings')
  if (settings) {
    settings.allow('custom_fields', 'default_payment_method', 'footer', 'rendering_options')
    const pm = settings.nullable('default_payment_method')
    if (pm === null) customer.invoice_settings.default_payment_method = null
    else if (pm !== undefined) {
      const method = resolvePaymentMethod(rt, pm, 'invoice_settings[default_payment_method]')
      if (method.customer !== customer.id) {
        throw invalidRequestNotAttached(method.id)
      }
      customer.invoice_settings.default_payment_method = method.id
    }
    const footer = settings.nullable('footer')
    if (footer !== undefined) customer.invoice_settings.footer = footer
  }
}

function invalidRequestNotAttached(pm: string) {
  return invalidRequest(
    `No such PaymentMethod: '${pm}'; It's possible this PaymentMethod exists on one of your connected accounts, in which case you should retry this request on that connected account. Learn more at https://docs.stripe.com/connect/authentication`,
    { param: 'invoice_settings[default_payment_method]', code: 'resource_missing' },
  )
}

/**
 * Creates a Customer (`POST /v1/customers`): `payment_method` is attached, `test_clock` ties the
 * customer's billing to a test clock.
 */
export function createCustomer(rt: Runtime, p: Params): StripeObject {
  p.allow(...WRITABLE, 'payment_method', 'test_clock', 'tax_id_data', 'individual_name', 'business_name')
  const { ids } = rt.state
  const clockId = p.string('test_clock')
  const clock = clockId ? find(rt, 'test_clocks', clockId, 'test clock', 'test_clock') : undefined
  const customer = customerDefaults(
    ids.next('cus_', 14),
    clock ? clock.frozen_time : now(rt),
    ids.hex(8).toUpperCase(),
  )
  if (clock) customer.test_clock = clock.id
  rt.state.collections.customers.set(customer.id, customer)
  // The payment method is attached first, so `invoice_settings[default_payment_method]` may name it.
  const pmRef = p.string('payment_method')
  const settings = p.object('invoice_settings')
  let attached: StripeObject | undefined
  if (pmRef) {
    const method = resolvePaymentMethod(rt, pmRef, 'payment_method')
    attached = attachPaymentMethod(rt, method, customer.id, { emit: false })
    if (settings?.string('default_payment_method') === pmRef) {
      settings.raw.default_payment_method = attached.id
    }
  }
  try {
    apply(rt, customer, p)
  } catch (error) {
    rt.state.collections.customers.delete(customer.id)
    throw error
  }
  emitEvent(rt, 'customer.created', customer)
  if (attached) emitEvent(rt, 'payment_method.attached', attached)
  return customer
}

export function updateCustomer(rt: Runtime, customer: StripeObject, p: Params): StripeObject {
  p.allow(...WRITABLE, 'default_source')
  const before = clone(customer)
  apply(rt, customer, p)
  const previous = previousAttributes(before, customer)
  if (previous) emitEvent(rt, 'customer.updated', customer, previous)
  return customer
}

export function deleteCustomer(rt: Runtime, customer: StripeObject): StripeObject {
  const { collections } = rt.state
  for (const sub of collections.subscriptions.values()) {
    if (sub.customer === customer.id && !['canceled', 'incomplete_expired'].includes(sub.status)) {
      sub.status = 'canceled'
      sub.canceled_at = now(rt)
      sub.ended_at = now(rt)
      sub.cancellation_details = {
        comment: null,
        feedback: null,
        feedback_option: null,
        reason: 'cancellation_requested',
      }
      emitEvent(rt, 'customer.subscription.deleted', sub)
    }
  }
  collections.customers.delete(customer.id)
  rt.state.deleted.set(customer.id, 'customer')
  emitEvent(rt, 'customer.deleted', customer)
  return { id: customer.id, object: 'customer', deleted: true }
}
