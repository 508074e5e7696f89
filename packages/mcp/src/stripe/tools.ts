import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import generated from '../generated/stripe-tools.json' with { type: 'json' }
import { errorResult, jsonResult } from '../results'
import type { Json, RestReply, ServiceTools, ToolContext, ToolDefinition, ToolHandler } from '../types'
import { sdkValidationMessage } from '../validate'

type Args = Record<string, Json>

/**
 * The toolkit answers a failure with "Failed to create refund" and drops Stripe's message; the
 * stand-in keeps that sentence and adds Stripe's own message (`Your card was declined.`), as an
 * `isError` result, so an agent under test can tell failure from success.
 */
function stripeError(failure: string, reply: RestReply): CallToolResult {
  if (reply.status === 0) return errorResult(`${failure}: An error occurred with our connection to Stripe.`)
  const message = reply.body?.error?.message
  return errorResult(typeof message === 'string' ? `${failure}: ${message}` : failure)
}

async function call(
  ctx: ToolContext,
  failure: string,
  method: string,
  path: string,
  params: Args | undefined,
  shape: (body: Json) => unknown,
): Promise<CallToolResult> {
  const clean = params
    ? Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
    : undefined
  const request = method === 'GET' ? { query: clean ?? {} } : clean ? { form: clean } : {}
  const reply = await ctx.rest(method, path, request)
  return reply.ok ? jsonResult(shape(reply.body)) : stripeError(failure, reply)
}

const same = (body: Json) => body
const data = (body: Json) => body.data
const invoiceSummary = (i: Json) => ({
  id: i.id,
  url: i.hosted_invoice_url,
  customer: i.customer,
  status: i.status,
})

const handlers: Record<string, ToolHandler> = {
  create_customer: (a, ctx) =>
    call(ctx, 'Failed to create customer', 'POST', '/v1/customers', a, (c) => ({ id: c.id })),
  list_customers: (a, ctx) =>
    call(ctx, 'Failed to list customers', 'GET', '/v1/customers', a, (l) =>
      l.data.map((c: Json) => ({ id: c.id })),
    ),
  create_product: (a, ctx) => call(ctx, 'Failed to create product', 'POST', '/v1/products', a, same),
  list_products: (a, ctx) => call(ctx, 'Failed to list products', 'GET', '/v1/products', a, data),
  create_price: (a, ctx) => call(ctx, 'Failed to create price', 'POST', '/v1/prices', a, same),
  list_prices: (a, ctx) => call(ctx, 'Failed to list prices', 'GET', '/v1/prices', a, data),
  create_invoice: (a, ctx) =>
    call(
      ctx,
      'Failed to create invoice',
      'POST',
      '/v1/invoices',
      { ...a, collection_method: 'send_invoice' },
      invoiceSummary,
    ),
  list_invoices: (a, ctx) => call(ctx, 'Failed to list invoices', 'GET', '/v1/invoices', a, data),
  create_invoice_item: (a, ctx) =>
    call(ctx, 'Failed to create invoice item', 'POST', '/v1/invoiceitems', a, (i) => ({
      id: i.id,
      invoice: i.invoice,
    })),
  finalize_invoice: (a, ctx) =>
    call(
      ctx,
      'Failed to finalize invoice',
      'POST',
      `/v1/invoices/${encodeURIComponent(a.invoice)}/finalize`,
      undefined,
      invoiceSummary,
    ),
  create_refund: (a, ctx) =>
    call(ctx, 'Failed to create refund', 'POST', '/v1/refunds', a, (r) => ({
      id: r.id,
      status: r.status,
      amount: r.amount,
    })),
  list_payment_intents: (a, ctx) =>
    call(ctx, 'Failed to list payment intents', 'GET', '/v1/payment_intents', a, data),
  list_subscriptions: (a, ctx) =>
    call(ctx, 'Failed to list subscriptions', 'GET', '/v1/subscriptions', a, data),
  cancel_subscription: (a, ctx) =>
    call(
      ctx,
      'Failed to cancel subscription',
      'DELETE',
      `/v1/subscriptions/${encodeURIComponent(a.subscription)}`,
      undefined,
      same,
    ),
  update_subscription: ({ subscription, ...rest }, ctx) =>
    call(
      ctx,
      'Failed to update subscription',
      'POST',
      `/v1/subscriptions/${encodeURIComponent(subscription)}`,
      rest,
      same,
    ),
  create_coupon: (a, ctx) =>
    // The toolkit's parameters default `currency` to USD and `duration` to once (zod defaults).
    call(
      ctx,
      'Failed to create coupon',
      'POST',
      '/v1/coupons',
      { currency: 'USD', duration: 'once', ...a },
      (c) => ({
        id: c.id,
      }),
    ),
  list_coupons: (a, ctx) =>
    call(ctx, 'Failed to list coupons', 'GET', '/v1/coupons', a, (l) =>
      l.data.map((c: Json) => ({
        id: c.id,
        name: c.name,
        percent_off: c.percent_off,
        amount_off: c.amount_off,
        duration: c.duration,
      })),
    ),
  create_payment_link: ({ price, quantity, redirect_url }, ctx) =>
    call(
      ctx,
      'Failed to create payment link',
      'POST',
      '/v1/payment_links',
      {
        line_items: [{ price, quantity }],
        ...(redirect_url ? { after_completion: { type: 'redirect', redirect: { url: redirect_url } } } : {}),
      },
      (l) => ({ id: l.id, url: l.url }),
    ),
  list_disputes: (a, ctx) =>
    call(ctx, 'Failed to list disputes', 'GET', '/v1/disputes', a, (l) =>
      l.data.map((d: Json) => ({ id: d.id })),
    ),
  update_dispute: ({ dispute, evidence, submit }, ctx) =>
    call(
      ctx,
      'Failed to update dispute',
      'POST',
      `/v1/disputes/${encodeURIComponent(dispute)}`,
      { evidence, submit },
      (d) => ({ id: d.id }),
    ),
  retrieve_balance: (_a, ctx) =>
    call(ctx, 'Failed to retrieve balance', 'GET', '/v1/balance', undefined, same),
}

/**
 * Official tools the stand-in does not serve: documentation search reaches outside Stripe's API (the
 * toolkit asks ai.stripe.com), which no mock of the API can answer.
 */
export const unsupportedStripeTools = ['search_stripe_documentation'] as const

/** The official Stripe agent toolkit's MCP tools (release in `src/generated/stripe-tools.json`) on mock-stripe. */
export const stripeTools: ServiceTools = {
  service: 'stripe',
  definitions: (generated.tools as unknown as ToolDefinition[]).filter((tool) => tool.name in handlers),
  handlers,
  validate: (tool: ToolDefinition, args: Record<string, unknown>) => sdkValidationMessage(tool, args),
  origin: 'https://api.stripe.com',
  authorize(credential, headers) {
    headers.set('authorization', `Bearer ${credential}`)
  },
}

export const stripeSource = generated.source
