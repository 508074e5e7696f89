/**
 * The Slack seed as a schema, and the checks of what a seed refers to (members, authors, threads):
 * both run before `seed()` changes anything. The published JSON Schema for seed files is generated
 * from `slackSeedSchema`.
 *
 * @module
 */

import { assertSeed, type Schema, SeedError, schema as s } from '@understudy/core'
import { normalizeName } from './resources/channels'
import type { SlackSeed } from './seed'
import type { Json, SlackState } from './state'
import { findUser } from './state'

const PREFIX = '[understudy:mock-slack]'

const name = s.string({ minLength: 1 })
const userRef = s.string({ minLength: 1 }).describe('A seeded user, by name or id.')
const ts = s.string({ pattern: /^\d+\.\d+$/, hint: 'a Slack ts like "1700000000.000100"' })

const message = s.object(
  {
    text: s.string(),
    user: userRef.describe('User name or id; default the first member that is not the bot.').optional(),
    ts: ts.optional(),
    thread_ts: ts.describe('Reply to the seeded message with this ts.').optional(),
    blocks: s
      .array(s.unknown() as Schema<Json>)
      .describe('Block Kit blocks, as JSON.')
      .optional(),
  },
  { example: "{ text: 'Deploy is green', user: 'alice' }" },
)

const user = s.object(
  {
    name,
    id: s.string({ minLength: 1 }).optional(),
    real_name: s.string().optional(),
    display_name: s.string().optional(),
    email: s.string().describe('Default `<name>@example.com`.').optional(),
    title: s.string().optional(),
    tz: s.string().optional(),
    is_admin: s.boolean().optional(),
    is_owner: s.boolean().optional(),
    is_bot: s.boolean().optional(),
    is_restricted: s.boolean().optional(),
    deleted: s.boolean().optional(),
  },
  { example: "{ name: 'alice' }" },
)

const channel = s.object(
  {
    name: name.describe('With or without `#`.'),
    id: s.string({ minLength: 1 }).optional(),
    is_private: s.boolean().optional(),
    is_archived: s.boolean().optional(),
    topic: s.string().optional(),
    purpose: s.string().optional(),
    members: s
      .array(userRef)
      .describe('User names or ids. Default: every seeded user and the bot.')
      .optional(),
    messages: s.array(message).optional(),
  },
  { example: "{ name: 'general' }" },
)

const token = s.object(
  {
    token: s.string({ minLength: 1 }),
    scopes: s
      .union([s.array(s.string()), s.string()])
      .describe("Granted scopes (`['chat:write']` or `'chat:write,channels:read'`). Default: all.")
      .optional(),
    user: userRef
      .describe('The user the token acts as; default the bot (xoxb-) or the first user (xoxp-).')
      .optional(),
    type: s.enum(['bot', 'user']).optional(),
    revoked: s.boolean().optional(),
  },
  { example: "{ token: 'xoxb-test', scopes: ['chat:write'] }" },
)

/**
 * What `seed()` and the `seed` option take, as a schema.
 *
 * @example
 * validate(slackSeedSchema, { channels: [{ name: 'general', is_privte: true }] }) // [{ path: 'channels[0].is_privte', ... }]
 */
export const slackSeedSchema: Schema<SlackSeed> = s
  .object(
    {
      team: s
        .object({ id: s.string().optional(), name: s.string().optional(), domain: s.string().optional() })
        .describe("The workspace. Default: { name: 'Understudy', domain: 'understudy' }.")
        .optional(),
      bot: s
        .object({
          name: s.string().optional(),
          user_id: s.string().optional(),
          bot_id: s.string().optional(),
          app_id: s.string().optional(),
        })
        .describe("The app's bot user, which unseeded tokens act as.")
        .optional(),
      users: s.array(user).optional(),
      channels: s.array(channel).optional(),
      tokens: s
        .array(token)
        .describe('Tokens with scopes, a user to act as, or revoked. Unseeded tokens act as the bot.')
        .optional(),
    },
    { example: "{ channels: [{ name: 'general' }], users: [{ name: 'alice' }] }" },
  )
  .describe('Slack seed: the workspace, its users, channels (with messages) and tokens.')

function invalid(message: string): SeedError {
  return new SeedError(`${PREFIX} Invalid Slack seed: ${message} Nothing was seeded.`)
}

/**
 * Checks the shape of seed data and what it refers to, against the state it would go into, without
 * changing anything.
 */
export function checkSlackSeed(state: SlackState, data: unknown): asserts data is SlackSeed {
  assertSeed(slackSeedSchema, data, { prefix: PREFIX, service: 'Slack' })
  const users = new Set<string>()
  const known = (ref: string) =>
    users.has(ref) || users.has(ref.replace(/^@/, '')) || findUser(state, ref) !== undefined
  if (data.bot?.user_id) users.add(data.bot.user_id)
  if (data.bot?.name) users.add(data.bot.name)
  data.users?.forEach((u, i) => {
    if (!u.id && (users.has(u.name) || findUser(state, u.name)))
      throw invalid(`users[${i}]: user "${u.name}" is seeded twice.`)
    users.add(u.name)
    if (u.id) users.add(u.id)
  })
  const channels = new Set([...state.channels.values()].map((c) => c.name))
  data.channels?.forEach((c, i) => {
    const channelName = normalizeName(c.name)
    if (channels.has(channelName))
      throw invalid(
        `channels[${i}]: channel "#${channelName}" is seeded twice. Channel names are unique in a workspace.`,
      )
    channels.add(channelName)
    c.members?.forEach((ref, j) => {
      if (!known(ref))
        throw invalid(
          `channels[${i}].members[${j}]: channel "#${channelName}" lists member "${ref}", who is not seeded. Add { name: '${ref}' } to "users".`,
        )
    })
    const seen = new Set<string>()
    c.messages?.forEach((m, j) => {
      if (m.user !== undefined && !known(m.user))
        throw invalid(
          `channels[${i}].messages[${j}].user: "${m.user}" is not seeded. Add { name: '${m.user}' } to "users".`,
        )
      if (m.thread_ts !== undefined && !seen.has(m.thread_ts))
        throw invalid(
          `channels[${i}].messages[${j}].thread_ts: no earlier seeded message in "#${channelName}" has ts "${m.thread_ts}".`,
        )
      if (m.ts) seen.add(m.ts)
    })
  })
  data.tokens?.forEach((t, i) => {
    if (t.user !== undefined && !known(t.user))
      throw invalid(`tokens[${i}].user: "${t.user}" is not seeded. Seed the user in "users" first.`)
  })
}
