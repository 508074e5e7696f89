import { LogLevel, WebClient } from '@slack/web-api'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSlackMock, type SlackMockOptions } from '../src/index'

const server = setupServer()
beforeAll(() => server.listen())
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
}

function setup(options: SlackMockOptions = {}) {
  const slack = createSlackMock(options)
  server.use(...slack.handlers)
  // As the README advises for tests: no retries, so an HTTP error surfaces at once.
  const client = new WebClient('xoxb-test', { retryConfig: { retries: 0 }, logger: quiet })
  return { slack, client }
}

describe('where the Slack mock ends', () => {
  test('a Web API method the mock lacks answers 501 not_implemented_in_understudy, flagged and logged', async () => {
    const { slack, client } = setup()
    const error = await client.apiCall('bookmarks.list', { channel_id: 'C123' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 501 })
    const { headers, body } = error as { headers: Record<string, string>; body: unknown }
    expect(headers['x-understudy-unimplemented']).toBe('1')
    expect(body).toMatchObject({
      ok: false,
      error: 'not_implemented_in_understudy',
      req_method: 'bookmarks.list',
      response_metadata: {
        messages: [expect.stringContaining('https://docs.slack.dev/reference/methods/bookmarks.list')],
      },
    })
    expect(slack.requests.at(-1)).toMatchObject({
      path: '/api/bookmarks.list',
      status: 501,
      unimplemented: true,
    })
  })

  test('the typed WebClient methods reach the same answer (admin.*, assistant.threads.*)', async () => {
    const { slack, client } = setup()
    await expect(client.admin.users.list({ team_id: 'T1' })).rejects.toMatchObject({ statusCode: 501 })
    await expect(
      client.assistant.threads.setStatus({ channel_id: 'D1', thread_ts: '1.2', status: 'thinking' }),
    ).rejects.toMatchObject({ statusCode: 501 })
    expect(slack.requests.map((r) => r.unimplemented)).toEqual([true, true])
  })

  test('a method Slack does not have (or retired) stays a 404 unknown_method', async () => {
    const { slack, client } = setup()
    await expect(client.apiCall('nope.nothing')).rejects.toMatchObject({ statusCode: 404 })
    await expect(client.apiCall('workflows.stepCompleted')).rejects.toMatchObject({ statusCode: 404 })
    expect(slack.requests.map((r) => r.unimplemented)).toEqual([undefined, undefined])
  })

  test("onUnimplemented: 'warn' prints the method and its docs; 'error' fails the call as a request error", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const warned = setup({ onUnimplemented: 'warn' })
    await expect(warned.client.apiCall('bookmarks.list')).rejects.toMatchObject({ statusCode: 501 })
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      '[understudy:slack] POST https://slack.com/api/bookmarks.list is /api/bookmarks.list (https://docs.slack.dev/reference/methods/bookmarks.list)',
    )
    server.resetHandlers()
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failing = setup({ onUnimplemented: 'error' })
    await expect(failing.client.apiCall('bookmarks.list')).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    })
    expect(String(printed.mock.calls[0]?.[0])).toContain("onUnimplemented: 'error'")
    expect(failing.slack.requests[0]).toMatchObject({ unimplemented: true })
  })
})
