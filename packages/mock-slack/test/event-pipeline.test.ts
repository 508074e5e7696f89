import { slack as slackSignature } from '@understudy/signature-utils'
import { describe, expect, test } from 'vitest'
import { createSlackMock } from '../src/index'
import { workspace } from './helpers'

const SECRET = 'slack_signing_test'

function receiver() {
  const got: { url: string; body: string; headers: Record<string, string> }[] = []
  return {
    got,
    transport: async (request: Request) => {
      got.push({ url: request.url, body: await request.text(), headers: Object.fromEntries(request.headers) })
      return new Response('')
    },
  }
}

describe('Slack events on core’s webhook pipeline', () => {
  test('webhooks.settled() (what the server waits on) includes events still being signed (issue 13)', async () => {
    const app = receiver()
    const slack = createSlackMock({
      seed: workspace,
      events: { requestUrl: 'https://app.test/slack/events', signingSecret: SECRET },
      webhooks: { transport: app.transport },
    })
    await slack.as('alice').postMessage({ channel: '#general', text: 'first' })
    await slack.as('alice').postMessage({ channel: '#general', text: 'second' })
    // Straight after the change, signing is still in flight: the one pipeline waits for it.
    await slack.webhooks.settled()
    const texts = app.got.map((r) => (JSON.parse(r.body) as { event: { text?: string } }).event.text)
    expect(texts.filter(Boolean)).toEqual(['first', 'second'])
    const last = app.got.at(-1)!
    expect(
      await slackSignature.verify(SECRET, last.body, {
        signature: last.headers['x-slack-signature']!,
        timestamp: last.headers['x-slack-request-timestamp']!,
      }),
    ).toBe(true)
    expect(slack.webhooks.deliveries.at(-1)).toMatchObject({ scheme: 'slack', status: 'delivered' })
    // The old name still works.
    await slack.events.settled()
  })

  test('a partition’s own Events settings reach only that partition’s app (issue 19)', async () => {
    const app = receiver()
    const slack = createSlackMock({
      seed: workspace,
      partitionBy: 'credential',
      webhooks: { transport: app.transport },
    })
    slack.events.configure(
      { requestUrl: 'https://one.test/slack/events', signingSecret: SECRET },
      { partition: 'xoxb-one' },
    )
    slack.events.configure({ requestUrl: 'https://mock-wide.test/slack/events', signingSecret: SECRET })
    await slack.as('alice', { partition: 'xoxb-one' }).postMessage({ channel: '#general', text: 'one' })
    await slack.as('alice', { partition: 'xoxb-two' }).postMessage({ channel: '#general', text: 'two' })
    await slack.webhooks.settled()
    const by = (host: string) =>
      app.got
        .filter((r) => new URL(r.url).host === host)
        .map((r) => (JSON.parse(r.body) as { event: { text?: string } }).event.text)
        .filter(Boolean)
    expect(by('one.test')).toEqual(['one'])
    expect(by('mock-wide.test')).toEqual(['two'])
    expect(slack.events.optionsFor('xoxb-one').requestUrl).toBe('https://one.test/slack/events')
    expect(slack.events.options.requestUrl).toBe('https://mock-wide.test/slack/events')
    slack.reset()
    expect(slack.events.optionsFor('xoxb-one').requestUrl).toBeUndefined()
  })
})
