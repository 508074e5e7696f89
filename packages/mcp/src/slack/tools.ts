import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import generated from '../generated/slack-tools.json' with { type: 'json' }
import type { RestRequest, ServiceTools, ToolContext, ToolDefinition, ToolHandler } from '../types'
import { sdkValidationMessage } from '../validate'

/**
 * One Web API call, answered as the reference server answers: Slack's JSON as text. Slack's own
 * failures (`ok: false`) and HTTP failures (rate limits, faults, dropped connections) are `isError`
 * results carrying Slack's message, so an agent can tell them from success.
 */
async function slackCall(
  ctx: ToolContext,
  method: 'GET' | 'POST',
  api: string,
  request: RestRequest,
): Promise<CallToolResult> {
  const reply = await ctx.rest(method, `/api/${api}`, request)
  if (reply.status === 0) {
    return { content: [{ type: 'text', text: JSON.stringify({ error: 'fetch failed' }) }], isError: true }
  }
  if (typeof reply.body !== 'object' || reply.body === null) {
    // The reference server's `response.json()` would throw on a non-JSON body; its catch reports this.
    const error = `Unexpected response from Slack (HTTP ${reply.status}): ${String(reply.body ?? '')}`.trim()
    return { content: [{ type: 'text', text: JSON.stringify({ error }) }], isError: true }
  }
  const text = JSON.stringify(reply.body)
  return reply.body.ok === false || !reply.ok
    ? { content: [{ type: 'text', text }], isError: true }
    : { content: [{ type: 'text', text }] }
}

const limit = (value: unknown, fallback: number) => String(Math.min(Number(value ?? fallback), 200))

const handlers: Record<string, ToolHandler> = {
  slack_list_channels: (a, ctx) =>
    slackCall(ctx, 'GET', 'conversations.list', {
      query: {
        types: 'public_channel',
        exclude_archived: 'true',
        limit: limit(a.limit, 100),
        cursor: a.cursor,
      },
    }),
  slack_post_message: (a, ctx) =>
    slackCall(ctx, 'POST', 'chat.postMessage', { json: { channel: a.channel_id, text: a.text } }),
  slack_reply_to_thread: (a, ctx) =>
    slackCall(ctx, 'POST', 'chat.postMessage', {
      json: { channel: a.channel_id, thread_ts: a.thread_ts, text: a.text },
    }),
  slack_add_reaction: (a, ctx) =>
    slackCall(ctx, 'POST', 'reactions.add', {
      json: { channel: a.channel_id, timestamp: a.timestamp, name: a.reaction },
    }),
  slack_get_channel_history: (a, ctx) =>
    slackCall(ctx, 'GET', 'conversations.history', {
      query: { channel: a.channel_id, limit: String(a.limit ?? 10) },
    }),
  slack_get_thread_replies: (a, ctx) =>
    slackCall(ctx, 'GET', 'conversations.replies', { query: { channel: a.channel_id, ts: a.thread_ts } }),
  slack_get_users: (a, ctx) =>
    slackCall(ctx, 'GET', 'users.list', { query: { limit: limit(a.limit, 100), cursor: a.cursor } }),
  async slack_get_user_profile(a, ctx) {
    // mock-slack has no users.profile.get: the profile comes from users.info, in users.profile.get's shape.
    const result = await slackCall(ctx, 'GET', 'users.info', { query: { user: a.user_id } })
    if (result.isError) return result
    const body = JSON.parse((result.content[0] as { text: string }).text)
    return {
      content: [{ type: 'text', text: JSON.stringify({ ok: true, profile: body.user?.profile ?? {} }) }],
    }
  },
}

/** The reference Slack MCP server's tools (release in `src/generated/slack-tools.json`) on mock-slack. */
export const slackTools: ServiceTools = {
  service: 'slack',
  definitions: generated.tools as unknown as ToolDefinition[],
  handlers,
  validate: (tool: ToolDefinition, args: Record<string, unknown>) => sdkValidationMessage(tool, args),
  origin: 'https://slack.com',
  authorize(credential, headers) {
    headers.set('authorization', `Bearer ${credential}`)
  },
}

export const slackSource = generated.source
