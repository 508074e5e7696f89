import { cardError, invalidRequest, type StripeApiError } from '../errors'
import { registerIncludable } from '../expand'
import { checkoutItem, checkoutSessionDefaults } from '../fixtures/checkout'
import { Params } from '../params'
import { now, type Runtime } from '../runtime'
import { clone, hiddenOf, type StripeObject } from '../state'
import { emitEvent } from '../webhooks/events'
import { createPrice } from './catalog'
import { createCustomer } from './customers'
import { createPaymentIntent } from './payment-intents'
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods'
import { find } from './shared'
import { createSubscription } from './subscriptions'

/** Where a session's hosted page lives: Stripe's checkout host in-process, the mock's base behind a server. */
function pageUrl(rt: Runtime, id: string): string {
  const onRealHost = rt.baseUrl.startsWith('https://api.stripe.com')
  return `${onRealHost ? 'https://checkout.stripe.com' : rt.baseUrl}/c/pay/${id}`
}

function lineItemsList(rt: Runtime, session: StripeObject): StripeObject {
  const items = (hiddenOf(rt.state, session.id).line_items ?? []) as StripeObject[]
  return {
    object: 'list',
    data: clone(items),
    has_more: false,
    url: `${rt.basePath}/v1/checkout/sessions/${session.id}/line_items`,
  }
}

registerIncludable('checkout.session', 'line_items', lineItemsList)

/** `POST /v1/checkout/sessions` */
export function createCheckoutSession(rt: Runtime, p: Params): StripeObject {
  p.allow(
    'mode',
    'line_items',
    'success_url',
    'cancel_url',
    'customer',
    'customer_email',
    'customer_creation',
    'client_reference_id',
    'metadata',
    'payment_method_types',
    'payment_intent_data',
    'subscription_data',
    'allow_promotion_codes',
    'ui_mode',
    'return_url',
    'expires_at',
    'locale',
    'billing_address_collection',
    'phone_number_collection',
    'submit_type',
    'automatic_tax',
    'currency',
    'discounts',
    'invoice_creation',
    'shipping_address_collection',
    'payment_method_collection',
    'consent_collection',
    'custom_text',
    'custom_fields',
    'tax_id_collection',
    'saved_payment_method_options',
    'setup_intent_data',
  )
  const mode = p.enum('mode', ['payment', 'setup', 'subscription'] as const, { required: true })!
  const uiMode = p.enum('ui_mode', ['custom', 'embedded', 'hosted', 'elements'] as const) ?? 'hosted'
  const successUrl = p.string('success_url')
  if (uiMode === 'hosted' && !successUrl) {
    throw invalidRequest('Missing required param: success_url.', {
      param: 'success_url',
      code: 'parameter_missing',
    })
  }
  const customerId = p.string('customer')
  const customer = customerId ? find(rt, 'customers', customerId, 'customer', 'customer') : undefined
  const inputs = p.objects('line_items') ?? []
  if (mode !== 'setup' && inputs.length === 0) {
    throw invalidRequest(
      `You must specify either \`line_items\` or \`mode=setup\` to create a Checkout Session.`,
      {
        param: 'line_items',
      },
    )
  }
  const created = now(rt)
  const session = checkoutSessionDefaults(rt.state.ids.next('cs_test_a1', 56), created)
  const items = inputs.map((item, i) => {
    item.allow('price', 'price_data', 'quantity', 'adjustable_quantity', 'tax_rates', 'dynamic_tax_rates')
    const ref = item.string('price')
    const data = item.object('price_data')
    if (!ref && !data) {
      throw invalidRequest(`Missing required param: line_items[${i}][price].`, {
        param: `line_items[${i}][price]`,
        code: 'parameter_missing',
      })
    }
    const price = ref
      ? find(rt, 'prices', ref, 'price', `line_items[${i}][price]`)
      : createPrice(rt, data!, { inline: true })
    if (mode === 'payment' && price.type === 'recurring') {
      throw invalidRequest(
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        { param: `line_items[${i}][price]` },
      )
    }
    const quantity = item.int('quantity', { min: 1 })
    if (quantity === undefined) {
      throw invalidRequest(`Missing required param: line_items[${i}][quantity].`, {
        param: `line_items[${i}][quantity]`,
        code: 'parameter_missing',
      })
    }
    const product = rt.state.collections.products.get(price.product)
    return checkoutItem(rt.state.ids.next('li_', 24), clone(price), quantity, product?.name ?? '')
  })
  const total = items.reduce((sum, item) => sum + item.amount_total, 0)
  const pid = p.object('payment_intent_data')
  const sdata = p.object('subscription_data')
  Object.assign(session, {
    mode,
    ui_mode: uiMode,
    success_url: successUrl ?? null,
    cancel_url: p.string('cancel_url') ?? null,
    return_url: undefined,
    customer: customer?.id ?? null,
    customer_email: p.string('customer_email') ?? null,
    customer_creation:
      mode === 'payment'
        ? (p.enum('customer_creation', ['always', 'if_required'] as const) ?? 'if_required')
        : null,
    client_reference_id: p.string('client_reference_id') ?? null,
    metadata: p.metadata() ?? {},
    amount_subtotal: mode === 'setup' ? null : total,
    amount_total: mode === 'setup' ? null : total,
    currency: items[0]?.currency ?? p.string('currency') ?? null,
    payment_method_types: p.strings('payment_method_types') ?? ['card'],
    locale: p.string('locale') ?? null,
    submit_type: p.string('submit_type') ?? null,
    allow_promotion_codes: p.bool('allow_promotion_codes') ?? null,
    billing_address_collection: p.string('billing_address_collection') ?? null,
    payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
    expires_at: p.int('expires_at') ?? created + 86_400,
    url: uiMode === 'hosted' ? pageUrl(rt, session.id) : null,
    client_secret: uiMode === 'hosted' ? null : `${session.id}_secret_${rt.state.ids.next('', 24)}`,
  })
  delete session.return_url
  if (p.string('return_url') && uiMode !== 'hosted') session.return_url = p.string('return_url')
  const hidden = hiddenOf(rt.state, session.id)
  hidden.line_items = items
  hidden.payment_intent_data = pid?.raw ?? {}
  hidden.subscription_data = sdata?.raw ?? {}
  rt.state.collections.checkout_sessions.set(session.id, session)
  rt.hosted.pages.set(session.id, rt.state)
  return session
}

