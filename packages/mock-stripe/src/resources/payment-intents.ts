import { cardError, docUrl, invalidRequest, type StripeApiError, unexpectedState } from '../errors'
import { chargeCardDetails, chargeDefaults } from '../fixtures/charge'
import { paymentIntentDefaults } from '../fixtures/payment-intent'
import type { Params } from '../params'
import { present } from '../present'
import { type Runtime, timeFor } from '../runtime'
import { clone, type StripeObject } from '../state'
import { emitEvent } from '../webhooks/events'
import { balanceTransaction } from './balance'
import { disputeIfTestCard } from './disputes'
import { attachPaymentMethod, resolvePaymentMethod, testCardOf } from './payment-methods'
import { assignStrings, checkMinimumAmount, find, readCurrency, readShipping } from './shared'

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
]

const RETURN_URL_REQUIRED =
  "This PaymentIntent is configured to accept payment methods enabled in your Dashboard. Because some of these payment methods might redirect your customer off of your page, you must provide a `return_url`. If you don't want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents."

/** `POST /v1/payment_intents`. With `confirm=true` it is confirmed at once (and may throw a card error). */
export function createPaymentIntent(rt: Runtime, p: Params, extra: StripeObject = {}): StripeObject {
  p.allow(
    'amount',
    'currency',
    'allowed_payment_method_types',
    'customer',
    'description',
    'metadata',
    'payment_method',
    'payment_method_types',
    'automatic_payment_methods',
    'capture_method',
    'confirm',
    'confirmation_method',
    'off_session',
    'return_url',
    'receipt_email',
    'setup_future_usage',
    'shipping',
    'statement_descriptor',
    'statement_descriptor_suffix',
    'transfer_group',
    'transfer_data',
    'application_fee_amount',
    'on_behalf_of',
    'payment_method_options',
    'error_on_requires_action',
    'mandate_data',
    'use_stripe_sdk',
    'payment_method_data',
    'excluded_payment_method_types',
  )
  const amount = p.int('amount', { required: true })!
  const currency = readCurrency(p)!
  if (amount < 0) throw invalidRequest('This value must be greater than or equal to 1.', { param: 'amount' })
  checkMinimumAmount(amount, currency)
  const customerId = p.string('customer')
  if (customerId) find(rt, 'customers', customerId, 'customer', 'customer')
  const { ids } = rt.state
  const pi = paymentIntentDefaults(ids.next('pi_', 24), ids.next('', 25), timeFor(rt, customerId))
  Object.assign(pi, { amount, currency, customer: customerId ?? null })
  // `allowed_payment_method_types` since 2026-10-28.endive; `payment_method_types` before it.
  const allowed = p.strings('allowed_payment_method_types')
  const types = allowed ?? p.strings('payment_method_types')
  const apm = p.object('automatic_payment_methods')
  if (allowed) pi.allowed_payment_method_types = allowed
  if (types) pi.payment_method_types = types
  else {
    pi.automatic_payment_methods = {
      allow_redirects: apm?.enum('allow_redirects', ['always', 'never'] as const) ?? 'always',
      enabled: apm?.bool('enabled') ?? true,
    }
    pi.payment_method_types = ['card', 'link']
    pi.payment_method_configuration_details = { id: 'pmc_understudy_default', parent: null }
  }
  pi.capture_method =
    p.enum('capture_method', ['automatic', 'automatic_async', 'manual'] as const) ?? pi.capture_method
  pi.confirmation_method = p.enum('confirmation_method', ['automatic', 'manual'] as const) ?? 'automatic'
  pi.setup_future_usage = p.enum('setup_future_usage', ['off_session', 'on_session'] as const) ?? null
  assignStrings(pi, p, [
    'description',
    'receipt_email',
    'statement_descriptor',
    'statement_descriptor_suffix',
    'transfer_group',
  ])
  const shipping = readShipping(p.object('shipping'))
  if (shipping !== undefined) pi.shipping = shipping
  pi.metadata = p.metadata() ?? {}
  Object.assign(pi, extra)
  const pmRef = p.string('payment_method')
  if (pmRef) {
    pi.payment_method = resolvePaymentMethod(rt, pmRef).id
    pi.status = 'requires_confirmation'
  }
  const confirm = p.bool('confirm') ?? false
  if (confirm && !pmRef) throw missingPaymentMethod()
  rt.state.collections.payment_intents.set(pi.id, pi)
  emitEvent(rt, 'payment_intent.created', pi)
  if (confirm) {
    const error = confirmPaymentIntent(rt, pi, {
      offSession: p.bool('off_session') ?? false,
      returnUrl: p.string('return_url'),
    })
    if (error) throw error
  }
  return pi
}

