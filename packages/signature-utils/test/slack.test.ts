import { createHmac } from 'node:crypto'
import { isValidSlackRequest, verifySlackRequest } from '@slack/bolt'
import { describe, expect, test } from 'vitest'
import { slack } from '../src/index'
import { slackSecret as secret, T } from './common'

// A slash command body, shaped like the one in Slack's guide (form-encoded, as Slack sends it).
const body =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
  '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'

/** Slack's documented algorithm, step by step: https://api.slack.com/authentication/verifying-requests-from-slack */
function documented(signingSecret: string, timestamp: number, rawBody: string): string {
  const basestring = `v0:${timestamp}:${rawBody}`
  return `v0=${createHmac('sha256', signingSecret).update(basestring).digest('hex')}`
}

describe("against Slack's documented algorithm", () => {
  test('sign(secret, body, timestamp) computes v0=HMAC("v0:" + timestamp + ":" + body)', async () => {
    expect(await slack.sign(secret, body, T)).toEqual({
      signature: documented(secret, T, body),
      timestamp: T,
    })
  })

  test('verify(secret, body, { signature, timestamp }) accepts a signature made by the documented steps', async () => {
    const signature = documented(secret, T, body)
    expect(await slack.verify(secret, body, { signature, timestamp: T }, { now: T })).toBe(true)
    expect(await slack.verify(secret, body, { signature, timestamp: String(T) }, { now: T })).toBe(true)
  })
})

describe('against @slack/bolt verifySlackRequest', () => {
  test("bolt's verifySlackRequest accepts what sign(secret, body) made", async () => {
    const { signature, timestamp } = await slack.sign(secret, body, T)
    expect(() =>
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: T * 1000,
      }),
    ).not.toThrow()
  })

  test("bolt's isValidSlackRequest accepts what headers(secret, body) made", async () => {
    const headers = await slack.headers(secret, body, T)
    expect(
      isValidSlackRequest({
        signingSecret: secret,
        body,
        headers: {
          'x-slack-signature': headers['X-Slack-Signature']!,
          'x-slack-request-timestamp': Number(headers['X-Slack-Request-Timestamp']),
        },
        nowMilliseconds: T * 1000,
      }),
    ).toBe(true)
  })

  test('bolt and verify(secret, body, headers) agree on a wrong secret, a stale request and a tampered body', async () => {
    const { signature } = await slack.sign(secret, body, T)
    const cases = [
      { signingSecret: 'other', rawBody: body, now: T },
      { signingSecret: secret, rawBody: body, now: T + 301 },
      { signingSecret: secret, rawBody: `${body}&x=1`, now: T },
      { signingSecret: secret, rawBody: body, now: T + 299 },
    ]
    for (const { signingSecret, rawBody, now } of cases) {
      const bolt = isValidSlackRequest({
        signingSecret,
        body: rawBody,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': T },
        nowMilliseconds: now * 1000,
      })
      expect.soft(await slack.verify(signingSecret, rawBody, { signature, timestamp: T }, { now })).toBe(bolt)
    }
  })
})

describe('slack.verify', () => {
  test('verify(secret, body, { signature, timestamp }) returns false when the timestamp is missing', async () => {
    const { signature } = await slack.sign(secret, body, T)
    expect(
      await slack.verifyDetailed(secret, body, { signature, timestamp: null }, { now: T }),
    ).toMatchObject({
      reason: 'missing_header',
      header: 'x-slack-request-timestamp',
    })
  })

  test('verify(secret, body, { signature, timestamp }) returns false for a timestamp that is not whole seconds', async () => {
    const { signature } = await slack.sign(secret, body, T)
    for (const timestamp of [T + 0.5, -1, '17e8', 'abc', Number.NaN, `${T}.0`]) {
      expect
        .soft(await slack.verifyDetailed(secret, body, { signature, timestamp }, { now: T }))
        .toMatchObject({ reason: 'malformed', header: 'x-slack-request-timestamp' })
    }
  })

  test('verify(secret, body, { signature, timestamp }) returns false when the timestamp was changed', async () => {
    const { signature } = await slack.sign(secret, body, T)
    expect(await slack.verify(secret, body, { signature, timestamp: T + 1 }, { now: T })).toBe(false)
  })

  test('verify(secret, body, headers) returns false for headers that are not an object', async () => {
    for (const headers of [undefined, null, 'v0=00', 7]) {
      expect.soft(await slack.verify(secret, body, headers as never, { now: T })).toBe(false)
    }
  })
})

describe('slack.headers', () => {
  test('headers(secret, body, timestamp) gives the header set Slack sends for a slash command', async () => {
    expect(await slack.headers(secret, body, T)).toEqual({
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'X-Slack-Request-Timestamp': String(T),
      'X-Slack-Signature': documented(secret, T, body),
    })
  })

  test('headers(secret, json, timestamp) sends an Events API body as JSON', async () => {
    const json = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } })
    expect((await slack.headers(secret, json, T))['Content-Type']).toBe('application/json')
  })

  test('sign(secret, body, "1700000000") takes the timestamp as a string too', async () => {
    expect(await slack.sign(secret, body, String(T))).toEqual(await slack.sign(secret, body, T))
  })
})
