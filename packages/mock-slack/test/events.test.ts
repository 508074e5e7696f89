import type { AddressInfo } from 'node:net'
import { App, HTTPReceiver, LogLevel } from '@slack/bolt'
import { mount, type StartedServer, startServer } from '@understudy/core'
import { slack as slackSignature } from '@understudy/signature-utils'
import { afterEach, describe, expect, test } from 'vitest'
import { createSlackMock, type SlackMock } from '../src/index'
import { quietLogger, TOKEN, workspace } from './helpers'

const SECRET = 'slack_signing_test'

interface Harness {
  slack: SlackMock
  app: App
  apiUrl: string
  mockServer: StartedServer
  requestUrl: string
  stop(): Promise<void>
}

/** A Bolt app on an HTTPReceiver (its own port), talking to the mock served over HTTP. */
async function startHarness(setup: (app: App) => void, signingSecret = SECRET): Promise<Harness> {
  const slack = createSlackMock({ seed: workspace })
  const mockServer = await startServer(mount([{ prefix: '/slack', target: slack }]))
  const apiUrl = `${mockServer.url}/slack/api/`
  const receiver = new HTTPReceiver({ signingSecret, processBeforeResponse: true, logger: quietLogger })
  const app = new App({
    token: TOKEN,
    receiver,
    logger: quietLogger,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  })
  setup(app)
  const server = (await app.start(0)) as unknown as import('node:http').Server
  const requestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`
  slack.events.configure({ requestUrl, signingSecret: SECRET })
  const stop = async () => {
    // Keep-alive sockets left by fetch would hold the receiver's close() for seconds.
    server.closeAllConnections()
    await app.stop()
    await mockServer.close()
  }
  return { slack, app, apiUrl, mockServer, requestUrl, stop }
}

describe('Events API into a Bolt app (HTTPReceiver)', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.stop()
    h = undefined
  })

  test('url_verification: Bolt echoes the challenge', async () => {
    h = await startHarness(() => {})
    const result = await h.slack.events.verifyUrl()
    expect(result.ok).toBe(true)
    expect(result.response.json).toEqual({ challenge: result.challenge })
  })

  test('a user message reaches app.message() and the reply lands in the channel', async () => {
    h = await startHarness((app) => {
      app.message('hello', async ({ message, say }) => {
        if (message.subtype === undefined) await say({ text: `hi <@${message.user}>`, thread_ts: message.ts })
      })
    })
    const posted = await h.slack.as('alice').postMessage({ channel: '#general', text: 'hello there' })
    await h.slack.events.settled()
    const state = h.slack.state()
    const alice = [...state.users.values()].find((u) => u.name === 'alice')!
    const thread = state.messages.get(posted.channel)!.filter((m) => m.thread_ts === posted.ts)
    expect(thread.map((m) => m.text)).toEqual(['hello there', `hi <@${alice.id}>`])
    expect(thread[1]).toMatchObject({ bot_id: state.bot.bot_id, user: state.bot.user_id })
    // Every delivery was signed and accepted; the bot's own reply came back as an event Bolt ignored.
    expect(h.slack.events.deliveries.map((d) => [d.status, d.attempts.at(-1)?.status])).toEqual([
      ['delivered', 200],
      ['delivered', 200],
    ])
    expect(h.slack.events.sent.map((e) => e.type)).toEqual(['message', 'message'])
  })

  test('app_mention, reaction_added and member_joined_channel are delivered as state changes', async () => {
    const seen: string[] = []
    h = await startHarness((app) => {
      app.event('app_mention', async ({ event }) => void seen.push(`mention:${event.text}`))
      app.event('reaction_added', async ({ event }) => void seen.push(`reaction:${event.reaction}`))
      app.event('member_joined_channel', async ({ event }) => void seen.push(`joined:${event.channel}`))
    })
    const { slack } = h
    const bot = slack.state().bot
    const posted = await slack
      .as('bob')
      .postMessage({ channel: '#random', text: `<@${bot.user_id}> status?` })
    await slack.as('alice').react({ channel: '#random', ts: posted.ts, name: ':eyes:' })
    const created = await slack.fetch('https://slack.com/api/conversations.create', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=incidents',
    })
    const { channel } = (await created.json()) as { channel: { id: string } }
    await slack.as('alice').join(channel.id)
    await slack.events.settled()
    expect(seen).toEqual([`mention:<@${bot.user_id}> status?`, 'reaction:eyes', `joined:${channel.id}`])
    const envelope = JSON.parse(slack.events.deliveries[1]!.body)
    expect(envelope).toMatchObject({
      type: 'event_callback',
      team_id: bot && slack.state().team.id,
      api_app_id: bot.app_id,
      event: { type: 'app_mention', channel: posted.channel, ts: posted.ts },
      authorizations: [{ user_id: bot.user_id, is_bot: true }],
    })
    expect(envelope.event_id).toMatch(/^Ev[A-Z0-9]+$/)
  })

  test('deliveries carry a v0 signature Slack would send', async () => {
    h = await startHarness(() => {})
    await h.slack.as('alice').postMessage({ channel: '#general', text: 'x' })
    await h.slack.events.settled()
    const [delivery] = h.slack.events.deliveries
    const headers = Object.fromEntries(
      Object.entries(delivery!.headers).map(([k, v]) => [k.toLowerCase(), v]),
    )
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/)
    expect(
      await slackSignature.verify(SECRET, delivery!.body, {
        signature: headers['x-slack-signature']!,
        timestamp: headers['x-slack-request-timestamp']!,
      }),
    ).toBe(true)
  })

  test('an app with another signing secret refuses the delivery (401), and the mock records the failure', async () => {
    h = await startHarness(() => {}, 'another_secret')
    const slack = createSlackMock({ seed: workspace, webhooks: { retries: 0 } })
    slack.events.configure({ requestUrl: h.requestUrl, signingSecret: SECRET })
    await slack.as('alice').postMessage({ channel: '#general', text: 'x' })
    await slack.events.settled()
    expect(slack.events.deliveries[0]).toMatchObject({ status: 'failed', attempts: [{ status: 401 }] })
  })

  test('events.types limits deliveries to subscribed events', async () => {
    h = await startHarness(() => {})
    h.slack.events.configure({ types: ['app_mention'] })
    await h.slack.as('alice').postMessage({ channel: '#general', text: 'plain' })
    await h.slack.as('alice').postMessage({ channel: '#general', text: `<@${h.slack.state().bot.user_id}>` })
    await h.slack.events.settled()
    expect(h.slack.events.sent.map((e) => e.type)).toEqual(['app_mention'])
  })
})

describe('slash commands and interactivity into a Bolt app', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.stop()
    h = undefined
  })

  test('a slash command is acked, and respond() posts through the response_url', async () => {
    h = await startHarness((app) => {
      app.command('/deploy', async ({ command, ack, respond }) => {
        await ack(`Deploying ${command.text}…`)
        await respond({
          response_type: 'in_channel',
          text: `Deployed ${command.text} for <@${command.user_id}>`,
        })
      })
    })
    const result = await h.slack.command({
      command: '/deploy',
      text: 'api',
      user: 'alice',
      channel: '#general',
      responseUrlBase: `${h.mockServer.url}/slack`,
    })
    expect(result.status).toBe(200)
    expect(result.body).toBe('Deploying api…')
    const state = h.slack.state()
    const general = [...state.channels.values()].find((c) => c.name === 'general')!
    const alice = [...state.users.values()].find((u) => u.name === 'alice')!
    expect(state.messages.get(general.id)!.map((m) => m.text)).toEqual([`Deployed api for <@${alice.id}>`])
    expect(state.ephemeral).toMatchObject([
      { channel: general.id, user: alice.id, message: { text: 'Deploying api…' } },
    ])
  })

  test('block_actions opens a modal with the trigger_id; view_submission gets errors, then closes', async () => {
    h = await startHarness((app) => {
      app.action('approve', async ({ ack, body, client }) => {
        await ack()
        await client.views.open({
          trigger_id: (body as { trigger_id: string }).trigger_id,
          view: {
            type: 'modal',
            callback_id: 'approve_modal',
            title: { type: 'plain_text', text: 'Approve' },
            submit: { type: 'plain_text', text: 'Send' },
            blocks: [
              {
                type: 'input',
                block_id: 'reason',
                label: { type: 'plain_text', text: 'Reason' },
                element: { type: 'plain_text_input', action_id: 'value' },
              },
            ],
          },
        })
      })
      app.view('approve_modal', async ({ ack, view }) => {
        const reason = view.state.values.reason?.value?.value ?? ''
        if (reason.length < 3) await ack({ response_action: 'errors', errors: { reason: 'Too short' } })
        else await ack()
      })
    })
    const { slack } = h
    const client = new (await import('@slack/web-api')).WebClient(TOKEN, {
      slackApiUrl: h.apiUrl,
      logger: quietLogger,
    })
    const posted = await client.chat.postMessage({
      channel: '#general',
      text: 'Approve deploy?',
      blocks: [
        {
          type: 'actions',
          block_id: 'decide',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              text: { type: 'plain_text', text: 'Approve' },
              value: 'yes',
            },
          ],
        },
      ],
    })
    const clicked = await slack.blockActions({
      user: 'alice',
      channel: posted.channel!,
      message_ts: posted.ts!,
      actions: [{ action_id: 'approve' }],
    })
    expect(clicked.status).toBe(200)
    const [modal] = [...slack.state().views.values()]
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'approve_modal' })

    const rejected = await slack.viewSubmission({
      user: 'alice',
      values: { reason: { value: { type: 'plain_text_input', value: 'no' } } },
    })
    expect(rejected).toMatchObject({ response_action: 'errors', errors: { reason: 'Too short' } })
    expect(slack.state().views.size).toBe(1)
    const accepted = await slack.viewSubmission({
      user: 'alice',
      values: { reason: { value: { type: 'plain_text_input', value: 'ship it' } } },
    })
    expect(accepted.status).toBe(200)
    expect(slack.state().views.size).toBe(0)
  })
})
