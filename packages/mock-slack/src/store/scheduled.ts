import { postMessage } from './messages'
import type { SlackState } from './types'

/**
 * Posts the scheduled messages whose time has come on the mock clock. Called before every method, so
 * `clock.advance()` then `conversations.history` shows them, with their message events.
 */
export async function flushScheduled(state: SlackState): Promise<void> {
  if (state.scheduled.size === 0) return
  const now = state.clock.nowSeconds()
  const due = [...state.scheduled.values()]
    .filter((s) => s.post_at <= now)
    .sort((a, b) => a.post_at - b.post_at)
  for (const scheduled of due) {
    state.scheduled.delete(scheduled.id)
    const channel = state.channels.get(scheduled.channel)
    if (!channel || channel.is_archived) continue
    try {
      await postMessage(state, scheduled.actor, channel, scheduled.input)
    } catch {
      // A thread that vanished meanwhile: Slack drops the message too.
    }
  }
}
