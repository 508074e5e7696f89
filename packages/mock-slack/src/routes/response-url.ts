import { route } from '@understudy/core'
import type { SlackConfig } from '../config'
import { buildMessage, deleteMessage, findMessage, postMessage } from '../resources/messages'
import type { Json, SlackState } from '../state'

/** A response_url the mock handed to the app with a slash command or an interaction. */
export interface ResponseUrlTarget {
  channel: string
  user: string
  message_ts?: string
  thread_ts?: string
}

/** Targets by key; the key is the last path segment of the response_url. */
export const responseTargets = new WeakMap<object, Map<string, ResponseUrlTarget>>()

/**
 * `response_url`s (https://hooks.slack.com/commands/… and /actions/…): the app posts a message there,
 * ephemeral by default, `in_channel`, or replacing/deleting the original.
 *
 * @see https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
export const responseUrlRoutes = (['commands', 'actions'] as const).map((kind) =>
  route.post<SlackState, SlackConfig>(
    `/${kind}/:team/:id/:key`,
    async (ctx) => {
      const { state, params, body } = ctx
      const target = responseTargets.get(state)?.get(params.key!)
      if (!target) return new Response('invalid_token', { status: 404 })
      const channel = state.channels.get(target.channel)
      if (!channel) return new Response('channel_not_found', { status: 404 })
      const payload = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
      const bot = { type: 'bot' as const, user_id: state.bot.user_id }
      const input = {
        ...(typeof payload.text === 'string' ? { text: payload.text } : {}),
        ...(Array.isArray(payload.blocks) ? { blocks: payload.blocks as Json[] } : {}),
        ...(Array.isArray(payload.attachments) ? { attachments: payload.attachments as Json[] } : {}),
      }
      const original = findMessage(state, channel, target.message_ts)
      if (payload.delete_original === true || payload.delete_original === 'true') {
        if (original) await deleteMessage(ctx, channel, original)
        return Response.json({ ok: true })
      }
      if ((payload.replace_original === true || payload.replace_original === 'true') && original) {
        Object.assign(original, input)
        return Response.json({ ok: true })
      }
      if (payload.response_type === 'in_channel') {
        const threadTs = (payload.thread_ts as string | undefined) ?? target.thread_ts
        await postMessage(ctx, bot, channel, { ...input, ...(threadTs ? { thread_ts: threadTs } : {}) })
      } else {
        state.ephemeral.push({
          channel: channel.id,
          user: target.user,
          message: buildMessage(state, bot, input),
        })
      }
      return Response.json({ ok: true })
    },
    { auth: false, name: `response_url (${kind})` },
  ),
)