function missingPaymentMethod(): StripeApiError {
  return invalidRequest(
    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    { code: 'payment_intent_unexpected_state' },
  )
}

/** `POST /v1/payment_intents/:id` */
export function updatePaymentIntent(rt: Runtime, pi: StripeObject, p: Params): StripeObject {
  p.allow(
    'amount',
    'currency',
    'customer',
    'description',
    'metadata',
    'payment_method',
    'receipt_email',
    'setup_future_usage',
    'shipping',
    'statement_descriptor',
    'statement_descriptor_suffix',
    'capture_method',
    'payment_method_types',
    'allowed_payment_method_types',
    'transfer_group',
  )
  if (['succeeded', 'canceled', 'processing'].includes(pi.status)) {
    throw unexpectedState(
      `This PaymentIntent's ${Object.keys(p.raw).filter((k) => k !== 'expand')[0] ?? 'parameters'} could not be updated because it has a status of ${pi.status}. You may only update the ${Object.keys(p.raw)[0] ?? 'parameters'} of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
      'payment_intent_unexpected_state',
    )
  }
  const before = clone(pi)
  const amount = p.int('amount')
  if (amount !== undefined) {
    checkMinimumAmount(amount, pi.currency)
    pi.amount = amount
  }
  const currency = readCurrency(p, false)
  if (currency) pi.currency = currency
  const customerId = p.nullable('customer')
  if (customerId) pi.customer = find(rt, 'customers', customerId, 'customer', 'customer').id
  assignStrings(pi, p, [
    'description',
    'receipt_email',
    'statement_descriptor',
    'statement_descriptor_suffix',
    'transfer_group',
  ])
  const metadata = p.metadata(pi.metadata)
  if (metadata) pi.metadata = metadata
  const pmRef = p.string('payment_method')
  if (pmRef) {
    pi.payment_method = resolvePaymentMethod(rt, pmRef).id
    pi.status = 'requires_confirmation'
  }
  const capture = p.enum('capture_method', ['automatic', 'automatic_async', 'manual'] as const)
  if (capture) pi.capture_method = capture
  if (JSON.stringify(before) !== JSON.stringify(pi)) emitEvent(rt, 'payment_intent.updated', pi)
  return pi
}

export interface ConfirmOptions {
  paymentMethod?: string
  offSession?: boolean
  returnUrl?: string | undefined
}

/**
 * Confirms a PaymentIntent: charges its card and moves it to `succeeded`, `requires_capture`,
 * `requires_action` (3-D Secure) or back to `requires_payment_method` on a decline. Returns the card
 * error to answer with, after the state (failed charge, events) has been recorded, as Stripe does.
 */
export function confirmPaymentIntent(
  rt: Runtime,
  pi: StripeObject,
  options: ConfirmOptions = {},
): StripeApiError | undefined {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.`,
      'payment_intent_unexpected_state',
      { payment_intent: present(rt, pi) },
    )
  }
  if (options.paymentMethod) pi.payment_method = resolvePaymentMethod(rt, options.paymentMethod).id
  if (!pi.payment_method) throw missingPaymentMethod()
  if (
    !options.offSession &&
    pi.automatic_payment_methods?.allow_redirects === 'always' &&
    !options.returnUrl
  ) {
    throw invalidRequest(RETURN_URL_REQUIRED, { param: 'return_url' })
  }
  const method = find(rt, 'payment_methods', pi.payment_method, 'PaymentMethod', 'payment_method')
  if (pi.customer && pi.setup_future_usage && !method.customer) attachPaymentMethod(rt, method, pi.customer)
  const card = testCardOf(rt, method)
  pi.last_payment_error = null
  pi.next_action = null
  if (card.authenticate === 'always' || (card.authenticate === 'on_session' && !options.offSession)) {
    if (options.offSession) {
      return decline(rt, pi, method, {
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
      })
    }
    pi.status = 'requires_action'
    rt.hosted.pages.set(pi.id, rt.state)
    const url = `${rt.baseUrl.startsWith('https://api.stripe.com') ? 'https://hooks.stripe.com' : rt.baseUrl}/3d_secure_2/hosted/${pi.id}`
    pi.next_action = options.returnUrl
      ? {
          type: 'redirect_to_url',
          redirect_to_url: {
            return_url: options.returnUrl,
            url: `${url}?return_url=${encodeURIComponent(options.returnUrl)}`,
          },
        }
      : {
          type: 'use_stripe_sdk',
          use_stripe_sdk: {
            type: 'three_d_secure_redirect',
            stripe_js: url,
            source: rt.state.ids.next('src_', 24),
          },
        }
    emitEvent(rt, 'payment_intent.requires_action', pi)
    return undefined
  }
  if (card.decline) return decline(rt, pi, method, card.decline)
  succeed(rt, pi, method)
  return undefined
}

