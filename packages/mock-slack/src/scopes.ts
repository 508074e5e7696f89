import { SlackApiError } from './errors'
import type { ChannelRecord, TokenRecord } from './state'

/** Every scope the mock knows: what an unseeded token is granted (and reports in X-OAuth-Scopes). */
export const ALL_SCOPES = [
  'app_mentions:read',
  'bookmarks:read',
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write',
  'chat:write.customize',
  'chat:write.public',
  'commands',
  'files:read',
  'files:write',
  'groups:history',
  'groups:read',
  'groups:write',
  'im:history',
  'im:read',
  'im:write',
  'mpim:history',
  'mpim:read',
  'mpim:write',
  'pins:read',
  'pins:write',
  'reactions:read',
  'reactions:write',
  'search:read',
  'team:read',
  'users:read',
  'users:read.email',
] as const

export function grantedScopes(token: TokenRecord): readonly string[] {
  return token.scopes ?? ALL_SCOPES
}

export function hasScope(token: TokenRecord, scope: string): boolean {
  return token.scopes === undefined || token.scopes.includes(scope)
}

/** Slack's answer when a token lacks every scope a method accepts. */
export function missingScope(token: TokenRecord, needed: string): SlackApiError {
  return new SlackApiError('missing_scope', { needed, provided: grantedScopes(token).join(',') })
}

/** Throws missing_scope unless the token has one of `accepted`. */
export function requireAnyScope(token: TokenRecord, accepted: readonly string[]): void {
  if (accepted.length === 0 || accepted.some((s) => hasScope(token, s))) return
  throw missingScope(token, accepted.join(','))
}

const PREFIX = { channel: 'channels', group: 'groups', im: 'im', mpim: 'mpim' } as const

/**
 * The scope a conversation method needs for this kind of channel: `channels:history` for a public
 * channel, `groups:history` for a private one... Public channels take `channels:manage` for writes.
 */
export function channelScope(channel: ChannelRecord, action: 'read' | 'history' | 'write'): string {
  const prefix = PREFIX[channel.kind]
  if (action === 'write' && channel.kind === 'channel') return 'channels:manage'
  return `${prefix}:${action}`
}

export function requireChannelScope(
  token: TokenRecord,
  channel: ChannelRecord,
  action: 'read' | 'history' | 'write',
): void {
  const scope = channelScope(channel, action)
  if (!hasScope(token, scope)) throw missingScope(token, scope)
}
