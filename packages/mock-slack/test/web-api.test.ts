import type {
  AuthTestResponse,
  ChatPostMessageResponse,
  ConversationsHistoryResponse,
  ConversationsListResponse,
} from '@slack/web-api'
import { expect, test } from 'vitest'
import { describeTransports, platformError, TOKEN } from './helpers'

describeTransports('Web API basics', (t) => {
  test('auth.test answers as the bot user of the seeded team', async () => {
    const res: AuthTestResponse = await t.client().auth.test()
    const { bot } = t.slack.state(t.mode === 'http' ? TOKEN : undefined)
    expect(res).toMatchObject({
      ok: true,
      url: 'https://acme.slack.com/',
      team: 'Acme',
      user: 'understudy',
      user_id: bot.user_id,
      bot_id: bot.bot_id,
      is_enterprise_install: false,
    })
    expect(res.response_metadata?.scopes).toContain('chat:write')
    expect(t.slack.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/auth.test', status: 200 })
  })

  test('chat.postMessage by name, then conversations.history shows it with its blocks', async () => {
    const client = t.client()
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Deployed* v1.2' } }]
    const posted: ChatPostMessageResponse = await client.chat.postMessage({
      channel: '#general',
      text: 'Deployed',
      blocks,
    })
    const general = [...t.slack.state(t.mode === 'http' ? TOKEN : undefined).channels.values()].find(
      (c) => c.name === 'general',
    )!
    expect(posted).toMatchObject({
      ok: true,
      channel: general.id,
      message: { text: 'Deployed', blocks, type: 'message' },
    })
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/)
    const second = await client.chat.postMessage({ channel: 'general', text: 'again' })
    expect(Number(second.ts)).toBeGreaterThan(Number(posted.ts))

    const history: ConversationsHistoryResponse = await client.conversations.history({ channel: general.id })
    expect(history.messages?.map((m) => m.text)).toEqual(['again', 'Deployed'])
    expect(history.messages?.[1]?.blocks).toEqual(blocks)
    expect(history).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } })
    expect(t.slack.calls('POST /api/chat.postMessage')[0]!.body).toMatchObject({
      channel: '#general',
      text: 'Deployed',
    })
  })

  test('threads: replies carry thread_ts and the parent counts them', async () => {
    const client = t.client()
    const parent = await client.chat.postMessage({ channel: '#general', text: 'parent' })
    const reply = await client.chat.postMessage({ channel: '#general', text: 'reply', thread_ts: parent.ts! })
    expect(reply.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: parent.message!.user })
    const replies = await client.conversations.replies({ channel: parent.channel!, ts: parent.ts! })
    expect(replies.messages?.map((m) => m.text)).toEqual(['parent', 'reply'])
    expect(replies.messages?.[0]).toMatchObject({
      reply_count: 1,
      latest_reply: reply.ts,
      thread_ts: parent.ts,
    })
    const history = await client.conversations.history({ channel: parent.channel! })
    expect(history.messages?.map((m) => m.text)).toEqual(['parent'])
    await expect(
      client.chat.postMessage({ channel: '#general', text: 'x', thread_ts: '123.456' }),
    ).rejects.toMatchObject(platformError('thread_not_found'))
  })

  test('chat.update and chat.delete change the stored message', async () => {
    const client = t.client()
    const posted = await client.chat.postMessage({ channel: '#random', text: 'v1' })
    const updated = await client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: 'v2' })
    expect(updated).toMatchObject({ ok: true, channel: posted.channel, ts: posted.ts, text: 'v2' })
    let history = await client.conversations.history({ channel: posted.channel! })
    expect(history.messages?.[0]).toMatchObject({ text: 'v2', edited: { user: posted.message!.user } })
    await client.chat.delete({ channel: posted.channel!, ts: posted.ts! })
    history = await client.conversations.history({ channel: posted.channel! })
    expect(history.messages).toEqual([])
    await expect(client.chat.delete({ channel: posted.channel!, ts: posted.ts! })).rejects.toMatchObject(
      platformError('message_not_found'),
    )
  })

  test('errors come back as Slack sends them: HTTP 200, ok false, the code', async () => {
    const client = t.client()
    await expect(client.chat.postMessage({ channel: '#nope', text: 'x' })).rejects.toMatchObject(
      platformError('channel_not_found'),
    )
    await expect(client.chat.postMessage({ channel: '#general', text: '' })).rejects.toMatchObject(
      platformError('no_text'),
    )
    await expect(
      client.chat.postMessage({ channel: '#general', text: 'x', blocks: [{ type: 'nope' } as never] }),
    ).rejects.toMatchObject(
      platformError('invalid_blocks', { errors: ['unsupported type: nope [json-pointer:/blocks/0/type]'] }),
    )
    await expect(
      new (client.constructor as typeof import('@slack/web-api').WebClient)(undefined, {
        slackApiUrl: t.apiUrl,
        retryConfig: { retries: 0 },
      }).auth.test(),
    ).rejects.toMatchObject(platformError('not_authed'))
    expect(t.slack.requests.every((r) => r.status === 200)).toBe(true)
  })

  test('cursor pagination: client.paginate walks every page', async () => {
    const partition = t.mode === 'http' ? TOKEN : undefined
    t.slack.seed(
      { channels: Array.from({ length: 250 }, (_, i) => ({ name: `c-${String(i).padStart(3, '0')}` })) },
      partition ? { partition } : {},
    )
    const names: string[] = []
    for await (const page of t
      .client()
      .paginate('conversations.list', { limit: 100 }) as AsyncIterable<ConversationsListResponse>) {
      names.push(...(page.channels ?? []).map((c) => c.name!))
    }
    expect(names).toHaveLength(252)
    expect(new Set(names).size).toBe(252)
    const cursors = t.slack
      .calls('/api/conversations.list')
      .map((r) => (r.body as { cursor?: string }).cursor)
    expect(cursors).toHaveLength(3)
    expect(cursors[0]).toBeUndefined()
  })

  test('a rate-limit fault is a 429 with Retry-After that WebClient reports', async () => {
    t.slack.fail({ path: '/api/chat.postMessage', rateLimit: { retryAfter: 30 } })
    await expect(t.client().chat.postMessage({ channel: '#general', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 30,
    })
    expect(t.slack.requests.at(-1)).toMatchObject({
      status: 429,
      responseBody: { ok: false, error: 'ratelimited' },
    })
  })

  test('failMethod() makes a method answer a platform error once', async () => {
    t.slack.failMethod('chat.postMessage', 'is_archived')
    const client = t.client()
    await expect(client.chat.postMessage({ channel: '#general', text: 'x' })).rejects.toMatchObject(
      platformError('is_archived'),
    )
    await expect(client.chat.postMessage({ channel: '#general', text: 'x' })).resolves.toMatchObject({
      ok: true,
    })
  })
})