function newCharge(rt: Runtime, pi: StripeObject, method: StripeObject): StripeObject {
  const charge = chargeDefaults(rt.state.ids.next('ch_', 24), timeFor(rt, pi.customer))
  Object.assign(charge, {
    amount: pi.amount,
    billing_details: clone(method.billing_details),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    metadata: clone(pi.metadata),
    payment_intent: pi.id,
    payment_method: method.id,
    payment_method_details: chargeCardDetails(method.card, pi.amount, rt.state.ids.next('', 15)),
    receipt_email: pi.receipt_email,
    shipping: clone(pi.shipping),
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    transfer_group: pi.transfer_group,
  })
  rt.state.collections.charges.set(charge.id, charge)
  pi.latest_charge = charge.id
  return charge
}

function succeed(rt: Runtime, pi: StripeObject, method: StripeObject): void {
  const charge = newCharge(rt, pi, method)
  const manual = pi.capture_method === 'manual'
  Object.assign(charge, {
    paid: true,
    status: 'succeeded',
    captured: !manual,
    amount_captured: manual ? 0 : pi.amount,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      risk_score: 32,
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    receipt_url: `https://pay.stripe.com/receipts/payment/${rt.state.ids.next('', 40)}`,
    balance_transaction: manual ? null : balanceTransaction(rt, charge.id, pi.amount, pi.currency, 'charge'),
  })
  if (manual) {
    pi.status = 'requires_capture'
    pi.amount_capturable = pi.amount
    emitEvent(rt, 'charge.succeeded', charge)
    emitEvent(rt, 'payment_intent.amount_capturable_updated', pi)
  } else {
    pi.status = 'succeeded'
    pi.amount_received = pi.amount
    emitEvent(rt, 'charge.succeeded', charge)
    emitEvent(rt, 'payment_intent.succeeded', pi)
    disputeIfTestCard(rt, charge, testCardOf(rt, method))
  }
}

function decline(
  rt: Runtime,
  pi: StripeObject,
  method: StripeObject,
  reason: { code: string; decline_code: string; message: string; param?: string },
): StripeApiError {
  const charge = newCharge(rt, pi, method)
  Object.assign(charge, {
    status: 'failed',
    failure_code: reason.code,
    failure_message: reason.message,
    outcome: {
      advice_code: reason.decline_code === 'insufficient_funds' ? 'try_again_later' : null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'declined_by_network',
      reason: reason.decline_code,
      risk_level: 'normal',
      risk_score: 40,
      seller_message: 'The bank did not return any further details with this decline.',
      type: 'issuer_declined',
    },
  })
  const error = {
    charge: charge.id,
    code: reason.code,
    decline_code: reason.decline_code,
    doc_url: docUrl(reason.code),
    message: reason.message,
    ...(reason.param ? { param: reason.param } : {}),
    payment_method: clone(method),
    type: 'card_error',
  }
  pi.status = 'requires_payment_method'
  pi.last_payment_error = error
  pi.payment_method = null
  emitEvent(rt, 'charge.failed', charge)
  emitEvent(rt, 'payment_intent.payment_failed', pi)
  const { type: _type, ...body } = error
  return cardError({ ...body, payment_intent: present(rt, pi) })
}

