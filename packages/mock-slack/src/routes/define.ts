import { type Route, route, type ServiceContext } from '@understudy/core'
import { Args } from '../args'
import type { SlackConfig } from '../config'
import { SlackApiError } from '../errors'
import type { MethodName } from '../generated/methods'
import { type MethodTier, tiers } from '../generated/tiers'
import { granularScopes } from '../method-scopes'
import { enforceRateLimit } from '../rate-limit'
import { flushScheduled } from '../resources/scheduled'
import { requireAnyScope } from '../scopes'
import type { Actor, SlackState, TokenRecord } from '../state'
import { firstHuman } from '../state'
import { methodInfo } from './known'

/** What the mock knows about a method, read by its hooks (X-Accepted-OAuth-Scopes, rate limits). */
export interface MethodMeta extends Record<string, unknown> {
  /** Scopes any one of which lets a token call the method (X-Accepted-OAuth-Scopes). */
  scopes: readonly string[]
  /** Its rate-limit tier, as Slack's Java SDK publishes it. */
  rate: MethodTier
}

/**
 * A method's scopes and tier, as data: the scopes Slack's published description lists, or the granular
 * ones where that is out of date (src/method-scopes.ts), and the tier the official Java SDK gives it.
 */
export function methodMeta(name: MethodName): MethodMeta {
  const scopes = granularScopes[name] ?? methodInfo(name).scopes
  if (!scopes)
    throw new Error(
      `[understudy:slack] ${name} is not in Slack's published description: add its scopes to src/method-scopes.ts.`,
    )
  const rate = tiers[name]
  if (!rate)
    throw new Error(
      `[understudy:slack] ${name} has no published rate-limit tier: rerun scripts/gen-tiers.mjs.`,
    )
  return { scopes, rate }
}

export interface MethodContext {
  readonly ctx: ServiceContext<SlackState, SlackConfig>
  readonly state: SlackState
  readonly args: Args
  readonly token: TokenRecord
  readonly actor: Actor
}

export type MethodResult = Record<string, unknown>
export type MethodHandler = (m: MethodContext) => MethodResult | Promise<MethodResult>

/** The token a request carries: `Authorization: Bearer`, or a `token` form field or query parameter. */
export function requestToken(request: Request, body: unknown): string | undefined {
  const header = request.headers.get('authorization')
  const bearer = header ? /^\s*bearer\s+(.+?)\s*$/i.exec(header)?.[1] : undefined
  if (bearer) return bearer
  // Slack reads `token` from form bodies and query strings only; a JSON body must use the header.
  const type = request.headers.get('content-type') ?? ''
  if (!type.includes('json') && body && typeof body === 'object' && 'token' in body) {
    const value = (body as { token?: unknown }).token
    if (typeof value === 'string' && value) return value
  }
  return new URL(request.url).searchParams.get('token') || undefined
}

/** The token's record: seeded, or the implicit one any non-empty token gets (unless tokens are strict). */
export function tokenRecord(
  state: SlackState,
  config: Pick<SlackConfig, 'tokens'>,
  token: string | undefined,
): TokenRecord | SlackApiError {
  if (!token) return new SlackApiError('not_authed')
  const seeded = state.tokens.get(token)
  if (seeded) return seeded.revoked ? new SlackApiError('token_revoked') : seeded
  if (config.tokens === 'seeded') return new SlackApiError('invalid_auth')
  const type = token.startsWith('xoxp-') ? 'user' : 'bot'
  return {
    token,
    type,
    user_id: type === 'user' ? (firstHuman(state) ?? state.bot.user_id) : state.bot.user_id,
    revoked: false,
  }
}

export function actorOf(state: SlackState, token: TokenRecord): Actor {
  return {
    type: token.type === 'bot' && token.user_id === state.bot.user_id ? 'bot' : 'user',
    user_id: token.user_id,
  }
}

function warningsFor(ctx: ServiceContext<SlackState, SlackConfig>): string[] {
  const type = ctx.headers.get('content-type') ?? ''
  // Slack asks JSON senders to name the charset.
  return type.includes('application/json') && !/charset=/i.test(type) ? ['missing_charset'] : []
}

function withWarnings(body: Record<string, unknown>, warnings: string[]): Record<string, unknown> {
  if (warnings.length === 0) return body
  const metadata = (body.response_metadata as Record<string, unknown> | undefined) ?? {}
  return {
    ...body,
    warning: warnings.join(','),
    response_metadata: { ...metadata, warnings: [...((metadata.warnings as string[]) ?? []), ...warnings] },
  }
}

/**
 * Declares a Web API method at `/api/<name>`, answering GET and POST as Slack does; its scopes and rate
 * tier are data (`methodMeta`). The handler returns the success fields; `ok: true` and any warnings are
 * added here, and a thrown SlackApiError becomes `{ ok: false, error }`.
 *
 * @example
 * method('auth.test', ({ state, actor }) => ({ user_id: actor.user_id }))
 */
export function method(name: MethodName, handler: MethodHandler): Route<SlackState, SlackConfig> {
  const meta = methodMeta(name)
  return route.all(
    `/api/${name}`,
    async (ctx) => {
      const warnings = warningsFor(ctx)
      try {
        // A JSON body that does not parse reaches the method as its text: Slack answers invalid_json.
        if (typeof ctx.body === 'string' && /json/i.test(ctx.headers.get('content-type') ?? ''))
          throw new SlackApiError('invalid_json')
        const token = tokenRecord(ctx.state, ctx.config, ctx.credential)
        if (token instanceof SlackApiError) throw token
        requireAnyScope(token, meta.scopes)
        const args = Args.from(ctx.query, ctx.body)
        if (ctx.config.rateLimits) enforceRateLimit(ctx.state, name, meta.rate, token, args)
        await flushScheduled(ctx)
        const result = await handler({ ctx, state: ctx.state, args, token, actor: actorOf(ctx.state, token) })
        return Response.json(withWarnings({ ok: true, ...result }, warnings))
      } catch (error) {
        if (error instanceof SlackApiError && error.status === 200) {
          return Response.json(withWarnings({ ok: false, error: error.code, ...error.fields }, warnings))
        }
        throw error
      }
    },
    { name, meta },
  )
}
