import { SeedError } from '@understudy/core'
import { buildBotUser, buildUser } from './fixtures/user'
import { slackId } from './ids'
import { normalizeName } from './resources/channels'
import { checkSlackSeed } from './seed-schema'
import {
  type ChannelRecord,
  findUser,
  firstHuman,
  type Json,
  type MessageRecord,
  noteReply,
  type SlackState,
  type TokenRecord,
} from './state'

/** Fixture state: the DESIGN.md shape (`channels`, `users`) plus optional workspace details. */
export interface SlackSeed {
  /** The workspace. Default: `{ name: 'Understudy', domain: 'understudy' }` with a generated id. */
  team?: { id?: string; name?: string; domain?: string }
  /** The app's bot user, which unseeded tokens act as. */
  bot?: { name?: string; user_id?: string; bot_id?: string; app_id?: string }
  users?: SlackSeedUser[]
  channels?: SlackSeedChannel[]
  /** Tokens with scopes, a user to act as, or revoked. Unseeded tokens act as the bot with every scope. */
  tokens?: SlackSeedToken[]
}

export interface SlackSeedUser {
  name: string
  id?: string
  real_name?: string
  display_name?: string
  /** Default `<name>@example.com`. */
  email?: string
  title?: string
  tz?: string
  is_admin?: boolean
  is_owner?: boolean
  is_bot?: boolean
  is_restricted?: boolean
  deleted?: boolean
}

export interface SlackSeedChannel {
  /** With or without `#`. */
  name: string
  id?: string
  is_private?: boolean
  is_archived?: boolean
  topic?: string
  purpose?: string
  /** User names or ids. Default: every seeded user and the bot. */
  members?: string[]
  messages?: SlackSeedMessage[]
}

export interface SlackSeedMessage {
  text: string
  /** User name or id; default the first member that is not the bot. */
  user?: string
  ts?: string
  /** Reply to the seeded message with this ts. */
  thread_ts?: string
  blocks?: Json[]
}

