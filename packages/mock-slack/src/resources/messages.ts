import type { Workspace } from '../config'
import { fail } from '../errors'
import { parseTs } from '../ids'
import type { Actor, ChannelRecord, Json, MessageRecord, SlackState } from '../state'
import { noteReply } from '../state'
import { emitEvent } from '../webhooks/events'
import { channelType } from './channels'

export interface MessageInput {
  text?: string
  blocks?: Json[]
  attachments?: Json[]
  thread_ts?: string
  reply_broadcast?: boolean
  username?: string
  icon_emoji?: string
  icon_url?: string
  metadata?: { event_type: string; event_payload: Json }
  files?: Json[]
  subtype?: string
  upload?: boolean
}

export function messagesOf(state: SlackState, channel: ChannelRecord): MessageRecord[] {
  let list = state.messages.get(channel.id)
  if (!list) {
    list = []
    state.messages.set(channel.id, list)
  }
  return list
}

export function findMessage(
  state: SlackState,
  channel: ChannelRecord,
  ts: string | undefined,
): MessageRecord | undefined {
  if (!ts) return undefined
  return messagesOf(state, channel).find((m) => m.ts === ts)
}

/** The thread parent a `thread_ts` names: a reply's ts threads to its parent, as in Slack. */
export function threadParent(state: SlackState, channel: ChannelRecord, threadTs: string): MessageRecord {
  if (parseTs(threadTs) === undefined)
    fail('invalid_thread_ts', {
      response_metadata: { messages: [`[ERROR] ${threadTs} is not a valid thread_ts`] },
    })
  const message = findMessage(state, channel, threadTs) ?? fail('thread_not_found')
  if (message.thread_ts && message.thread_ts !== message.ts)
    return findMessage(state, channel, message.thread_ts) ?? message
  return message
}

/** How the message's author shows: a bot carries bot_id/app_id/bot_profile, a user just `user`. */
function authorFields(state: SlackState, actor: Actor, input: MessageInput): Partial<MessageRecord> {
  if (actor.type !== 'bot') return { user: actor.user_id }
  const { bot, team } = state
  const botUser = state.users.get(bot.user_id)
  return {
    user: bot.user_id,
    bot_id: bot.bot_id,
    app_id: bot.app_id,
    ...(input.username ? { username: input.username } : {}),
    ...(input.icon_emoji || input.icon_url
      ? { icons: input.icon_emoji ? { emoji: input.icon_emoji } : { image_64: input.icon_url! } }
      : {}),
    bot_profile: {
      id: bot.bot_id,
      app_id: bot.app_id,
      name: bot.name,
      icons: {
        image_36: botUser?.profile.image_32 ?? '',
        image_48: botUser?.profile.image_48 ?? '',
        image_72: botUser?.profile.image_72 ?? '',
      },
      deleted: false,
      updated: botUser?.updated ?? state.clock.nowSeconds(),
      team_id: team.id,
    },
  }
}

/** Builds a message (ts from the mock clock) without storing it: chat.postEphemeral and scheduling use it. */
export function buildMessage(
  state: SlackState,
  actor: Actor,
  input: MessageInput,
  ts = state.ts.next(),
): MessageRecord {
  return {
    ...authorFields(state, actor, input),
    type: 'message',
    ts,
    ...(input.subtype ? { subtype: input.subtype } : {}),
    text: input.text ?? '',
    team: state.team.id,
    ...(input.blocks ? { blocks: input.blocks } : {}),
    ...(input.attachments
      ? { attachments: input.attachments.map((a, i) => ({ id: i + 1, ...(a as object) })) }
      : {}),
    ...(input.files ? { files: input.files, upload: input.upload ?? true, display_as_bot: false } : {}),
    ...(input.metadata ? { metadata: input.metadata } : {}),
  } as MessageRecord
}

