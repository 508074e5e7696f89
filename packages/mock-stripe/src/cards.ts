/**
 * Stripe's test cards and test PaymentMethod tokens, and what each does when charged.
 *
 * @see https://docs.stripe.com/testing
 */

export interface Decline {
  code: string
  decline_code: string
  message: string
  param?: string
}

export interface TestCard {
  number: string
  brand: 'visa' | 'mastercard' | 'amex' | 'discover' | 'unionpay' | 'jcb' | 'diners'
  funding: 'credit' | 'debit' | 'prepaid'
  country: string
  /** Declined when charged. */
  decline?: Decline
  /**
   * 3-D Secure: `always` asks on every payment (off-session ones fail with authentication_required);
   * `on_session` asks only when the customer is present.
   */
  authenticate?: 'always' | 'on_session'
  /**
   * The charge succeeds, then the cardholder disputes it: a chargeback (`needs_response`, funds
   * withdrawn) or an inquiry (`warning_needs_response`, no funds moved yet).
   */
  dispute?: { reason: string; inquiry?: boolean }
}

const declined = (decline_code: string, message = 'Your card was declined.'): Decline => ({
  code: 'card_declined',
  decline_code,
  message,
})

const visa = (number: string, extra: Partial<TestCard> = {}): TestCard => ({
  number,
  brand: 'visa',
  funding: 'credit',
  country: 'US',
  ...extra,
})

/**
 * The test cards the mock knows, by number.
 *
 * @example
 * TEST_CARDS.find((c) => c.decline?.decline_code === 'insufficient_funds')?.number // '4000000000009995'
 */
export const TEST_CARDS: readonly TestCard[] = [
  visa('4242424242424242'),
  visa('4000056655665556', { funding: 'debit' }),
  { number: '5555555555554444', brand: 'mastercard', funding: 'credit', country: 'US' },
  { number: '5200828282828210', brand: 'mastercard', funding: 'debit', country: 'US' },
  { number: '378282246310005', brand: 'amex', funding: 'credit', country: 'US' },
  { number: '6011111111111117', brand: 'discover', funding: 'credit', country: 'US' },
  visa('4000000000000002', { decline: declined('generic_decline') }),
  visa('4000000000009995', { decline: declined('insufficient_funds', 'Your card has insufficient funds.') }),
  visa('4000000000009987', { decline: declined('lost_card') }),
  visa('4000000000009979', { decline: declined('stolen_card') }),
  visa('4100000000000019', { decline: declined('fraudulent') }),
  visa('4000000000000069', {
    decline: {
      code: 'expired_card',
      decline_code: 'expired_card',
      message: 'Your card has expired.',
      param: 'exp_month',
    },
  }),
  visa('4000000000000127', {
    decline: {
      code: 'incorrect_cvc',
      decline_code: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
      param: 'cvc',
    },
  }),
  visa('4000000000000119', {
    decline: {
      code: 'processing_error',
      decline_code: 'processing_error',
      message: 'An error occurred while processing your card. Try again in a little bit.',
    },
  }),
  visa('4000002760003184', { authenticate: 'always' }),
  visa('4000000000003220', { authenticate: 'always' }),
  visa('4000000000003063', { authenticate: 'always' }),
  visa('4000002500003155', { authenticate: 'on_session' }),
  visa('4000000000000259', { dispute: { reason: 'fraudulent' } }),
  visa('4000000000002685', { dispute: { reason: 'product_not_received' } }),
  visa('4000000000001976', { dispute: { reason: 'fraudulent', inquiry: true } }),
]

/** Test PaymentMethod ids (`pm_card_visa`) and card tokens (`tok_visa`), by the card they stand for. */
const TOKENS: Record<string, string> = {
  visa: '4242424242424242',
  visa_debit: '4000056655665556',
  mastercard: '5555555555554444',
  mastercard_debit: '5200828282828210',
  amex: '378282246310005',
  discover: '6011111111111117',
  chargeDeclined: '4000000000000002',
  chargeDeclinedInsufficientFunds: '4000000000009995',
  chargeDeclinedLostCard: '4000000000009987',
  chargeDeclinedStolenCard: '4000000000009979',
  chargeDeclinedFraudulent: '4100000000000019',
  chargeDeclinedExpiredCard: '4000000000000069',
  chargeDeclinedIncorrectCvc: '4000000000000127',
  chargeDeclinedProcessingError: '4000000000000119',
  authenticationRequired: '4000002760003184',
  threeDSecure2Required: '4000000000003220',
  threeDSecureRequired: '4000000000003063',
  authenticationRequiredOnSetup: '4000002500003155',
  createDispute: '4000000000000259',
  createDisputeProductNotReceived: '4000000000002685',
  createDisputeInquiry: '4000000000001976',
}

export function cardByNumber(number: string): TestCard | undefined {
  const digits = number.replace(/[\s-]/g, '')
  return TEST_CARDS.find((c) => c.number === digits)
}

/** `pm_card_visa` / `tok_visa` → the test card, or undefined for anything else. */
export function cardByToken(token: string): TestCard | undefined {
  const m = /^(?:pm_card|tok)_(\w+)$/.exec(token)
  const number = m ? TOKENS[m[1]!] : undefined
  return number ? cardByNumber(number) : undefined
}

/** Luhn check, as Stripe runs on a card number before anything else. */
export function luhn(number: string): boolean {
  let sum = 0
  const digits = number.replace(/\D/g, '')
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return digits.length >= 12 && sum % 10 === 0
}

/** A stable per-card fingerprint, as Stripe gives the same card the same one. */
export function fingerprint(number: string): string {
  let h = 0x811c9dc5
  for (const ch of number) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  let out = ''
  for (let i = 0; i < 16; i++) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0
    out += chars[h % 62]
  }
  return out
}
