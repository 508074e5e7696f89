import type { EventsOptions, Workspace } from '../config'
import { slackId } from '../ids'
import type { SlackState } from '../state'

/** An Events API inner event: `{ type: 'message', channel, user, text, ts, event_ts, ... }`. */
export type SlackEvent = { type: string; event_ts?: string } & Record<string, unknown>

/** The `event_callback` envelope an app receives around every event. */
export function eventEnvelope(
  state: SlackState,
  events: Readonly<EventsOptions>,
  event: SlackEvent,
): Record<string, unknown> {
  const { team, bot } = state
  const eventId = slackId(state.ids, 'Ev')
  const context = {
    et: event.type,
    tid: team.id,
    aid: bot.app_id,
    ...(typeof event.channel === 'string' ? { cid: event.channel } : {}),
  }
  return {
    token: events.verificationToken ?? 'verification_token_test',
    team_id: team.id,
    context_team_id: team.id,
    context_enterprise_id: null,
    api_app_id: bot.app_id,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: state.clock.nowSeconds(),
    authorizations: [
      {
        enterprise_id: null,
        team_id: team.id,
        user_id: bot.user_id,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${btoa(JSON.stringify(context)).replace(/=+$/, '')}`,
  }
}

function subscribed(types: readonly string[] | undefined, event: SlackEvent): boolean {
  if (!types) return true
  if (types.includes(event.type)) return true
  // Message events are subscribed per conversation type: message.channels, message.groups, message.im, message.mpim.
  if (event.type === 'message' && typeof event.channel_type === 'string') {
    const suffix = { channel: 'channels', group: 'groups', im: 'im', mpim: 'mpim' }[event.channel_type]
    return suffix !== undefined && types.includes(`message.${suffix}`)
  }
  return false
}

/**
 * Delivers an event to the app's Request URL, signed, when one is configured and the app subscribes
 * to it. Core's pipeline signs it and sends it after the events before it, in the order the changes
 * happened; the caller is not held up (an app that calls the API from an event listener must not wait
 * on its own delivery). `slack.events.settled()` waits for signing and delivery.
 */
export async function emitEvent({ state, config, webhooks }: Workspace, event: SlackEvent): Promise<void> {
  const events = config.eventsFor(state.partition)
  const { requestUrl, signingSecret } = events
  if (!requestUrl || !signingSecret || !subscribed(events.types, event)) return
  const body = JSON.stringify(eventEnvelope(state, events, event))
  void webhooks.emit({
    url: requestUrl,
    event: 'event_callback',
    scheme: 'slack',
    secret: signingSecret,
    // Bolt compares the content type exactly, so no charset parameter.
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
    body,
    partition: state.partition,
  })
}
