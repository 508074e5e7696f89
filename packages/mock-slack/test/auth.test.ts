import { WebClient } from '@slack/web-api'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSlackMock } from '../src/index'
import { clientOptions, platformError, workspace } from './helpers'

const api = 'https://slack.com/api/'

describe('tokens, scopes and encodings', () => {
  const slack = createSlackMock({
    seed: {
      ...workspace,
      tokens: [
        { token: 'xoxb-readonly', scopes: ['channels:read'] },
        { token: 'xoxb-revoked', revoked: true },
        { token: 'xoxp-alice', user: 'alice' },
      ],
    },
  })
  const server = setupServer(...slack.handlers)
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterAll(() => server.close())
  const client = (token?: string) => new WebClient(token, clientOptions(api))

  test('missing_scope names the needed scope and what the token has; headers list both', async () => {
    slack.reset()
    const error = await client('xoxb-readonly')
      .chat.postMessage({ channel: '#general', text: 'x' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject(
      platformError('missing_scope', { needed: 'chat:write', provided: 'channels:read' }),
    )
    expect((error as { data: { response_metadata: unknown } }).data.response_metadata).toMatchObject({
      scopes: ['channels:read'],
      acceptedScopes: ['chat:write'],
    })
    await expect(
      client('xoxb-readonly').conversations.list({ types: 'private_channel' }),
    ).rejects.toMatchObject(platformError('missing_scope', { needed: 'groups:read' }))
    await expect(client('xoxb-readonly').conversations.list({})).resolves.toMatchObject({ ok: true })
  })

  test('not_authed without a token, token_revoked for a revoked one, auth.revoke revokes', async () => {
    slack.reset()
    await expect(client().auth.test()).rejects.toMatchObject(platformError('not_authed'))
    await expect(client('xoxb-revoked').auth.test()).rejects.toMatchObject(platformError('token_revoked'))
    const throwaway = client('xoxb-throwaway')
    await expect(throwaway.auth.revoke()).resolves.toMatchObject({ revoked: true })
    await expect(throwaway.auth.test()).rejects.toMatchObject(platformError('token_revoked'))
  })

  test('a user token acts as its user: messages carry user, not bot_id', async () => {
    slack.reset()
    const alice = [...slack.state().users.values()].find((u) => u.name === 'alice')!
    const me = await client('xoxp-alice').auth.test()
    expect(me).toMatchObject({ user: 'alice', user_id: alice.id })
    expect(me.bot_id).toBeUndefined()
    const posted = await client('xoxp-alice').chat.postMessage({ channel: '#general', text: 'as me' })
    expect(posted.message).toMatchObject({ user: alice.id, text: 'as me' })
    expect(posted.message?.bot_id).toBeUndefined()
  })

  test('the token may come as a form field; JSON bodies must use the header and get missing_charset', async () => {
    slack.reset()
    const form = await slack.fetch(`${api}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=xoxb-test',
    })
    expect(await form.json()).toMatchObject({ ok: true, user: 'understudy' })
    const json = await slack.fetch(`${api}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'general', text: 'json', blocks: [{ type: 'divider' }] }),
    })
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await json.json()).toMatchObject({
      ok: true,
      warning: 'missing_charset',
      response_metadata: { warnings: ['missing_charset'] },
      message: { text: 'json', blocks: [{ type: 'divider' }] },
    })
    const bodyToken = await slack.fetch(`${api}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ token: 'xoxb-test' }),
    })
    expect(await bodyToken.json()).toEqual({ ok: false, error: 'not_authed' })
    expect(slack.requests.map((r) => r.path)).toEqual([
      '/api/auth.test',
      '/api/chat.postMessage',
      '/api/auth.test',
    ])
  })

  test('an unknown method is a 404 unknown_method, which WebClient reports as an HTTP error', async () => {
    slack.reset()
    await expect(client('xoxb-test').apiCall('nope.nothing')).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 404,
    })
  })
})

describe('options', () => {
  test("tokens: 'seeded' refuses tokens it does not know with invalid_auth", async () => {
    const slack = createSlackMock({ tokens: 'seeded', seed: { tokens: [{ token: 'xoxb-known' }] } })
    const known = await slack.fetch(`${api}auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-known' },
    })
    expect(await known.json()).toMatchObject({ ok: true })
    const other = await slack.fetch(`${api}auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-other' },
    })
    expect(await other.json()).toEqual({ ok: false, error: 'invalid_auth' })
  })

  test('rateLimits: true enforces the method tier per minute on the mock clock', async () => {
    const slack = createSlackMock({
      seed: workspace,
      rateLimits: true,
      clock: { now: '2026-01-01T00:00:00Z' },
    })
    const call = () =>
      slack.fetch(`${api}conversations.list`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test' },
      })
    for (let i = 0; i < 20; i++) expect((await call()).status).toBe(200)
    const limited = await call()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' })
    slack.clock.advance(60_000)
    expect((await call()).status).toBe(200)
  })

  test('partitionBy credential: each token has its own workspace', async () => {
    const slack = createSlackMock({ seed: workspace, partitionBy: 'credential' })
    const post = (token: string) =>
      slack.fetch(`${api}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'channel=general&text=hi',
      })
    await post('xoxb-a')
    await post('xoxb-a')
    await post('xoxb-b')
    const count = (p: string) => [...slack.state(p).messages.values()].flat().length
    expect([count('xoxb-a'), count('xoxb-b')]).toEqual([2, 1])
    expect(slack.requests.map((r) => r.partition)).toEqual(['xoxb-a', 'xoxb-a', 'xoxb-b'])
  })

  test('snapshot() is plain JSON, with tokens masked', async () => {
    const slack = createSlackMock({
      seed: { ...workspace, tokens: [{ token: 'xoxb-test-long-token', scopes: ['chat:write'] }] },
    })
    await slack.fetch(`${api}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=general&text=hi&blocks=%5B%7B%22type%22%3A%22divider%22%7D%5D',
    })
    const snapshot = slack.snapshot() as {
      channels: Array<{ name: string; messages: unknown[] }>
      tokens: Array<{ token: string }>
    }
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
    expect(snapshot.channels.find((c) => c.name === 'general')!.messages).toMatchObject([
      { text: 'hi', blocks: [{ type: 'divider' }] },
    ])
    expect(snapshot.tokens[0]!.token).toBe('xoxb-test-…')
  })

  test('bad seed and options throw errors that say how to fix them', () => {
    expect(() => createSlackMock({ seed: { channels: [{}] } as never })).toThrow(
      /channels\[0\]: needs a name \(a non-empty string\)/,
    )
    expect(() => createSlackMock({ seed: { channels: [{ name: 'a', members: ['ghost'] }] } })).toThrow(
      /member "ghost", who is not seeded/,
    )
    expect(() => createSlackMock({ events: { requestUrl: 'not a url' } })).toThrow(/events.requestUrl/)
    expect(() => createSlackMock({ tokens: 'all' as never })).toThrow(/expected 'any' or 'seeded'/)
    const slack = createSlackMock()
    expect(() => slack.as('nobody')).toThrow(/no user "nobody"/)
  })
})
