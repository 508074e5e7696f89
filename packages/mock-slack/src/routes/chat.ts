import { fail } from '../errors'
import { slackId } from '../ids'
import { paginate } from '../pagination'
import { resolveChannel } from '../resources/channels'
import {
  assertAuthor,
  buildMessage,
  deleteMessage,
  findMessage,
  postMessage,
  updateMessage,
} from '../resources/messages'
import { flushScheduled } from '../resources/scheduled'
import { hasScope } from '../scopes'
import type { MessageRecord, SlackState } from '../state'
import { method } from './define'
import { readMessageInput, readThreadTs } from './message-input'

const DAY = 86_400

/** `https://<team>.slack.com/archives/C123/p1700000000000100`, with the thread for replies. */
export function permalink(state: SlackState, channelId: string, message: MessageRecord): string {
  const base = `https://${state.team.domain}.slack.com/archives/${channelId}/p${message.ts.replace('.', '')}`
  return message.thread_ts && message.thread_ts !== message.ts
    ? `${base}?thread_ts=${message.thread_ts}&cid=${channelId}`
    : base
}

/** @see https://docs.slack.dev/reference/methods/chat.postMessage (and the other chat.* pages) */
export const chatRoutes = [
  // Scopes named: the published description lists the classic `chat:write:user`/`chat:write:bot`.
  method('chat.postMessage', async (m) => {
    const { state, actor, args, token } = m
    const channel = resolveChannel(state, args.string('channel'), actor, { openDm: true, names: true })
    const threadTs = readThreadTs(m)
    const input = readMessageInput(m, { requireContent: true })
    if (channel.is_archived) fail('is_archived')
    if (
      channel.kind === 'channel' &&
      actor.type === 'bot' &&
      !channel.members.includes(actor.user_id) &&
      !hasScope(token, 'chat:write.public')
    )
      fail('not_in_channel')
    if (threadTs !== undefined) input.thread_ts = threadTs
    if (args.bool('reply_broadcast')) input.reply_broadcast = true
    const message = await postMessage(m.ctx, actor, channel, input)
    return { channel: channel.id, ts: message.ts, message }
  }),

  method('chat.update', async (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor)
    const message = findMessage(state, channel, args.string('ts')) ?? fail('message_not_found')
    assertAuthor(message, actor, 'cant_update_message')
    const input = readMessageInput(m, { requireContent: false })
    if (input.text === undefined && !input.blocks && !input.attachments) fail('no_text')
    if (channel.is_archived) fail('is_archived')
    const updated = await updateMessage(m.ctx, actor, channel, message, input)
    const { ts: _ts, ...shown } = updated
    return { channel: channel.id, ts: updated.ts, text: updated.text, message: shown }
  }),

  method('chat.delete', async (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor)
    const message = findMessage(state, channel, args.string('ts')) ?? fail('message_not_found')
    assertAuthor(message, actor, 'cant_delete_message')
    await deleteMessage(m.ctx, channel, message)
    return { channel: channel.id, ts: message.ts }
  }),

  method('chat.postEphemeral', (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor, { names: true })
    const user = args.string('user') ?? fail('user_not_in_channel')
    const input = readMessageInput(m, { requireContent: true })
    if (channel.is_archived) fail('is_archived')
    if (!channel.members.includes(user)) fail('user_not_in_channel')
    const threadTs = readThreadTs(m)
    const message = buildMessage(state, actor, input)
    if (threadTs) message.thread_ts = threadTs
    state.ephemeral.push({ channel: channel.id, user, message })
    return { message_ts: message.ts }
  }),

  method('chat.getPermalink', ({ state, actor, args }) => {
    const channel = resolveChannel(state, args.string('channel'), actor)
    const message = findMessage(state, channel, args.string('message_ts')) ?? fail('message_not_found')
    return { channel: channel.id, permalink: permalink(state, channel.id, message) }
  }),

  method('chat.scheduleMessage', (m) => {
    const { state, actor, args } = m
    const channel = resolveChannel(state, args.string('channel'), actor, { openDm: true, names: true })
    const input = readMessageInput(m, { requireContent: true })
    const postAt = Number(args.string('post_at'))
    if (!Number.isFinite(postAt) || postAt <= 0) fail('invalid_time')
    const now = state.clock.nowSeconds()
    if (postAt <= now) fail('time_in_past')
    if (postAt > now + 120 * DAY) fail('time_too_far')
    if (channel.is_archived) fail('is_archived')
    const threadTs = readThreadTs(m)
    if (threadTs !== undefined) input.thread_ts = threadTs
    const id = slackId(state.ids, 'Q')
    const preview = buildMessage(state, actor, input, '')
    const { ts: _ts, ...shown } = preview
    state.scheduled.set(id, {
      id,
      channel: channel.id,
      post_at: Math.trunc(postAt),
      date_created: now,
      text: input.text ?? '',
      message: preview,
      actor,
      input,
    })
    return {
      channel: channel.id,
      scheduled_message_id: id,
      post_at: Math.trunc(postAt),
      message: { ...shown, type: 'delayed_message' },
    }
  }),

  method('chat.scheduledMessages.list', async ({ ctx, state, actor, args }) => {
    await flushScheduled(ctx)
    const channel = args.has('channel') ? resolveChannel(state, args.string('channel'), actor) : undefined
    const items = [...state.scheduled.values()]
      .filter((s) => !channel || s.channel === channel.id)
      .sort((a, b) => a.post_at - b.post_at)
      .map((s) => ({
        id: s.id,
        channel_id: s.channel,
        post_at: s.post_at,
        date_created: s.date_created,
        text: s.text,
      }))
    const page = paginate(items, {
      kind: 'scheduled',
      key: (s) => s.id,
      cursor: args.string('cursor'),
      limit: args.int('limit'),
      defaultLimit: 100,
      maxLimit: 100,
    })
    return { scheduled_messages: page.items, response_metadata: { next_cursor: page.nextCursor } }
  }),

  method('chat.deleteScheduledMessage', ({ state, actor, args }) => {
    const channel = resolveChannel(state, args.string('channel'), actor)
    const id = args.string('scheduled_message_id')
    const scheduled = id ? state.scheduled.get(id) : undefined
    if (!scheduled || scheduled.channel !== channel.id) fail('invalid_scheduled_message_id')
    state.scheduled.delete(scheduled.id)
    return {}
  }),
]
