import { requestLocals, type ServiceContext } from '@understudy/core'
import type { StripeConfig } from './config'
import { invalidRequest } from './errors'
import { type FormParams, FormParseError, parseStripeForm } from './form'
import { Params } from './params'
import { createRuntime, type Runtime } from './runtime'
import { connectedState, type StripeState } from './state'

export type StripeContext = ServiceContext<StripeState, StripeConfig>

const locals = requestLocals<{ requestId: string }>()

/** The `request-id` of this request (`req_…`), made on first use so events and headers agree. */
export function requestId(ctx: StripeContext): string {
  const own = locals(ctx)
  own.requestId ??= ctx.ids.next('req_', 14)
  return own.requestId
}

/** The body parser given to the framework: Stripe's form parser, or the parse error to answer with. */
export function parseBody(_request: Request, _raw: Uint8Array, text: string): FormParams | FormParseError {
  if (!text) return {}
  if (/^\s*[{[]/.test(text)) {
    // Stripe's v1 API reads only form bodies; a JSON body carries no parameters it understands.
    try {
      const json = JSON.parse(text) as unknown
      return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as FormParams) : {}
    } catch {
      // Fall through: parse it as the form it claims to be.
    }
  }
  try {
    return parseStripeForm(text)
  } catch (error) {
    return error as FormParseError
  }
}

/** The request's parameters: query string and body, merged, as Stripe reads both. */
export function paramsOf(ctx: StripeContext): Params {
  const body = ctx.body
  if (body instanceof FormParseError) throw invalidRequest(body.message, { param: body.param })
  let query: FormParams
  try {
    query = ctx.query.size ? parseStripeForm(ctx.query) : {}
  } catch (error) {
    const e = error as FormParseError
    throw invalidRequest(e.message, { param: e.param })
  }
  return new Params({ ...query, ...((body as FormParams | undefined) ?? {}) })
}

export function runtimeOf(ctx: StripeContext): Runtime {
  const account = ctx.headers.get('stripe-account')
  const state = account ? connectedState(ctx.state, account) : ctx.state
  return createRuntime(state, ctx.baseUrl, ctx.config.hosted, {
    id: requestId(ctx),
    idempotency_key: ctx.method === 'POST' ? ctx.headers.get('idempotency-key') : null,
  })
}
