import { WebClient } from '@slack/web-api'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createSlackMock } from '../src/index'

const slack = createSlackMock({ baseUrl: 'http://localhost:4999/slack/api/' })
const server = setupServer(...slack.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterAll(() => server.close())

test('baseUrl may be the slackApiUrl itself (…/api/): WebClient pointed at it is answered', async () => {
  const client = new WebClient('xoxb-test', {
    slackApiUrl: 'http://localhost:4999/slack/api/',
    retryConfig: { retries: 0 },
  })
  const result = await client.auth.test()
  expect(result.ok).toBe(true)
  expect(slack.requests.at(-1)?.path).toBe('/api/auth.test')
})
