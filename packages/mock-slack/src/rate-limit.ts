import type { Args } from './args'
import { SlackApiError } from './errors'
import type { MethodTier } from './generated/tiers'
import type { SlackState, TokenRecord } from './state'

/**
 * Calls per minute per token for each tier.
 *
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
export const TIER_LIMITS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const

const WINDOW_MS = 60_000

/** Slack's 429: `Retry-After` in seconds and `{ ok: false, error: 'ratelimited' }`. */
export function rateLimitedError(retryAfter: number): SlackApiError {
  return new SlackApiError('ratelimited', {}, 429, { 'retry-after': String(retryAfter) })
}

/**
 * Enforces a method's tier on the mock clock (sliding one-minute window per token and method). A
 * special tier has its own number: chat.postMessage's, about one message per second per channel, is
 * 60 a minute per channel so short bursts pass, as they do on Slack.
 */
export function enforceRateLimit(
  state: SlackState,
  name: string,
  rate: MethodTier,
  token: TokenRecord,
  args: Args,
): void {
  let limit: number
  let key = `${token.token}\u0000${name}`
  if (rate.tier === 'special') {
    limit = rate.perMinute
    if (rate.perChannel) key += `\u0000${args.string('channel') ?? ''}`
  } else limit = TIER_LIMITS[rate.tier]
  const now = state.clock.now()
  const calls = (state.rateWindows.get(key) ?? []).filter((t) => t > now - WINDOW_MS)
  if (calls.length >= limit) {
    state.rateWindows.set(key, calls)
    throw rateLimitedError(Math.max(1, Math.ceil((calls[0]! + WINDOW_MS - now) / 1000)))
  }
  calls.push(now)
  state.rateWindows.set(key, calls)
}
