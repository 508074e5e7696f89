import { fail } from '../errors'
import { resolveChannel } from '../resources/channels'
import { findMessage } from '../resources/messages'
import { permalink } from './chat'
import { method } from './define'

/** @see https://docs.slack.dev/reference/methods/pins.add (and pins.list, pins.remove) */
export const pinRoutes = [
  method('pins.add', ({ state, actor, args }) => {
    const channel = resolveChannel(state, args.string('channel'), actor)
    if (!args.has('timestamp')) fail('no_item_specified')
    const message = findMessage(state, channel, args.string('timestamp')) ?? fail('message_not_found')
    const pins = state.pins.get(channel.id) ?? []
    if (pins.some((p) => p.ts === message.ts)) fail('already_pinned')
    pins.push({ ts: message.ts, created: state.clock.nowSeconds(), created_by: actor.user_id })
    state.pins.set(channel.id, pins)
    message.pinned_to = [...(message.pinned_to ?? []), channel.id]
    return {}
  }),

  method('pins.remove', ({ state, actor, args }) => {
    const channel = resolveChannel(state, args.string('channel'), actor)
    if (!args.has('timestamp')) fail('no_item_specified')
    const message = findMessage(state, channel, args.string('timestamp')) ?? fail('message_not_found')
    const pins = state.pins.get(channel.id) ?? []
    if (!pins.some((p) => p.ts === message.ts)) fail('not_pinned')
    state.pins.set(
      channel.id,
      pins.filter((p) => p.ts !== message.ts),
    )
    message.pinned_to = (message.pinned_to ?? []).filter((c) => c !== channel.id)
    if (message.pinned_to.length === 0) delete message.pinned_to
    return {}
  }),

  method('pins.list', ({ state, actor, args }) => {
    const channel = resolveChannel(state, args.string('channel'), actor)
    const pins = [...(state.pins.get(channel.id) ?? [])].reverse()
    return {
      items: pins.flatMap((pin) => {
        const message = findMessage(state, channel, pin.ts)
        if (!message) return []
        return [
          {
            type: 'message',
            created: pin.created,
            created_by: pin.created_by,
            channel: channel.id,
            message: { ...message, permalink: permalink(state, channel.id, message) },
          },
        ]
      }),
    }
  }),
]
