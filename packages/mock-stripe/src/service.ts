import { defineService } from '@understudy/core'
import type { StripeConfig } from './config'
import { parseBody, requestId, runtimeOf, type StripeContext } from './context'
import { AUTH_HELP, docUrl, invalidRequest, isStripeApiError, maskKey } from './errors'
import { catchUp } from './resources/subscriptions'
import type { OperationMeta } from './routes/define'
import { stripeRoutes } from './routes/index'
import { knownEndpoints, sdkMethodOf } from './routes/known'
import { API_VERSION } from './runtime'
import { createSeed, type StripeSeed } from './seed'
import { createStripeState, type StripeState, snapshotState } from './state'
import { flushDeliveries } from './webhooks/events'

const KEY = /^(sk|rk)_test_[A-Za-z0-9_]+$/
const VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/

function unauthorized(message: string): Response {
  return Response.json(
    { error: { message, type: 'invalid_request_error' } },
    { status: 401, headers: { 'www-authenticate': 'Basic realm="Stripe"' } },
  )
}

/**
 * Stripe checks the key before anything else: none → 401 showing how to send one; a key that is
 * not a test secret or restricted key (`sk_test_…`, `rk_test_…`) → 401 `Invalid API Key provided`.
 */
function authenticate(ctx: StripeContext): Response | undefined {
  const key = ctx.credential
  if (!key) return unauthorized(AUTH_HELP)
  if (key.startsWith('pk_')) {
    return unauthorized(
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    )
  }
  if (!KEY.test(key)) return unauthorized(`Invalid API Key provided: ${maskKey(key)}`)
  const account = ctx.headers.get('stripe-account')
  if (account !== null && !/^acct_[A-Za-z0-9]+$/.test(account)) {
    return Response.json(
      {
        error: {
          message: `The provided key '${maskKey(key)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
          type: 'invalid_request_error',
        },
      },
      { status: 403 },
    )
  }
  const version = ctx.headers.get('stripe-version')
  if (version && !VERSION.test(version)) {
    return invalidRequest(`Invalid Stripe API version: ${version}`, { param: 'Stripe-Version' }).toResponse()
  }
  return undefined
}

async function withRequestLogUrl(ctx: StripeContext, response: Response): Promise<Response> {
  if (
    response.status < 400 ||
    response.status === 401 ||
    !response.headers.get('content-type')?.includes('json')
  ) {
    return response
  }
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { error?: Record<string, unknown> } | undefined
  if (!body?.error || body.error.request_log_url) return response
  body.error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId(ctx)}?t=${ctx.clock.nowSeconds()}`
  return new Response(JSON.stringify(body), { status: response.status, headers: response.headers })
}

/**
 * The headers Stripe puts on every answer, and the webhook deliveries the request caused.
 */
async function finalize(ctx: StripeContext, response: Response): Promise<Response> {
  flushDeliveries(ctx.state, ctx.webhooks)
  if (!ctx.path.startsWith('/v1/')) return response
  const out = await withRequestLogUrl(ctx, response)
  const headers = out.headers
  headers.set('request-id', requestId(ctx))
  headers.set('stripe-version', ctx.headers.get('stripe-version') ?? API_VERSION)
  headers.set('cache-control', 'no-cache, no-store')
  headers.set('access-control-allow-origin', '*')
  headers.set(
    'access-control-expose-headers',
    'Request-Id, Stripe-Manage-Version, Stripe-Should-Retry, X-Stripe-External-Auth-Required, X-Stripe-Privileged-Session-Required',
  )
  const account = ctx.headers.get('stripe-account')
  if (account) headers.set('stripe-account', account)
  const key = ctx.headers.get('idempotency-key')
  if (key && ctx.method === 'POST') headers.set('idempotency-key', key)
  // Content-Length: core sets it on every buffered answer, after this hook.
  return out
}

function errorResponse(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error }, { status, headers })
}

/** The Stripe service, for `createServiceMock`; `createStripeMock` is the way to use it. */
export const stripeService = defineService<StripeState, StripeSeed, StripeConfig>({
  name: 'stripe',
  hosts: ['https://api.stripe.com', 'https://checkout.stripe.com', 'https://hooks.stripe.com'],
  routes: stripeRoutes,
  endpoints: knownEndpoints,
  // createStripeMock passes each mock a registry of its own.
  config: { defaults: { hosted: { pages: new Map() } } },
  createState: createStripeState,
  seed: createSeed,
  snapshot: snapshotState,
  parseBody,
  authenticate,
  beforeRoute(ctx) {
    // Renewals due on the mock's clock happen before an API call sees the state (test clocks move on
    // their own). Stripe's hosted pages are not API calls.
    if (!(ctx.routeOptions.meta as OperationMeta | undefined)?.operation) return undefined
    catchUp({ ...runtimeOf(ctx), request: { id: null, idempotency_key: null } })
    return undefined
  },
  finalize,
  errors: {
    notFound(ctx) {
      // Stripe checks the key before it looks at the URL.
      const refused = authenticate(ctx)
      if (refused) return refused
      return errorResponse(404, {
        message: `Unrecognized request URL (${ctx.method}: ${ctx.path}). Please see https://docs.stripe.com or we can help at https://support.stripe.com/.`,
        type: 'invalid_request_error',
      })
    },
    // `Stripe-Should-Retry: false`: stripe-node retries 5xx answers, and this one will not change.
    unimplemented: (ctx, { endpoint }) => {
      const sdk = sdkMethodOf(endpoint.method, endpoint.path)
      return errorResponse(
        501,
        {
          message: `${ctx.method} ${ctx.path} (${endpoint.method} ${endpoint.path}${sdk ? `, stripe.${sdk}()` : ''}) is an endpoint of the Stripe API that the Understudy mock does not implement.`,
          type: 'invalid_request_error',
          code: 'understudy_unimplemented',
          ...(endpoint.docs ? { doc_url: endpoint.docs } : {}),
        },
        { 'stripe-should-retry': 'false' },
      )
    },
    fault: (_ctx, { status, message }) =>
      status === 401
        ? unauthorized(message ?? AUTH_HELP)
        : status === 402
          ? errorResponse(402, {
              code: 'card_declined',
              decline_code: 'generic_decline',
              doc_url: docUrl('card_declined'),
              message: message ?? 'Your card was declined.',
              type: 'card_error',
            })
          : status < 500
            ? errorResponse(status, {
                message: message ?? `Injected ${status} error.`,
                type: 'invalid_request_error',
              })
            : errorResponse(status, { message: message ?? 'An unknown error occurred', type: 'api_error' }),
    rateLimited: (_ctx, { retryAfter }) =>
      errorResponse(
        429,
        {
          code: 'rate_limit',
          doc_url: docUrl('rate_limit'),
          message:
            'Request rate limit exceeded. You can learn more about rate limits here https://docs.stripe.com/rate-limits.',
          type: 'invalid_request_error',
        },
        { 'retry-after': String(retryAfter) },
      ),
    internal: (ctx, error) => {
      if (isStripeApiError(error)) return error.toResponse()
      return errorResponse(500, {
        message: `[understudy:mock-stripe] The mock failed on ${ctx.method} ${ctx.path}: ${error instanceof Error ? error.message : String(error)}`,
        type: 'api_error',
      })
    },
  },
})