export interface CompleteOptions {
  /** The card the customer pays with: a test PaymentMethod id or token. Default `pm_card_visa`. */
  paymentMethod?: string
  /** The email the customer types in (default: the session's `customer_email` or the customer's). */
  email?: string
  name?: string
}

/**
 * What happens when a customer pays on the hosted page: a customer if needed, the payment or
 * subscription, `checkout.session.completed`. A declined card leaves the session open and throws.
 */
export function completeCheckoutSession(
  rt: Runtime,
  session: StripeObject,
  options: CompleteOptions = {},
): StripeObject {
  if (session.status !== 'open') {
    throw invalidRequest(`This Checkout Session is ${session.status} and can no longer be completed.`)
  }
  const hidden = hiddenOf(rt.state, session.id)
  let customer = session.customer ? rt.state.collections.customers.get(session.customer) : undefined
  const email = options.email ?? session.customer_email ?? customer?.email ?? 'customer@example.com'
  const name = options.name ?? customer?.name ?? null
  const needsCustomer = session.mode !== 'payment' || session.customer_creation === 'always'
  if (!customer && needsCustomer) {
    customer = createCustomer(rt, new Params({ email, ...(name ? { name } : {}) }))
    session.customer = customer.id
  }
  const method = resolvePaymentMethod(rt, options.paymentMethod ?? 'pm_card_visa')
  const items = (hidden.line_items ?? []) as StripeObject[]
  let failure: StripeApiError | undefined
  if (session.mode === 'payment') {
    const pid = new Params(hidden.payment_intent_data ?? {})
    try {
      const pi = createPaymentIntent(
        rt,
        new Params({
          amount: String(session.amount_total),
          currency: session.currency,
          payment_method_types: ['card'],
          ...(customer ? { customer: customer.id } : {}),
          ...(pid.raw.capture_method ? { capture_method: pid.raw.capture_method } : {}),
          ...(pid.raw.description ? { description: pid.raw.description } : {}),
          ...(pid.raw.metadata ? { metadata: pid.raw.metadata } : {}),
          ...(pid.raw.setup_future_usage ? { setup_future_usage: pid.raw.setup_future_usage } : {}),
          payment_method: method.id,
          confirm: 'true',
        }),
      )
      session.payment_intent = pi.id
      session.payment_status = pi.status === 'succeeded' ? 'paid' : 'unpaid'
    } catch (error) {
      failure = error as StripeApiError
    }
  } else {
    attachPaymentMethod(rt, method, customer!.id)
    if (session.mode === 'subscription') {
      const sdata = hidden.subscription_data ?? {}
      const sub = createSubscription(
        rt,
        new Params({
          customer: customer!.id,
          items: items.map((item) => ({ price: item.price.id, quantity: String(item.quantity) })),
          default_payment_method: method.id,
          ...(sdata.trial_period_days ? { trial_period_days: sdata.trial_period_days } : {}),
          ...(sdata.metadata ? { metadata: sdata.metadata } : {}),
          ...(sdata.description ? { description: sdata.description } : {}),
          payment_behavior: 'allow_incomplete',
        }),
      )
      session.subscription = sub.id
      session.invoice = sub.latest_invoice
      const invoice = rt.state.collections.invoices.get(sub.latest_invoice)
      session.payment_status =
        invoice?.amount_due === 0 ? 'no_payment_required' : invoice?.status === 'paid' ? 'paid' : 'unpaid'
      if (sub.status === 'incomplete') failure = declinedOnSession(rt, sub)
    }
  }
  if (failure) throw failure
  session.status = 'complete'
  session.customer_details = {
    address: customer?.address ?? {
      city: null,
      country: 'US',
      line1: null,
      line2: null,
      postal_code: '94103',
      state: null,
    },
    business_name: null,
    email,
    individual_name: null,
    name,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  }
  emitEvent(rt, 'checkout.session.completed', session)
  return session
}

function declinedOnSession(rt: Runtime, sub: StripeObject): StripeApiError | undefined {
  const invoice = rt.state.collections.invoices.get(sub.latest_invoice)
  const pi = invoice
    ? rt.state.collections.payment_intents.get(hiddenOf(rt.state, invoice.id).payment_intent)
    : undefined
  const error = pi?.last_payment_error
  if (!error) return undefined
  return cardError({
    code: error.code,
    ...(error.decline_code ? { decline_code: error.decline_code } : {}),
    message: error.message,
    ...(error.charge ? { charge: error.charge } : {}),
  })
}

/** `POST /v1/checkout/sessions/:id/expire` */
export function expireCheckoutSession(rt: Runtime, session: StripeObject): StripeObject {
  if (session.status !== 'open') {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
    )
  }
  session.status = 'expired'
  session.url = null
  emitEvent(rt, 'checkout.session.expired', session)
  return session
}
