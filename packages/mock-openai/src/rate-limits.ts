/**
 * OpenAI's rate limits: a request budget and a token budget per minute, refilled continuously (which
 * is why a fresh key shows `x-ratelimit-reset-requests: 6ms` after one call). Every model response
 * carries the `x-ratelimit-*` headers; going over answers 429 as OpenAI does. Time comes from the
 * mock's clock, so tests step over a window instead of sleeping.
 *
 * @module
 */
import { OpenAIApiError } from './errors'

export interface RateLimitOptions {
  /** Requests per minute (RPM). Default 10 000. */
  requestsPerMinute?: number
  /** Tokens per minute (TPM): prompt plus completion. Default 30 000 000. */
  tokensPerMinute?: number
}

interface Bucket {
  level: number
  at: number
}

export interface RateLimitState {
  requests: Bucket | undefined
  tokens: Bucket | undefined
}

export function createRateLimitState(): RateLimitState {
  return { requests: undefined, tokens: undefined }
}

/** `6ms`, `1s`, `1m30s`: OpenAI's duration format for the reset headers. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s'
  if (ms < 1000) return `${Math.ceil(ms)}ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`
  const minutes = Math.floor(seconds / 60)
  const rest = Number((seconds - minutes * 60).toFixed(3))
  return rest ? `${minutes}m${rest}s` : `${minutes}m0s`
}

export class RateLimiter {
  readonly requestsPerMinute: number
  readonly tokensPerMinute: number

  constructor(options: RateLimitOptions = {}) {
    this.requestsPerMinute = options.requestsPerMinute ?? 10_000
    this.tokensPerMinute = options.tokensPerMinute ?? 30_000_000
  }

  private level(bucket: Bucket | undefined, limit: number, now: number): number {
    if (!bucket) return limit
    return Math.min(limit, bucket.level + ((now - bucket.at) * limit) / 60_000)
  }

  private headers(requests: number, tokens: number): Record<string, string> {
    const rpm = this.requestsPerMinute
    const tpm = this.tokensPerMinute
    return {
      'x-ratelimit-limit-requests': String(rpm),
      'x-ratelimit-limit-tokens': String(tpm),
      'x-ratelimit-remaining-requests': String(Math.max(0, Math.floor(requests))),
      'x-ratelimit-remaining-tokens': String(Math.max(0, Math.floor(tokens))),
      'x-ratelimit-reset-requests': formatDuration(((rpm - requests) * 60_000) / rpm),
      'x-ratelimit-reset-tokens': formatDuration(((tpm - tokens) * 60_000) / tpm),
    }
  }

  /** The headers as they stand, without spending anything. */
  peek(state: RateLimitState, now: number): Record<string, string> {
    return this.headers(
      this.level(state.requests, this.requestsPerMinute, now),
      this.level(state.tokens, this.tokensPerMinute, now),
    )
  }

  /**
   * Spends one request and `tokens` tokens, or throws OpenAI's 429 (with `retry-after`) when either
   * budget is short. Returns the headers for the answer.
   */
  consume(state: RateLimitState, now: number, tokens: number, model: string): Record<string, string> {
    const requests = this.level(state.requests, this.requestsPerMinute, now)
    const available = this.level(state.tokens, this.tokensPerMinute, now)
    if (requests < 1) {
      const waitMs = ((1 - requests) * 60_000) / this.requestsPerMinute
      throw this.limitError(
        'requests per min (RPM)',
        this.requestsPerMinute,
        this.requestsPerMinute,
        1,
        waitMs,
        model,
        this.headers(requests, available),
      )
    }
    if (available < tokens) {
      const waitMs = ((tokens - available) * 60_000) / this.tokensPerMinute
      throw this.limitError(
        'tokens per min (TPM)',
        this.tokensPerMinute,
        Math.round(this.tokensPerMinute - available),
        tokens,
        waitMs,
        model,
        this.headers(requests, available),
      )
    }
    state.requests = { level: requests - 1, at: now }
    state.tokens = { level: available - tokens, at: now }
    return this.headers(requests - 1, available - tokens)
  }

  private limitError(
    what: string,
    limit: number,
    used: number,
    requested: number,
    waitMs: number,
    model: string,
    headers: Record<string, string>,
  ): OpenAIApiError {
    const kind = what.startsWith('requests') ? 'requests' : 'tokens'
    return new OpenAIApiError(
      429,
      {
        message:
          `Rate limit reached for ${model} in organization org-understudy on ${what}: Limit ${limit}, Used ${used}, ` +
          `Requested ${requested}. Please try again in ${formatDuration(waitMs)}. ` +
          'Visit https://platform.openai.com/account/rate-limits to learn more.',
        type: kind,
        code: 'rate_limit_exceeded',
      },
      { ...headers, 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
    )
  }
}
