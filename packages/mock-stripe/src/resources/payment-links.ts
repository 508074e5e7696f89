import { invalidRequest, parameterMissing } from '../errors'
import { checkoutItem } from '../fixtures/checkout'
import { paymentLinkDefaults } from '../fixtures/payment-link'
import type { Params } from '../params'
import type { Runtime } from '../runtime'
import { clone, hiddenOf, type StripeObject } from '../state'
import { emitEvent, previousAttributes } from '../webhooks/events'
import { find } from './shared'

const MAX_LINE_ITEMS = 20

/** The parameters Stripe takes for a link; the mock applies the ones that shape the object it answers. */
const CREATE_PARAMS = [
  'line_items',
  'after_completion',
  'allow_promotion_codes',
  'application_fee_amount',
  'application_fee_percent',
  'automatic_tax',
  'billing_address_collection',
  'consent_collection',
  'currency',
  'custom_fields',
  'custom_text',
  'customer_creation',
  'inactive_message',
  'invoice_creation',
  'metadata',
  'on_behalf_of',
  'optional_items',
  'payment_intent_data',
  'payment_method_collection',
  'payment_method_types',
  'phone_number_collection',
  'restrictions',
  'shipping_address_collection',
  'shipping_options',
  'submit_type',
  'subscription_data',
  'tax_id_collection',
  'transfer_data',
  'name_collection',
]

/** The items a link sells (`object: 'item'`), kept aside as Stripe shows them only on request. */
export function paymentLinkItems(rt: Runtime, link: StripeObject): StripeObject[] {
  return (hiddenOf(rt.state, link.id).line_items ?? []) as StripeObject[]
}

function readItems(rt: Runtime, p: Params): StripeObject[] {
  const inputs = p.objects('line_items', { required: true })!
  if (inputs.length === 0) throw parameterMissing('line_items')
  if (inputs.length > MAX_LINE_ITEMS) {
    throw invalidRequest(`You may only specify up to ${MAX_LINE_ITEMS} line items.`, { param: 'line_items' })
  }
  return inputs.map((item, i) => {
    item.allow('price', 'quantity', 'adjustable_quantity')
    const priceId = item.string('price', { required: true })!
    const price = find(rt, 'prices', priceId, 'price', `line_items[${i}][price]`)
    if (!price.active) {
      throw invalidRequest(
        `The price specified (${price.id}) is inactive. This field only accepts active prices.`,
        { param: `line_items[${i}][price]` },
      )
    }
    const quantity = item.int('quantity', { required: true, min: 1 })!
    const product = rt.state.collections.products.get(price.product)
    return checkoutItem(rt.state.ids.next('li_', 24), clone(price), quantity, product?.name ?? '')
  })
}

function readAfterCompletion(p: Params): StripeObject | undefined {
  const after = p.object('after_completion')
  if (!after) return undefined
  after.allow('type', 'hosted_confirmation', 'redirect')
  const type = after.enum('type', ['hosted_confirmation', 'redirect'] as const, { required: true })!
  if (type === 'redirect') {
    const redirect = after.object('redirect', { required: true })!.allow('url')
    return { redirect: { url: redirect.string('url', { required: true }) }, type }
  }
  const hosted = after.object('hosted_confirmation')?.allow('custom_message')
  return { hosted_confirmation: { custom_message: hosted?.string('custom_message') ?? null }, type }
}

function applyCommon(link: StripeObject, p: Params): void {
  const after = readAfterCompletion(p)
  if (after) link.after_completion = after
  const promotions = p.bool('allow_promotion_codes')
  if (promotions !== undefined) link.allow_promotion_codes = promotions
  const billing = p.enum('billing_address_collection', ['auto', 'required'] as const)
  if (billing) link.billing_address_collection = billing
  const creation = p.enum('customer_creation', ['always', 'if_required'] as const)
  if (creation) link.customer_creation = creation
  const inactive = p.nullable('inactive_message')
  if (inactive !== undefined) link.inactive_message = inactive
  const phone = p.object('phone_number_collection')?.allow('enabled').bool('enabled')
  if (phone !== undefined) link.phone_number_collection = { enabled: phone }
  const restrictions = p.object('restrictions')
  if (restrictions) {
    const limit = restrictions.allow('completed_sessions').object('completed_sessions')?.allow('limit')
    link.restrictions = limit
      ? { completed_sessions: { count: 0, limit: limit.int('limit', { required: true, min: 1 })! } }
      : null
  }
  const types = p.strings('payment_method_types')
  if (types !== undefined) link.payment_method_types = types.length ? types : null
}

/**
 * `POST /v1/payment_links`: a shareable `https://buy.stripe.com/test_…` page selling `line_items` (each
 * an active price and a quantity), in the prices' currency.
 *
 * @see https://docs.stripe.com/api/payment_links/payment_links/create
 */
export function createPaymentLink(rt: Runtime, p: Params): StripeObject {
  p.allow(...CREATE_PARAMS)
  const items = readItems(rt, p)
  const currencies = new Set(items.map((item) => item.currency))
  if (currencies.size > 1) {
    throw invalidRequest('All prices on a payment link must have the same currency.', { param: 'line_items' })
  }
  const id = rt.state.ids.next('plink_', 24)
  const link = paymentLinkDefaults(id, `https://buy.stripe.com/test_${rt.state.ids.next('', 22)}`)
  link.currency = items[0]!.currency
  link.metadata = p.metadata() ?? {}
  const submit = p.enum('submit_type', ['auto', 'book', 'donate', 'pay', 'subscribe'] as const)
  if (submit) link.submit_type = submit
  applyCommon(link, p)
  hiddenOf(rt.state, id).line_items = items
  rt.state.collections.payment_links.set(id, link)
  emitEvent(rt, 'payment_link.created', link)
  return link
}

/** `POST /v1/payment_links/:id`: deactivate (`active=false`), change quantities, metadata, completion. */
export function updatePaymentLink(rt: Runtime, link: StripeObject, p: Params): StripeObject {
  p.allow(...CREATE_PARAMS.filter((k) => k !== 'currency' && k !== 'submit_type'), 'active')
  const before = clone(link)
  const active = p.bool('active')
  if (active !== undefined) link.active = active
  const metadata = p.metadata(link.metadata)
  if (metadata) link.metadata = metadata
  applyCommon(link, p)
  const changes = p.objects('line_items')
  if (changes) {
    const items = paymentLinkItems(rt, link)
    changes.forEach((change, i) => {
      change.allow('id', 'quantity', 'adjustable_quantity')
      const id = change.string('id', { required: true })!
      const item = items.find((it) => it.id === id)
      if (!item) {
        throw invalidRequest(`No such line item: '${id}'`, {
          param: `line_items[${i}][id]`,
          code: 'resource_missing',
        })
      }
      const quantity = change.int('quantity', { min: 1 })
      if (quantity !== undefined) {
        const amount = (item.price.unit_amount ?? 0) * quantity
        Object.assign(item, { quantity, amount_subtotal: amount, amount_total: amount })
      }
    })
  }
  const previous = previousAttributes(before, link)
  if (previous) emitEvent(rt, 'payment_link.updated', link, previous)
  return link
}
