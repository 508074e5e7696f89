import { route } from '@understudy/core'
import type { StripeConfig } from '../config'
import type { StripeContext } from '../context'
import { isStripeApiError } from '../errors'
import { completeCheckoutSession } from '../resources/checkout'
import { completeAuthentication } from '../resources/payment-intents'
import { createRuntime } from '../runtime'
import type { StripeState } from '../state'
import { flushDeliveries } from '../webhooks/events'

/*
 * The pages Stripe hosts for a browser: Checkout (`checkout.stripe.com/c/pay/cs_…`) and the 3-D Secure
 * challenge (`hooks.stripe.com/3d_secure_2/hosted/pi_…`). They carry no API key, so the object's
 * partition is found through the mock's registry. Each page has a form that a browser (or a test
 * posting the form) submits to finish the flow.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: string, body: string, status = 200): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8' } },
  )
}

function stateFor(ctx: StripeContext, id: string): StripeState | undefined {
  return ctx.config.hosted.pages.get(id)
}

function formField(ctx: StripeContext, name: string): string | undefined {
  const body = ctx.body as Record<string, unknown> | undefined
  const value = body?.[name]
  return typeof value === 'string' ? value : undefined
}

const CARDS = [
  ['pm_card_visa', 'Visa 4242 (succeeds)'],
  ['pm_card_mastercard', 'Mastercard 4444 (succeeds)'],
  ['pm_card_chargeDeclined', 'Visa 0002 (declined)'],
  ['pm_card_chargeDeclinedInsufficientFunds', 'Visa 9995 (insufficient funds)'],
]

export const hostedRoutes = [
  route.get<StripeState, StripeConfig>(
    '/c/pay/:id',
    (ctx) => {
      const state = stateFor(ctx, ctx.params.id!)
      const session = state?.collections.checkout_sessions.get(ctx.params.id!)
      if (!session)
        return page('Something went wrong', '<p>The page you were looking for could not be found.</p>', 404)
      if (session.status !== 'open')
        return page(
          'This Checkout Session is no longer active',
          `<p>Status: ${escapeHtml(session.status)}</p>`,
        )
      const options = CARDS.map(
        ([value, label]) => `<option value="${value}">${escapeHtml(label!)}</option>`,
      ).join('')
      return page(
        `Pay ${(session.amount_total ?? 0) / 100} ${String(session.currency ?? '').toUpperCase()}`,
        `<form method="post"><label>Email <input name="email" value="${escapeHtml(session.customer_email ?? '')}"></label><label>Card <select name="card">${options}</select></label><button type="submit">Pay</button></form>`,
      )
    },
    { auth: false, name: 'GET checkout page' },
  ),
  route.post<StripeState, StripeConfig>(
    '/c/pay/:id',
    async (ctx) => {
      const state = stateFor(ctx, ctx.params.id!)
      const session = state?.collections.checkout_sessions.get(ctx.params.id!)
      if (!state || !session)
        return page('Something went wrong', '<p>This Checkout Session does not exist.</p>', 404)
      const rt = createRuntime(state, ctx.baseUrl, ctx.config.hosted)
      try {
        const email = formField(ctx, 'email')
        completeCheckoutSession(rt, session, {
          paymentMethod: formField(ctx, 'card') ?? 'pm_card_visa',
          ...(email ? { email } : {}),
        })
      } catch (error) {
        flushDeliveries(state, ctx.webhooks)
        if (isStripeApiError(error))
          return page('Your payment was not completed', `<p>${escapeHtml(error.message)}</p>`, 402)
        throw error
      }
      flushDeliveries(state, ctx.webhooks)
      const to = String(session.success_url ?? 'about:blank').replace('{CHECKOUT_SESSION_ID}', session.id)
      return new Response(null, { status: 303, headers: { location: to } })
    },
    { auth: false, name: 'POST checkout page' },
  ),
  route.get<StripeState, StripeConfig>(
    '/3d_secure_2/hosted/:id',
    (ctx) => {
      const pi = stateFor(ctx, ctx.params.id!)?.collections.payment_intents.get(ctx.params.id!)
      if (!pi) return page('Something went wrong', '<p>Unknown authentication request.</p>', 404)
      return page(
        '3D Secure 2 Test Page',
        `<form method="post"><input type="hidden" name="return_url" value="${escapeHtml(ctx.query.get('return_url') ?? '')}"><button name="outcome" value="succeed">Complete</button><button name="outcome" value="fail">Fail</button></form>`,
      )
    },
    { auth: false, name: 'GET 3DS page' },
  ),
  route.post<StripeState, StripeConfig>(
    '/3d_secure_2/hosted/:id',
    async (ctx) => {
      const state = stateFor(ctx, ctx.params.id!)
      const pi = state?.collections.payment_intents.get(ctx.params.id!)
      if (!state || !pi) return page('Something went wrong', '<p>Unknown authentication request.</p>', 404)
      const outcome = formField(ctx, 'outcome') === 'fail' ? 'fail' : 'succeed'
      completeAuthentication(createRuntime(state, ctx.baseUrl, ctx.config.hosted), pi, outcome)
      flushDeliveries(state, ctx.webhooks)
      const back = formField(ctx, 'return_url') || ctx.query.get('return_url')
      if (!back) return page('Authentication complete', `<p>${escapeHtml(pi.status)}</p>`)
      const url = new URL(back)
      url.searchParams.set('payment_intent', pi.id)
      url.searchParams.set('payment_intent_client_secret', pi.client_secret)
      url.searchParams.set(
        'redirect_status',
        pi.status === 'succeeded' || pi.status === 'requires_capture' ? 'succeeded' : 'failed',
      )
      return new Response(null, { status: 303, headers: { location: url.toString() } })
    },
    { auth: false, name: 'POST 3DS page' },
  ),
]
