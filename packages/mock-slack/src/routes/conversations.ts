import { fail } from '../errors'
import { channelView } from '../fixtures/channel'
import { parseTs } from '../ids'
import { paginate } from '../pagination'
import {
  addMember,
  createChannel,
  openDm,
  openMpim,
  resolveChannel,
  validateName,
} from '../resources/channels'
import { messagesOf, messageView } from '../resources/messages'
import { hasScope, missingScope, requireChannelScope } from '../scopes'
import type { ChannelRecord } from '../state'
import { findUser } from '../state'
import { type MethodContext, method } from './define'

// The published description lists the classic `channels:write` here; granular bot tokens hold these.
const TYPE_KINDS = {
  public_channel: 'channel',
  private_channel: 'group',
  im: 'im',
  mpim: 'mpim',
} as const
const KIND_READ_SCOPE = { channel: 'channels:read', group: 'groups:read', im: 'im:read', mpim: 'mpim:read' }

/** The conversation kinds a `types` argument asks for (default public channels), checking scopes. */
function kindsFor(m: MethodContext): Set<ChannelRecord['kind']> {
  const names = m.args.list('types')
  const kinds = new Set<ChannelRecord['kind']>()
  for (const name of names.length ? names : ['public_channel']) {
    const kind = TYPE_KINDS[name as keyof typeof TYPE_KINDS] ?? fail('invalid_types')
    if (!hasScope(m.token, KIND_READ_SCOPE[kind])) throw missingScope(m.token, KIND_READ_SCOPE[kind])
    kinds.add(kind)
  }
  return kinds
}

function visibleTo(channel: ChannelRecord, userId: string): boolean {
  return channel.kind === 'channel' || channel.members.includes(userId)
}

function tsArg(m: MethodContext, name: string, code: string): number | undefined {
  const value = m.args.string(name)
  if (value === undefined) return undefined
  return parseTs(value) ?? fail(code)
}

/** Bots read a channel's messages only where they are members; users can read any public channel. */
function requireHistoryAccess(m: MethodContext, channel: ChannelRecord): void {
  requireChannelScope(m.token, channel, 'history')
  if (m.actor.type === 'bot' && !channel.members.includes(m.actor.user_id)) fail('not_in_channel')
}

function requireMember(channel: ChannelRecord, userId: string): void {
  if (!channel.members.includes(userId) && channel.kind !== 'im') fail('not_in_channel')
}

function writable(m: MethodContext, channel: ChannelRecord): void {
  requireChannelScope(m.token, channel, 'write')
  if (channel.kind === 'im') fail('method_not_supported_for_channel_type')
}

function conversation(m: MethodContext, channel: ChannelRecord, extra: { numMembers?: boolean } = {}) {
  return channelView(m.state, channel, m.actor.user_id, { lastRead: true, ...extra })
}

