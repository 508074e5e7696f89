import { bytesResponse, responseBytes } from '@understudy/core'
import { requestId, type StripeContext } from './context'
import { invalidRequest, isStripeApiError, StripeApiError } from './errors'

const DAY_MS = 86_400_000
/**
 * Keys kept per account at most. Stripe keeps every key for 24 hours; stripe-node sends one with every
 * POST, so a long load test against one server would otherwise keep an answer per POST.
 */
export const MAX_SAVED_KEYS = 10_000
const decoder = new TextDecoder()

/**
 * Drops saved answers older than 24 hours on the mock's clock, then the oldest beyond `max`. The Map
 * is in the order keys were saved (a key saved again is moved to the end), so both come off its front.
 */
export function pruneSaved(saved: Map<string, { createdAt: number }>, now: number, max: number): void {
  for (const [key, entry] of saved) {
    if (now - entry.createdAt < DAY_MS && saved.size <= max) return
    saved.delete(key)
  }
}

/** A request's identity for idempotency: method, path and its parameters in a stable order. */
function fingerprint(ctx: StripeContext): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted)
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
      )
    }
    return value
  }
  return JSON.stringify([ctx.method, ctx.path, ctx.query.toString(), sorted(ctx.body)])
}

/**
 * Stripe's idempotency: the first answer to a key is saved for 24 hours; the same key with the same
 * parameters replays it (`Idempotent-Replayed: true`), with other parameters it is an
 * `idempotency_error`. Injected faults never reach here, so a retried request runs for real.
 *
 * @see https://docs.stripe.com/api/idempotent_requests
 */
export function idempotent(handler: (ctx: StripeContext) => Promise<Response> | Response) {
  return async (ctx: StripeContext): Promise<Response> => {
    const key = ctx.headers.get('idempotency-key')
    if (!key) return handler(ctx)
    if (key.length > 255) {
      throw invalidRequest('Idempotency-Key must be at most 255 characters long.', {
        param: 'Idempotency-Key',
      })
    }
    const { idempotency } = ctx.state
    const print = fingerprint(ctx)
    const saved = idempotency.get(key)
    if (saved && ctx.clock.now() - saved.createdAt < DAY_MS) {
      if (saved.fingerprint !== print) {
        throw new StripeApiError(400, {
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          type: 'idempotency_error',
        })
      }
      return new Response(saved.body, {
        status: saved.status,
        headers: { ...saved.headers, 'idempotent-replayed': 'true', 'original-request': saved.requestId },
      })
    }
    let response: Response
    try {
      response = await handler(ctx)
    } catch (error) {
      if (!isStripeApiError(error)) throw error
      response = error.toResponse()
      // Stripe saves nothing when the parameters failed validation; card errors are saved and replayed.
      if (error.status === 400) return response
    }
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name] = value
    })
    // The bytes the answer was made from when known (no copy of its stream); else read, and answered anew.
    const bytes = await responseBytes(response)
    if (response.bodyUsed) {
      response = bytesResponse(bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    }
    // Re-inserted, not overwritten: the Map's order must stay the order keys were saved in.
    idempotency.delete(key)
    pruneSaved(idempotency, ctx.clock.now(), MAX_SAVED_KEYS - 1)
    idempotency.set(key, {
      fingerprint: print,
      status: response.status,
      body: decoder.decode(bytes),
      headers,
      requestId: requestId(ctx),
      createdAt: ctx.clock.now(),
    })
    return response
  }
}
