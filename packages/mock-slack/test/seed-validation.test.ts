import { WebClient } from '@slack/web-api'
import { setupServer } from 'msw/node'
import { expect, test } from 'vitest'
import { createSlackMock, type SlackSeed } from '../src/index'
import { clientOptions } from './helpers'

test('seed() names the path of an unknown key, with a did-you-mean hint (#13)', () => {
  const slack = createSlackMock()
  expect(() =>
    slack.seed({ channels: [{ name: 'general', is_privte: true }] } as unknown as SlackSeed),
  ).toThrowError(
    expect.objectContaining({
      name: 'SeedError',
      message:
        '[understudy:mock-slack] Invalid Slack seed at channels[0].is_privte: unknown key "is_privte"; did you mean "is_private"? Nothing was seeded.',
    }),
  )
  expect(() =>
    createSlackMock({ seed: { tokens: [{ token: 'xoxb-a', scopes: ['chat:write', 3 as never] }] } }).state(),
  ).toThrowError(/at tokens\[0\]\.scopes\[1\]: expected a string, got 3/)
})

test('a bad seed changes nothing: no half-seeded users or channels', async () => {
  const slack = createSlackMock({ seed: { users: [{ name: 'alice' }], channels: [{ name: 'general' }] } })
  const before = JSON.stringify(slack.snapshot())
  expect(() =>
    slack.seed({ users: [{ name: 'bob' }], channels: [{ name: 'random', members: ['bob', 'carol'] }] }),
  ).toThrowError(/channels\[0\]\.members\[1\]: channel "#random" lists member "carol", who is not seeded/)
  expect(() =>
    slack.seed({
      users: [{ name: 'bob' }],
      channels: [{ name: 'x', messages: [{ txt: 'hi' }] }],
    } as unknown as SlackSeed),
  ).toThrowError(/channels\[0\]\.messages\[0\]\.txt: unknown key "txt"; did you mean "text"\?/)
  expect(JSON.stringify(slack.snapshot())).toBe(before)
  // WebClient captures fetch when it is made: make it after listen().
  const server = setupServer(...slack.handlers)
  server.listen()
  try {
    const client = new WebClient('xoxb-test', clientOptions('https://slack.com/api/'))
    const { members } = await client.users.list({})
    expect(members?.map((m) => m.name)).toContain('alice')
    expect(members?.map((m) => m.name)).not.toContain('bob')
  } finally {
    server.close()
  }
})

test('createSlackMock(options) names a wrong option, with a did-you-mean hint (#13)', () => {
  expect(() => createSlackMock({ event: {} } as never)).toThrowError(
    expect.objectContaining({
      name: 'InvalidOptionError',
      option: 'event',
      message: expect.stringContaining('unknown key "event"; did you mean "events"?'),
    }),
  )
  expect(() => createSlackMock({ events: { typs: ['message'] } } as never)).toThrowError(
    /Invalid option "events.typs": unknown key "typs"; did you mean "types"\?/,
  )
})