/** Finishes 3-D Secure for a PaymentIntent in `requires_action`: the customer passed or failed it. */
export function completeAuthentication(rt: Runtime, pi: StripeObject, outcome: 'succeed' | 'fail'): void {
  if (pi.status !== 'requires_action') {
    throw unexpectedState(
      `PaymentIntent ${pi.id} is not awaiting authentication: its status is ${pi.status}.`,
      'payment_intent_unexpected_state',
    )
  }
  pi.next_action = null
  const method = find(rt, 'payment_methods', pi.payment_method, 'PaymentMethod')
  if (outcome === 'fail') {
    pi.status = 'requires_payment_method'
    pi.last_payment_error = {
      code: 'payment_intent_authentication_failure',
      doc_url: docUrl('payment_intent_authentication_failure'),
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: clone(method),
      type: 'invalid_request_error',
    }
    pi.payment_method = null
    emitEvent(rt, 'payment_intent.payment_failed', pi)
    return
  }
  const card = testCardOf(rt, method)
  if (card.decline) decline(rt, pi, method, card.decline)
  else succeed(rt, pi, method)
}

/** `POST /v1/payment_intents/:id/capture` */
export function capturePaymentIntent(rt: Runtime, pi: StripeObject, p: Params): StripeObject {
  p.allow(
    'amount_to_capture',
    'metadata',
    'statement_descriptor',
    'statement_descriptor_suffix',
    'final_capture',
    'application_fee_amount',
  )
  if (pi.status !== 'requires_capture') {
    throw unexpectedState(
      `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      'payment_intent_unexpected_state',
      { payment_intent: present(rt, pi) },
    )
  }
  const amount = p.int('amount_to_capture') ?? pi.amount_capturable
  if (amount > pi.amount_capturable) {
    throw invalidRequest(
      `The amount_to_capture (${amount}) is greater than the amount_capturable (${pi.amount_capturable}).`,
      { param: 'amount_to_capture', code: 'amount_too_large' },
    )
  }
  const metadata = p.metadata(pi.metadata)
  if (metadata) pi.metadata = metadata
  const charge = find(rt, 'charges', pi.latest_charge, 'charge')
  Object.assign(charge, {
    captured: true,
    amount_captured: amount,
    balance_transaction: balanceTransaction(rt, charge.id, amount, pi.currency, 'charge'),
  })
  if (amount < pi.amount) {
    // The uncaptured rest is released: Stripe shows it as refunded.
    charge.amount_refunded = pi.amount - amount
  }
  pi.status = 'succeeded'
  pi.amount_capturable = 0
  pi.amount_received = amount
  emitEvent(rt, 'charge.captured', charge)
  emitEvent(rt, 'payment_intent.succeeded', pi)
  const method = rt.state.collections.payment_methods.get(charge.payment_method)
  if (method) disputeIfTestCard(rt, charge, testCardOf(rt, method))
  return pi
}

/** `POST /v1/payment_intents/:id/cancel` */
export function cancelPaymentIntent(rt: Runtime, pi: StripeObject, p: Params): StripeObject {
  p.allow('cancellation_reason')
  if (!CANCELABLE.includes(pi.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      'payment_intent_unexpected_state',
      { payment_intent: present(rt, pi) },
    )
  }
  const reason = p.enum('cancellation_reason', [
    'abandoned',
    'duplicate',
    'fraudulent',
    'requested_by_customer',
  ] as const)
  if (pi.status === 'requires_capture' && pi.latest_charge) {
    const charge = rt.state.collections.charges.get(pi.latest_charge)
    if (charge) {
      charge.refunded = true
      charge.amount_refunded = charge.amount
    }
  }
  pi.status = 'canceled'
  pi.canceled_at = timeFor(rt, pi.customer)
  pi.cancellation_reason = reason ?? null
  pi.amount_capturable = 0
  pi.next_action = null
  emitEvent(rt, 'payment_intent.canceled', pi)
  return pi
}