/** @see https://docs.slack.dev/reference/methods/conversations.list (and the other conversations.* pages) */
export const conversationRoutes = [
  method('conversations.list', (m) => {
    const { state, actor, args } = m
    const kinds = kindsFor(m)
    const excludeArchived = args.bool('exclude_archived') ?? false
    const channels = [...state.channels.values()].filter(
      (c) => kinds.has(c.kind) && visibleTo(c, actor.user_id) && !(excludeArchived && c.is_archived),
    )
    const page = paginate(channels, {
      kind: 'id',
      key: (c) => c.id,
      cursor: args.string('cursor'),
      limit: args.int('limit', 'invalid_limit'),
      defaultLimit: 100,
      maxLimit: 1000,
    })
    return {
      channels: page.items.map((c) => channelView(state, c, actor.user_id, { numMembers: true })),
      response_metadata: { next_cursor: page.nextCursor },
    }
  }),

  method('conversations.info', (m) => {
    const channel = resolveChannel(m.state, m.args.string('channel'), m.actor)
    requireChannelScope(m.token, channel, 'read')
    return { channel: conversation(m, channel, { numMembers: m.args.bool('include_num_members') ?? false }) }
  }),

  method('conversations.history', (m) => {
    const { state, args } = m
    const channel = resolveChannel(state, args.string('channel'), m.actor)
    requireHistoryAccess(m, channel)
    const latest = tsArg(m, 'latest', 'invalid_ts_latest') ?? Number.POSITIVE_INFINITY
    const oldest = tsArg(m, 'oldest', 'invalid_ts_oldest') ?? 0
    const inclusive = args.bool('inclusive') ?? false
    const metadata = args.bool('include_all_metadata') ?? false
    const messages = messagesOf(state, channel)
      .filter((msg) => !msg.thread_ts || msg.thread_ts === msg.ts || msg.subtype === 'thread_broadcast')
      .filter((msg) => {
        const at = parseTs(msg.ts)!
        return inclusive ? at >= oldest && at <= latest : at > oldest && at < latest
      })
      .reverse()
    const page = paginate(messages, {
      kind: 'next_ts',
      key: (msg) => msg.ts,
      cursor: args.string('cursor'),
      limit: args.int('limit', 'invalid_limit'),
      defaultLimit: 100,
      maxLimit: 999,
    })
    return {
      messages: page.items.map((msg) => messageView(msg, metadata)),
      has_more: page.nextCursor !== '',
      pin_count: (state.pins.get(channel.id) ?? []).length,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: page.nextCursor },
    }
  }),

  method('conversations.replies', (m) => {
    const { state, args } = m
    const channel = resolveChannel(state, args.string('channel'), m.actor)
    requireHistoryAccess(m, channel)
    const ts = args.string('ts') ?? fail('thread_not_found')
    const found = messagesOf(state, channel).find((msg) => msg.ts === ts) ?? fail('thread_not_found')
    const parentTs = found.thread_ts ?? found.ts
    const latest = tsArg(m, 'latest', 'invalid_ts_latest') ?? Number.POSITIVE_INFINITY
    const oldest = tsArg(m, 'oldest', 'invalid_ts_oldest') ?? 0
    const inclusive = args.bool('inclusive') ?? true
    const metadata = args.bool('include_all_metadata') ?? false
    const thread = messagesOf(state, channel).filter((msg) => {
      if (msg.ts !== parentTs && msg.thread_ts !== parentTs) return false
      if (msg.ts === parentTs) return true
      const at = parseTs(msg.ts)!
      return inclusive ? at >= oldest && at <= latest : at > oldest && at < latest
    })
    const page = paginate(thread, {
      kind: 'next_ts',
      key: (msg) => msg.ts,
      cursor: args.string('cursor'),
      limit: args.int('limit', 'invalid_limit'),
      defaultLimit: 1000,
      maxLimit: 1000,
    })
    return {
      messages: page.items.map((msg) => messageView(msg, metadata)),
      has_more: page.nextCursor !== '',
      response_metadata: { next_cursor: page.nextCursor },
    }
  }),

  method('conversations.create', (m) => {
    const { state, actor, args, token } = m
    const isPrivate = args.bool('is_private') ?? false
    const scope = isPrivate ? 'groups:write' : 'channels:manage'
    if (!hasScope(token, scope)) throw missingScope(token, scope)
    const name = validateName(state, args.string('name'))
    const channel = createChannel(state, actor, name, isPrivate)
    return { channel: conversation(m, channel) }
  }),

  method('conversations.join', async (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor)
    if (channel.kind !== 'channel') fail('method_not_supported_for_channel_type')
    if (channel.is_archived) fail('is_archived')
    const joined = await addMember(m.ctx, channel, actor.user_id)
    const result = { channel: conversation(m, channel) }
    return joined
      ? result
      : { ...result, warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } }
  }),

  method('conversations.invite', async (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor)
    writable(m, channel)
    const users = args.list('users')
    if (users.length === 0) fail('no_user')
    if (users.length > 1000) fail('too_many_users')
    if (channel.is_archived) fail('is_archived')
    requireMember(channel, actor.user_id)
    const ids = users.map((ref) => findUser(state, ref) ?? fail('user_not_found'))
    for (const id of ids) {
      if (id === actor.user_id) fail('cant_invite_self')
      if (channel.members.includes(id))
        fail('already_in_channel', {
          errors: [{ user: id, ok: false, error: 'already_in_channel' }],
        })
    }
    for (const id of ids) await addMember(m.ctx, channel, id, actor.user_id)
    return { channel: conversation(m, channel) }
  }),

  method('conversations.members', (m) => {
    const { state, args } = m
    const channel = resolveChannel(state, args.string('channel'), m.actor)
    requireChannelScope(m.token, channel, 'read')
    const page = paginate(channel.members, {
      kind: 'user',
      key: (id) => id,
      cursor: args.string('cursor'),
      limit: args.int('limit', 'invalid_limit'),
      defaultLimit: 100,
      maxLimit: 1000,
    })
    return { members: page.items, response_metadata: { next_cursor: page.nextCursor } }
  }),

  method('conversations.archive', (m) => {
    const channel = resolveChannel(m.state, m.args.string('channel'), m.actor)
    writable(m, channel)
    if (channel.is_general) fail('cant_archive_general')
    if (channel.is_archived) fail('already_archived')
    channel.is_archived = true
    channel.updated = m.state.clock.now()
    return {}
  }),

  method('conversations.unarchive', (m) => {
    const channel = resolveChannel(m.state, m.args.string('channel'), m.actor)
    writable(m, channel)
    if (!channel.is_archived) fail('not_archived')
    channel.is_archived = false
    channel.updated = m.state.clock.now()
    return {}
  }),

  method('conversations.rename', (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor)
    writable(m, channel)
    requireMember(channel, actor.user_id)
    const name = validateName(state, args.string('name'), channel)
    if (name !== channel.name) {
      channel.previous_names.unshift(channel.name)
      channel.name = name
      channel.updated = state.clock.now()
    }
    return { channel: conversation(m, channel) }
  }),

  method('conversations.open', (m) => {
    const { state, actor, args } = m
    if (args.has('channel')) {
      const channel = resolveChannel(state, args.string('channel'), actor)
      return {
        no_op: true,
        already_open: true,
        channel: args.bool('return_im') ? conversation(m, channel) : { id: channel.id },
      }
    }
    const users = args.list('users').map((ref) => findUser(state, ref) ?? fail('user_not_found'))
    if (users.length === 0) fail('users_list_not_supplied')
    if (users.length > 8) fail('too_many_users')
    if (users.length > 1) {
      const { channel, existed } = openMpim(state, actor, users)
      const shown = args.bool('return_im') ? conversation(m, channel) : { id: channel.id }
      return existed ? { no_op: true, already_open: true, channel: shown } : { channel: shown }
    }
    const existing = [...state.channels.values()].find(
      (c) => c.kind === 'im' && c.members.includes(actor.user_id) && c.members.includes(users[0]!),
    )
    const channel = existing ?? openDm(state, actor, users[0]!)
    const shown = args.bool('return_im') ? conversation(m, channel) : { id: channel.id }
    return existing ? { no_op: true, already_open: true, channel: shown } : { channel: shown }
  }),

  method('conversations.leave', (m) => {
    const { state, actor } = m
    const channel = resolveChannel(state, m.args.string('channel'), actor)
    writable(m, channel)
    if (channel.is_general) fail('cant_leave_general')
    if (!channel.members.includes(actor.user_id)) return { not_in_channel: true }
    channel.members = channel.members.filter((id) => id !== actor.user_id)
    return {}
  }),

  method('conversations.kick', (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor)
    writable(m, channel)
    if (channel.is_general) fail('cant_kick_from_general')
    const user = findUser(state, args.string('user') ?? '') ?? fail('user_not_found')
    if (user === actor.user_id) fail('cant_kick_self')
    if (!channel.members.includes(user)) fail('not_in_channel')
    channel.members = channel.members.filter((id) => id !== user)
    return {}
  }),

  ...(['topic', 'purpose'] as const).map((field) =>
    method(`conversations.set${field === 'topic' ? 'Topic' : 'Purpose'}`, (m) => {
      const { state, actor, args } = m
      const channel = resolveChannel(state, args.string('channel'), actor)
      writable(m, channel)
      requireMember(channel, actor.user_id)
      if (channel.is_archived) fail('is_archived')
      const value = args.string(field) ?? ''
      if (value.length > 250) fail('too_long')
      channel[field] = { value, creator: actor.user_id, last_set: state.clock.nowSeconds() }
      return { channel: conversation(m, channel) }
    }),
  ),

  method('users.conversations', (m) => {
    const { state, args } = m
    const kinds = kindsFor(m)
    const user = args.has('user')
      ? (findUser(state, args.string('user')!) ?? fail('user_not_found'))
      : m.actor.user_id
    const channels = [...state.channels.values()].filter(
      (c) =>
        kinds.has(c.kind) &&
        c.members.includes(user) &&
        visibleTo(c, m.actor.user_id) &&
        !((args.bool('exclude_archived') ?? false) && c.is_archived),
    )
    const page = paginate(channels, {
      kind: 'id',
      key: (c) => c.id,
      cursor: args.string('cursor'),
      limit: args.int('limit', 'invalid_limit'),
      defaultLimit: 100,
      maxLimit: 1000,
    })
    return {
      channels: page.items.map((c) => channelView(state, c, m.actor.user_id)),
      response_metadata: { next_cursor: page.nextCursor },
    }
  }),
]