export interface SlackSeedToken {
  token: string
  /** Granted scopes (`['chat:write', 'channels:read']` or `'chat:write,channels:read'`). Default: all. */
  scopes?: string[] | string
  /** User name or id the token acts as; default the bot (xoxb-) or the first user (xoxp-). */
  user?: string
  type?: 'bot' | 'user'
  revoked?: boolean
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function requireArray(data: Record<string, unknown>, key: string): unknown[] {
  const value = data[key]
  if (value === undefined) return []
  if (!Array.isArray(value))
    throw new SeedError(
      `[understudy:mock-slack] Invalid Slack seed: "${key}" must be an array, got ${typeof value}. For example: { ${key}: [{ name: 'general' }] }.`,
    )
  return value
}

function requireName(item: unknown, where: string): string {
  if (!isObject(item) || typeof item.name !== 'string' || item.name.trim() === '')
    throw new SeedError(
      `[understudy:mock-slack] Invalid Slack seed: each entry of "${where}" needs a non-empty string "name", got ${JSON.stringify(item)}. For example: { ${where}: [{ name: 'general' }] }.`,
    )
  return item.name
}

export function seedSlackState(state: SlackState, data: SlackSeed): void {
  // Everything is checked before anything changes: a bad seed leaves no half-seeded workspace.
  checkSlackSeed(state, data)
  if (!isObject(data))
    throw new SeedError(
      "[understudy:mock-slack] Invalid Slack seed: expected an object like { channels: [{ name: 'general' }], users: [{ name: 'alice' }] }.",
    )
  const now = state.clock.nowSeconds()
  if (data.team !== undefined) {
    if (!isObject(data.team))
      throw new SeedError('[understudy:mock-slack] Invalid Slack seed: "team" must be an object.')
    Object.assign(state.team, data.team)
  }
  if (data.bot !== undefined) seedBot(state, data.bot as NonNullable<SlackSeed['bot']>, now)

  for (const item of requireArray(data as Record<string, unknown>, 'users')) {
    const name = requireName(item, 'users')
    const user = item as SlackSeedUser
    if (findUser(state, name) && !user.id)
      throw new SeedError(`[understudy:mock-slack] Invalid Slack seed: user "${name}" is seeded twice.`)
    const id = user.id ?? slackId(state.ids, 'U')
    state.users.set(id, buildUser({ ...user, id, name }, state.team, now))
  }

  for (const item of requireArray(data as Record<string, unknown>, 'channels')) {
    const raw = requireName(item, 'channels')
    seedChannel(state, item as SlackSeedChannel, normalizeName(raw), now)
  }

  for (const item of requireArray(data as Record<string, unknown>, 'tokens')) {
    if (!isObject(item) || typeof item.token !== 'string' || item.token === '')
      throw new SeedError(
        `[understudy:mock-slack] Invalid Slack seed: each entry of "tokens" needs a "token" string, got ${JSON.stringify(item)}. For example: { tokens: [{ token: 'xoxb-test', scopes: ['chat:write'] }] }.`,
      )
    const seed = item as unknown as SlackSeedToken
    const type = seed.type ?? (seed.token.startsWith('xoxp-') ? 'user' : 'bot')
    let userId = type === 'bot' ? state.bot.user_id : firstHuman(state)
    if (seed.user !== undefined) {
      userId =
        findUser(state, seed.user) ??
        (() => {
          throw new SeedError(
            `[understudy:mock-slack] Invalid Slack seed: token "${seed.token}" acts as user "${seed.user}", who is not seeded. Seed the user in "users" first.`,
          )
        })()
    }
    const scopes =
      typeof seed.scopes === 'string'
        ? seed.scopes
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : seed.scopes
    const record: TokenRecord = {
      token: seed.token,
      type,
      user_id: userId ?? state.bot.user_id,
      ...(scopes ? { scopes: [...scopes] } : {}),
      revoked: seed.revoked ?? false,
    }
    state.tokens.set(seed.token, record)
  }
}

function seedBot(state: SlackState, bot: NonNullable<SlackSeed['bot']>, now: number): void {
  if (!isObject(bot))
    throw new SeedError('[understudy:mock-slack] Invalid Slack seed: "bot" must be an object.')
  const previous = state.bot.user_id
  Object.assign(state.bot, bot)
  state.users.delete(previous)
  state.users.set(state.bot.user_id, buildBotUser(state.bot, state.team, now))
  for (const channel of state.channels.values())
    channel.members = channel.members.map((m) => (m === previous ? state.bot.user_id : m))
}

function seedChannel(state: SlackState, seed: SlackSeedChannel, name: string, now: number): void {
  for (const existing of state.channels.values())
    if (existing.name === name)
      throw new SeedError(
        `[understudy:mock-slack] Invalid Slack seed: channel "#${name}" is seeded twice. Channel names are unique in a workspace.`,
      )
  const members = seed.members
    ? seed.members.map(
        (ref) =>
          findUser(state, ref) ??
          (() => {
            throw new SeedError(
              `[understudy:mock-slack] Invalid Slack seed: channel "#${name}" lists member "${ref}", who is not seeded. Add { name: '${ref}' } to "users".`,
            )
          })(),
      )
    : [...state.users.values()].filter((u) => !u.deleted).map((u) => u.id)
  const creator = members.find((m) => m !== state.bot.user_id) ?? firstHuman(state) ?? state.bot.user_id
  const channel: ChannelRecord = {
    id: seed.id ?? slackId(state.ids, seed.is_private ? 'G' : 'C'),
    name,
    kind: seed.is_private ? 'group' : 'channel',
    created: now,
    creator,
    is_archived: seed.is_archived ?? false,
    is_general: name === 'general' && ![...state.channels.values()].some((c) => c.is_general),
    topic: { value: seed.topic ?? '', creator: seed.topic ? creator : '', last_set: seed.topic ? now : 0 },
    purpose: {
      value: seed.purpose ?? '',
      creator: seed.purpose ? creator : '',
      last_set: seed.purpose ? now : 0,
    },
    previous_names: [],
    members,
    updated: state.clock.now(),
  }
  state.channels.set(channel.id, channel)
  state.messages.set(channel.id, [])
  for (const message of seed.messages ?? []) seedMessage(state, channel, message)
}

function seedMessage(state: SlackState, channel: ChannelRecord, seed: SlackSeedMessage): void {
  if (!isObject(seed) || typeof seed.text !== 'string')
    throw new SeedError(
      `[understudy:mock-slack] Invalid Slack seed: messages of "#${channel.name}" need a "text" string, got ${JSON.stringify(seed)}.`,
    )
  const user = seed.user
    ? (findUser(state, seed.user) ??
      (() => {
        throw new SeedError(
          `[understudy:mock-slack] Invalid Slack seed: a message in "#${channel.name}" is from "${seed.user}", who is not seeded.`,
        )
      })())
    : (channel.members.find((m) => m !== state.bot.user_id) ?? firstHuman(state) ?? state.bot.user_id)
  let ts = seed.ts
  if (ts === undefined) ts = state.ts.next()
  else state.ts.observe(ts)
  const message: MessageRecord = {
    type: 'message',
    ts,
    user,
    text: seed.text,
    team: state.team.id,
    ...(seed.blocks ? { blocks: seed.blocks } : {}),
  }
  const list = state.messages.get(channel.id)!
  if (seed.thread_ts) {
    const parent = list.find((m) => m.ts === seed.thread_ts)
    if (!parent)
      throw new SeedError(
        `[understudy:mock-slack] Invalid Slack seed: a reply in "#${channel.name}" has thread_ts "${seed.thread_ts}", but no earlier seeded message there has that ts.`,
      )
    message.thread_ts = parent.ts
    message.parent_user_id = parent.user ?? ''
    noteReply(parent, message)
  }
  list.push(message)
  list.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0))
}
