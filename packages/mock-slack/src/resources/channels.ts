import type { Workspace } from '../config'
import { fail } from '../errors'
import { slackId } from '../ids'
import type { Actor, ChannelRecord, SlackState } from '../state'
import { emitEvent } from '../webhooks/events'

/** `#General ` → `general`. */
export function normalizeName(name: string): string {
  return name.trim().replace(/^#/, '').toLowerCase()
}

/** The Events API's `channel_type` for a channel. */
export function channelType(channel: ChannelRecord): 'channel' | 'group' | 'im' | 'mpim' {
  return channel.kind
}

/** Whether `actor` can see the channel at all: private ones are invisible to non-members. */
export function canSee(channel: ChannelRecord, actor: Actor): boolean {
  return channel.kind === 'channel' || channel.members.includes(actor.user_id)
}

/**
 * Finds the channel a method names, as Slack does: an id (`C…`, `G…`, `D…`); with `names`, also a name
 * with or without `#` (only the chat.post* methods take names); with `openDm`, a user id (`U…`, `W…`)
 * meaning the DM with that user. Unknown or invisible → channel_not_found.
 */
export function resolveChannel(
  state: SlackState,
  ref: string | undefined,
  actor: Actor,
  options: { openDm?: boolean; names?: boolean } = {},
): ChannelRecord {
  if (!ref) return fail('channel_not_found')
  const byId = state.channels.get(ref)
  if (byId) return canSee(byId, actor) ? byId : fail('channel_not_found')
  if (options.openDm && /^[UW][A-Z0-9]+$/.test(ref) && state.users.has(ref)) return openDm(state, actor, ref)
  if (!options.names) return fail('channel_not_found')
  const name = normalizeName(ref)
  for (const channel of state.channels.values()) {
    if (channel.kind !== 'im' && channel.name === name && canSee(channel, actor)) return channel
  }
  return fail('channel_not_found')
}

/** The DM between the actor and `userId`, created on first use (conversations.open). */
export function openDm(state: SlackState, actor: Actor, userId: string): ChannelRecord {
  for (const channel of state.channels.values()) {
    if (
      channel.kind === 'im' &&
      channel.members.includes(actor.user_id) &&
      channel.members.includes(userId) &&
      (userId !== actor.user_id || channel.members.length === 1)
    )
      return channel
  }
  const channel: ChannelRecord = {
    id: slackId(state.ids, 'D'),
    name: userId,
    kind: 'im',
    created: state.clock.nowSeconds(),
    creator: actor.user_id,
    is_archived: false,
    is_general: false,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
    members: [...new Set([actor.user_id, userId])],
    user: userId === actor.user_id ? actor.user_id : userId,
    updated: state.clock.now(),
  }
  state.channels.set(channel.id, channel)
  state.messages.set(channel.id, [])
  return channel
}

/** Checks a new channel name as conversations.create and conversations.rename do. */
export function validateName(state: SlackState, raw: string | undefined, except?: ChannelRecord): string {
  if (raw === undefined || raw.trim() === '') fail('invalid_name_required')
  const name = raw.replace(/^#/, '')
  if (name.length > 80) fail('invalid_name_maxlength')
  if (/^[-_]+$/.test(name)) fail('invalid_name_punctuation')
  if (!/^[\p{Ll}\p{Lo}\p{N}_-]+$/u.test(name)) fail('invalid_name_specials')
  for (const channel of state.channels.values()) {
    if (
      channel !== except &&
      channel.kind !== 'im' &&
      (channel.name === name || channel.previous_names.includes(name))
    )
      fail('name_taken')
  }
  return name
}

export function createChannel(
  state: SlackState,
  actor: Actor,
  name: string,
  isPrivate: boolean,
): ChannelRecord {
  const now = state.clock.nowSeconds()
  const channel: ChannelRecord = {
    id: slackId(state.ids, isPrivate ? 'G' : 'C'),
    name,
    kind: isPrivate ? 'group' : 'channel',
    created: now,
    creator: actor.user_id,
    is_archived: false,
    is_general: false,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
    members: [actor.user_id],
    updated: state.clock.now(),
  }
  state.channels.set(channel.id, channel)
  state.messages.set(channel.id, [])
  return channel
}

/** Adds a member and tells the app (member_joined_channel). False when already a member. */
export async function addMember(
  ws: Workspace,
  channel: ChannelRecord,
  userId: string,
  inviter?: string,
): Promise<boolean> {
  const { state } = ws
  if (channel.members.includes(userId)) return false
  channel.members.push(userId)
  channel.updated = state.clock.now()
  await emitEvent(ws, {
    type: 'member_joined_channel',
    user: userId,
    channel: channel.id,
    channel_type: channel.kind === 'channel' ? 'C' : 'G',
    team: state.team.id,
    ...(inviter && inviter !== userId ? { inviter } : {}),
    event_ts: state.ts.next(),
  })
  return true
}

/** The group DM between the actor and `users` (conversations.open with several users). */
export function openMpim(
  state: SlackState,
  actor: Actor,
  users: string[],
): { channel: ChannelRecord; existed: boolean } {
  const members = [...new Set([actor.user_id, ...users])]
  const key = [...members].sort().join(',')
  for (const channel of state.channels.values()) {
    if (channel.kind === 'mpim' && [...channel.members].sort().join(',') === key)
      return { channel, existed: true }
  }
  const names = members.map((id) => state.users.get(id)?.name ?? id)
  const channel: ChannelRecord = {
    id: slackId(state.ids, 'G'),
    name: `mpdm-${names.join('--')}-1`,
    kind: 'mpim',
    created: state.clock.nowSeconds(),
    creator: actor.user_id,
    is_archived: false,
    is_general: false,
    topic: { value: 'Group messaging', creator: actor.user_id, last_set: state.clock.nowSeconds() },
    purpose: {
      value: `Group messaging with: ${names.map((n) => `@${n}`).join(' ')}`,
      creator: actor.user_id,
      last_set: state.clock.nowSeconds(),
    },
    previous_names: [],
    members,
    updated: state.clock.now(),
  }
  state.channels.set(channel.id, channel)
  state.messages.set(channel.id, [])
  return { channel, existed: false }
}