/**
 * Posts a message in a channel (or a thread), stores it and tells the app: a `message` event and,
 * when the app's bot is mentioned by someone else, an `app_mention`.
 */
export async function postMessage(
  ws: Workspace,
  actor: Actor,
  channel: ChannelRecord,
  input: MessageInput,
): Promise<MessageRecord> {
  const { state } = ws
  const parent = input.thread_ts !== undefined ? threadParent(state, channel, input.thread_ts) : undefined
  const message = buildMessage(state, actor, input)
  if (parent) {
    message.thread_ts = parent.ts
    message.parent_user_id = parent.user ?? ''
    if (input.reply_broadcast) message.subtype = 'thread_broadcast'
    noteReply(parent, message)
  }
  if (actor.type === 'user' && !input.subtype) message.client_msg_id = state.ids.uuid()
  messagesOf(state, channel).push(message)
  channel.updated = state.clock.now()
  await announce(ws, channel, message)
  return message
}

async function announce(ws: Workspace, channel: ChannelRecord, message: MessageRecord): Promise<void> {
  const { state } = ws
  const { ts } = message
  await emitEvent(ws, {
    ...message,
    channel: channel.id,
    event_ts: ts,
    channel_type: channelType(channel),
  })
  const mention = `<@${state.bot.user_id}`
  if (message.user !== state.bot.user_id && message.text.includes(mention)) {
    await emitEvent(ws, {
      type: 'app_mention',
      ...(message.client_msg_id ? { client_msg_id: message.client_msg_id } : {}),
      user: message.user,
      text: message.text,
      ts,
      team: state.team.id,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      channel: channel.id,
      event_ts: ts,
    })
  }
}

/** Only the author may edit or delete (bots: their own bot's messages). */
export function assertAuthor(message: MessageRecord, actor: Actor, code: string): void {
  if (message.user !== actor.user_id) fail(code)
}

export async function updateMessage(
  ws: Workspace,
  actor: Actor,
  channel: ChannelRecord,
  message: MessageRecord,
  input: MessageInput,
): Promise<MessageRecord> {
  const { state } = ws
  const previous = structuredClone(message)
  if (input.text !== undefined) message.text = input.text
  if (input.blocks !== undefined) message.blocks = input.blocks
  if (input.attachments !== undefined)
    message.attachments = input.attachments.map((a, i) => ({ id: i + 1, ...(a as object) }))
  if (input.metadata !== undefined) message.metadata = input.metadata
  message.edited = { user: actor.user_id, ts: state.ts.next() }
  const eventTs = state.ts.next()
  await emitEvent(ws, {
    type: 'message',
    subtype: 'message_changed',
    message: { ...message },
    previous_message: previous,
    channel: channel.id,
    hidden: true,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: channelType(channel),
  })
  return message
}

export async function deleteMessage(
  ws: Workspace,
  channel: ChannelRecord,
  message: MessageRecord,
): Promise<void> {
  const { state } = ws
  const list = messagesOf(state, channel)
  list.splice(list.indexOf(message), 1)
  if (message.thread_ts && message.thread_ts !== message.ts) {
    const parent = findMessage(state, channel, message.thread_ts)
    if (parent) {
      const replies = list.filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts)
      parent.reply_count = replies.length
      parent.reply_users = [...new Set(replies.map((m) => m.user ?? ''))].filter(Boolean)
      parent.reply_users_count = parent.reply_users.length
      parent.latest_reply = replies[replies.length - 1]?.ts ?? parent.ts
    }
  }
  const eventTs = state.ts.next()
  await emitEvent(ws, {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    deleted_ts: message.ts,
    channel: channel.id,
    previous_message: message,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: channelType(channel),
  })
}

/** A message as conversations.history returns it; metadata only when asked for (include_all_metadata). */
export function messageView(message: MessageRecord, includeMetadata = true): MessageRecord {
  if (includeMetadata || !message.metadata) return message
  const { metadata: _, ...rest } = message
  return rest
}
