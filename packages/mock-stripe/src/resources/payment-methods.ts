import { cardByNumber, cardByToken, luhn, type TestCard } from '../cards'
import { cardError, invalidRequest, resourceMissing } from '../errors'
import { cardDetails, paymentMethodDefaults } from '../fixtures/payment-method'
import type { Params } from '../params'
import { now, type Runtime } from '../runtime'
import type { StripeObject } from '../state'
import { emitEvent } from '../webhooks/events'
import { find, readAddress } from './shared'

function makeCardMethod(rt: Runtime, card: TestCard, expMonth?: number, expYear?: number): StripeObject {
  const date = new Date(rt.state.clock.now())
  const method = paymentMethodDefaults(
    rt.state.ids.next('pm_', 24),
    now(rt),
    cardDetails(card, expMonth ?? date.getUTCMonth() + 1, expYear ?? date.getUTCFullYear() + 1),
  )
  rt.state.collections.payment_methods.set(method.id, method)
  rt.state.cards.set(method.id, card)
  return method
}

/**
 * The PaymentMethod a parameter names: a stored `pm_…`, or a test token (`pm_card_visa`,
 * `pm_card_chargeDeclined`…), which makes a new PaymentMethod each time, as in test mode.
 */
export function resolvePaymentMethod(rt: Runtime, ref: string, param = 'payment_method'): StripeObject {
  const stored = rt.state.collections.payment_methods.get(ref)
  if (stored) return stored
  const card = cardByToken(ref)
  if (card) return makeCardMethod(rt, card)
  throw resourceMissing('PaymentMethod', ref, param, 400)
}

/** How a card PaymentMethod behaves when charged. */
export function testCardOf(rt: Runtime, method: StripeObject): TestCard {
  return rt.state.cards.get(method.id) ?? cardByNumber('4242424242424242')!
}

function readCard(rt: Runtime, p: Params): { card: TestCard; expMonth?: number; expYear?: number } {
  const token = p.string('token')
  if (token) {
    const card = cardByToken(token)
    if (!card) throw resourceMissing('token', token, 'card[token]', 400)
    return { card }
  }
  p.allow('number', 'exp_month', 'exp_year', 'cvc', 'networks')
  const number = p.string('number', { required: true })!.replace(/[\s-]/g, '')
  const expMonth = p.int('exp_month', { required: true })!
  const expYear = p.int('exp_year', { required: true })!
  if (!luhn(number)) {
    throw cardError({ code: 'incorrect_number', message: 'Your card number is incorrect.', param: 'number' })
  }
  if (expMonth < 1 || expMonth > 12) {
    throw cardError({
      code: 'invalid_expiry_month',
      message: "Your card's expiration month is invalid.",
      param: 'exp_month',
    })
  }
  const date = new Date(rt.state.clock.now())
  const fullYear = expYear < 100 ? 2000 + expYear : expYear
  const year = date.getUTCFullYear()
  if (fullYear < year || (fullYear === year && expMonth < date.getUTCMonth() + 1)) {
    throw cardError({
      code: 'invalid_expiry_year',
      message: "Your card's expiration year is invalid.",
      param: 'exp_year',
    })
  }
  const card = cardByNumber(number)
  if (!card) {
    throw cardError({
      code: 'card_declined',
      decline_code: 'test_mode_live_card',
      message:
        'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://docs.stripe.com/testing.',
    })
  }
  return { card, expMonth, expYear: fullYear }
}

/** `POST /v1/payment_methods` with `type=card` and a test card number or token. */
export function createPaymentMethod(rt: Runtime, p: Params): StripeObject {
  p.allow('type', 'card', 'billing_details', 'metadata', 'customer', 'payment_method', 'allow_redisplay')
  const type = p.string('type', { required: !p.has('payment_method') })
  if (type !== undefined && type !== 'card') {
    throw invalidRequest(
      `The payment method type \`${type}\` is not supported by this mock. Use \`card\` with a test card number or token.`,
      { param: 'type' },
    )
  }
  const { card, expMonth, expYear } = readCard(rt, p.object('card', { required: true })!)
  const method = makeCardMethod(rt, card, expMonth, expYear)
  applyBillingDetails(method, p)
  const metadata = p.metadata()
  if (metadata) method.metadata = metadata
  const allow = p.enum('allow_redisplay', ['always', 'limited', 'unspecified'] as const)
  if (allow) method.allow_redisplay = allow
  return method
}

export function applyBillingDetails(method: StripeObject, p: Params): void {
  const details = p.object('billing_details')
  if (!details) return
  details.allow('address', 'email', 'name', 'phone', 'tax_id')
  const address = readAddress(details.object('address'))
  if (address !== undefined) method.billing_details.address = address ?? readAddress(undefined)
  for (const field of ['email', 'name', 'phone', 'tax_id']) {
    const value = details.nullable(field)
    if (value !== undefined) method.billing_details[field] = value
  }
}

export function attachPaymentMethod(
  rt: Runtime,
  method: StripeObject,
  customerId: string,
  options: { emit?: boolean } = {},
): StripeObject {
  find(rt, 'customers', customerId, 'customer', 'customer')
  if (method.customer && method.customer !== customerId) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', {
      param: 'payment_method',
      code: 'payment_method_unexpected_state',
    })
  }
  if (method.customer === customerId) return method
  method.customer = customerId
  if (options.emit !== false) emitEvent(rt, 'payment_method.attached', method)
  return method
}

export function detachPaymentMethod(rt: Runtime, method: StripeObject): StripeObject {
  if (!method.customer) {
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      {
        code: 'payment_method_unexpected_state',
      },
    )
  }
  const previous = method.customer as string
  const customer = rt.state.collections.customers.get(previous)
  if (customer && customer.invoice_settings.default_payment_method === method.id) {
    customer.invoice_settings.default_payment_method = null
  }
  method.customer = null
  emitEvent(rt, 'payment_method.detached', method, { customer: previous })
  return method
}
