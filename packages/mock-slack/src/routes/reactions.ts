import type { Workspace } from '../config'
import { fail } from '../errors'
import { paginate } from '../pagination'
import { resolveChannel } from '../resources/channels'
import { findMessage } from '../resources/messages'
import type { Actor, ChannelRecord, MessageRecord } from '../state'
import { emitEvent } from '../webhooks/events'
import { permalink } from './chat'
import { type MethodContext, method } from './define'

/** `:thumbsup:` → `thumbsup`; Slack's emoji names are lower-case letters, digits and `_+-'`. */
function reactionName(raw: string | undefined): string {
  const name = (raw ?? '').replace(/^:|:$/g, '')
  if (!name || !/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) fail('invalid_name')
  return name
}

function target(m: MethodContext): { channel: ChannelRecord; message: MessageRecord } {
  const { args, state, actor } = m
  if (!args.has('channel') || !args.has('timestamp')) {
    if (args.has('file') || args.has('file_comment')) fail('file_not_found')
    fail('no_item_specified')
  }
  const channel = resolveChannel(state, args.string('channel'), actor)
  const message = findMessage(state, channel, args.string('timestamp')) ?? fail('message_not_found')
  return { channel, message }
}

/** Adds a reaction as `actor` and tells the app (reaction_added). */
export async function addReaction(
  ws: Workspace,
  actor: Actor,
  channel: ChannelRecord,
  message: MessageRecord,
  name: string,
): Promise<void> {
  const { state } = ws
  const reactions = message.reactions ?? []
  message.reactions = reactions
  let reaction = reactions.find((r) => r.name === name)
  if (reaction?.users.includes(actor.user_id)) fail('already_reacted')
  if (!reaction) {
    if (reactions.length >= 23) fail('too_many_emoji')
    reaction = { name, users: [], count: 0 }
    reactions.push(reaction)
  }
  reaction.users.push(actor.user_id)
  reaction.count = reaction.users.length
  await emitEvent(ws, {
    type: 'reaction_added',
    user: actor.user_id,
    reaction: name,
    ...(message.user ? { item_user: message.user } : {}),
    item: { type: 'message', channel: channel.id, ts: message.ts },
    event_ts: state.ts.next(),
  })
}

/** @see https://docs.slack.dev/reference/methods/reactions.add (and reactions.get, reactions.remove, reactions.list) */
export const reactionRoutes = [
  method('reactions.add', async (m) => {
    const { channel, message } = target(m)
    await addReaction(m.ctx, m.actor, channel, message, reactionName(m.args.string('name')))
    return {}
  }),

  method('reactions.remove', async (m) => {
    const { state, actor, args } = m
    const { channel, message } = target(m)
    const name = reactionName(args.string('name'))
    const reaction = message.reactions?.find((r) => r.name === name)
    if (!reaction?.users.includes(actor.user_id)) fail('no_reaction')
    reaction.users = reaction.users.filter((u) => u !== actor.user_id)
    reaction.count = reaction.users.length
    if (reaction.count === 0) message.reactions = message.reactions!.filter((r) => r !== reaction)
    if (message.reactions?.length === 0) delete message.reactions
    await emitEvent(m.ctx, {
      type: 'reaction_removed',
      user: actor.user_id,
      reaction: name,
      ...(message.user ? { item_user: message.user } : {}),
      item: { type: 'message', channel: channel.id, ts: message.ts },
      event_ts: state.ts.next(),
    })
    return {}
  }),

  method('reactions.get', (m) => {
    const { channel, message } = target(m)
    return {
      type: 'message',
      channel: channel.id,
      message: { ...message, permalink: permalink(m.state, channel.id, message) },
    }
  }),

  method('reactions.list', (m) => {
    const { state, actor, args } = m
    const user = args.string('user') ?? actor.user_id
    const items: Array<{ type: 'message'; channel: string; message: MessageRecord }> = []
    for (const channel of state.channels.values()) {
      if (channel.kind !== 'channel' && !channel.members.includes(actor.user_id)) continue
      for (const message of state.messages.get(channel.id) ?? []) {
        if (message.reactions?.some((r) => r.users.includes(user)))
          items.push({ type: 'message', channel: channel.id, message: { ...message } })
      }
    }
    items.reverse()
    const page = paginate(items, {
      kind: 'reaction',
      key: (i) => `${i.channel}/${i.message.ts}`,
      cursor: args.string('cursor'),
      limit: args.int('limit'),
      defaultLimit: 100,
      maxLimit: 1000,
    })
    return { items: page.items, response_metadata: { next_cursor: page.nextCursor } }
  }),
]
