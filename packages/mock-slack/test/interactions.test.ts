import { WebClient } from '@slack/web-api'
import { slack as signature } from '@understudy/signature-utils'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSlackMock } from '../src/index'
import { clientOptions, workspace } from './helpers'

const SECRET = 'slack_signing_test'
const APP_URL = 'https://app.test/slack/events'

/** An in-process "app": a fetch-style handler that checks signatures and answers with `reply`. */
function fakeApp() {
  const received: Array<{ body: string; type: string; payload: Record<string, unknown> }> = []
  let reply: (payload: Record<string, unknown>) => Response = () => new Response('')
  const transport = async (request: Request) => {
    const body = await request.text()
    const ok = await signature.verify(SECRET, body, {
      signature: request.headers.get('x-slack-signature') ?? '',
      timestamp: request.headers.get('x-slack-request-timestamp') ?? '',
    })
    if (!ok) return new Response('bad signature', { status: 401 })
    const type = request.headers.get('content-type') ?? ''
    const form = new URLSearchParams(body)
    const payload = type.includes('json')
      ? JSON.parse(body)
      : form.has('payload')
        ? JSON.parse(form.get('payload')!)
        : Object.fromEntries(form)
    received.push({ body, type, payload })
    return reply(payload)
  }
  return {
    transport,
    received,
    answer(fn: (payload: Record<string, unknown>) => Response) {
      reply = fn
    },
  }
}

describe('interactivity details, in-process (webhooks.transport)', () => {
  const app = fakeApp()
  const slack = createSlackMock({
    seed: workspace,
    events: { requestUrl: APP_URL, signingSecret: SECRET },
    webhooks: { transport: app.transport },
  })
  const server = setupServer(...slack.handlers)
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterAll(() => server.close())
  const reset = async () => {
    // Let the previous test's deliveries land before clearing what the app received.
    await slack.events.settled()
    slack.reset()
    app.received.length = 0
    app.answer(() => new Response(''))
    return new WebClient('xoxb-test', clientOptions('https://slack.com/api/'))
  }
  const general = () => [...slack.state().channels.values()].find((c) => c.name === 'general')!.id

  test('response_url: replace_original and delete_original act on the message the button was on', async () => {
    const client = await reset()
    const posted = await client.chat.postMessage({
      channel: '#general',
      text: 'Approve?',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'ok', text: { type: 'plain_text', text: 'OK' }, value: 'v' },
          ],
        },
      ],
    })
    await slack.blockActions({
      user: 'bob',
      channel: posted.channel!,
      message_ts: posted.ts!,
      actions: [{ action_id: 'ok' }],
    })
    const payload = app.received.at(-1)!.payload as {
      response_url: string
      actions: Array<Record<string, unknown>>
    }
    expect(payload.actions[0]).toMatchObject({
      action_id: 'ok',
      type: 'button',
      value: 'v',
      text: { text: 'OK' },
    })
    expect(payload.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/actions\//)
    // The app answers the response_url, as Bolt's respond() does.
    await fetch(payload.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'Approved by bob' }),
    })
    let history = await client.conversations.history({ channel: posted.channel! })
    expect(history.messages?.map((m) => m.text)).toEqual(['Approved by bob'])
    await fetch(payload.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delete_original: true }),
    })
    history = await client.conversations.history({ channel: posted.channel! })
    expect(history.messages).toEqual([])
  })

  test('trigger ids: one use, three seconds; views.push stacks on the open modal', async () => {
    const client = await reset()
    const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Hi' }, blocks: [] }
    const first = await slack.command({ command: '/hi', user: 'alice', channel: '#general' })
    const opened = await client.views.open({ trigger_id: first.trigger_id, view: modal })
    await expect(client.views.open({ trigger_id: first.trigger_id, view: modal })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    })
    const second = await slack.command({ command: '/hi', user: 'alice', channel: '#general' })
    const pushed = await client.views.push({
      trigger_id: second.trigger_id,
      view: { ...modal, callback_id: 'step2' },
    })
    expect(pushed.view).toMatchObject({
      root_view_id: opened.view!.id,
      previous_view_id: opened.view!.id,
      callback_id: 'step2',
    })
    const late = await slack.command({ command: '/hi', user: 'alice', channel: '#general' })
    slack.clock.advance(3001)
    await expect(client.views.open({ trigger_id: late.trigger_id, view: modal })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    })
    const command = app.received[0]!
    expect(command.type).toBe('application/x-www-form-urlencoded')
    expect(command.payload).toMatchObject({
      command: '/hi',
      channel_name: 'general',
      user_name: 'alice',
      team_domain: 'acme',
    })
  })

  test('edits, deletions and removed reactions reach the app; events.send delivers any event', async () => {
    const client = await reset()
    const posted = await client.chat.postMessage({ channel: general(), text: 'v1' })
    await client.chat.update({ channel: posted.channel!, ts: posted.ts!, text: 'v2' })
    await client.reactions.add({ channel: posted.channel!, timestamp: posted.ts!, name: 'tada' })
    await client.reactions.remove({ channel: posted.channel!, timestamp: posted.ts!, name: 'tada' })
    await client.chat.delete({ channel: posted.channel!, ts: posted.ts! })
    await slack.events.send({ type: 'app_home_opened', user: 'U1', tab: 'home' })
    await slack.events.settled()
    const events = app.received.map((r) => r.payload.event as Record<string, unknown>)
    expect(events.map((e) => `${e.type}${e.subtype ? `/${e.subtype}` : ''}`)).toEqual([
      'message',
      'message/message_changed',
      'reaction_added',
      'reaction_removed',
      'message/message_deleted',
      'app_home_opened',
    ])
    expect(events[1]).toMatchObject({ message: { text: 'v2' }, previous_message: { text: 'v1' } })
    expect(events[4]).toMatchObject({ deleted_ts: posted.ts })
  })

  test("events.types takes Slack's subscription names (message.channels, message.im)", async () => {
    const client = await reset()
    slack.events.configure({ types: ['message.im'] })
    const alice = [...slack.state().users.values()].find((u) => u.name === 'alice')!.id
    await client.chat.postMessage({ channel: general(), text: 'in a channel' })
    await client.chat.postMessage({ channel: alice, text: 'in a DM' })
    await slack.events.settled()
    expect(app.received.map((r) => (r.payload.event as { text: string }).text)).toEqual(['in a DM'])
    expect(app.received[0]!.payload.event).toMatchObject({
      channel_type: 'im',
      channel: expect.stringMatching(/^D/),
    })
    expect(app.received[0]!.payload.event_context).toMatch(/^4-/)
  })

  test('an immediate in_channel answer to a slash command is posted in the channel', async () => {
    const client = await reset()
    app.answer(() => Response.json({ response_type: 'in_channel', text: 'Deploying…' }))
    const result = await slack.command({ command: 'deploy', text: 'api', user: 'alice', channel: '#general' })
    expect(result.json).toEqual({ response_type: 'in_channel', text: 'Deploying…' })
    const history = await client.conversations.history({ channel: general() })
    expect(history.messages?.[0]).toMatchObject({ text: 'Deploying…', bot_id: slack.state().bot.bot_id })
  })
})
