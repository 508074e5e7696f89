import type { Workspace } from '../config'
import { postMessage } from './messages'

/**
 * Posts the scheduled messages whose time has come on the mock clock. Called before every method, so
 * `clock.advance()` then `conversations.history` shows them, with their message events.
 */
export async function flushScheduled(ws: Workspace): Promise<void> {
  const { state } = ws
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
      await postMessage(ws, scheduled.actor, channel, scheduled.input)
    } catch {
      // A thread that vanished meanwhile: Slack drops the message too.
    }
  }
}
