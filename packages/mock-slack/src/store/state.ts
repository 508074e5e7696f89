import { SeedError, type StateFactoryContext } from '@understudy/core'
import { defaultBot, defaultTeam } from '../fixtures/team'
import { buildBotUser, buildUser } from '../fixtures/user'
import { slackId, TsClock } from '../ids'
import { checkSlackSeed } from '../seed-schema'
import { normalizeName } from './channels'
import type { ChannelRecord, Json, MessageRecord, SlackState, TokenRecord } from './types'

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

export function createSlackState(ctx: StateFactoryContext): SlackState {
  const team = defaultTeam(ctx.ids)
  const bot = defaultBot(ctx.ids)
  const state: SlackState = {
    partition: ctx.partition,
    clock: ctx.clock,
    ids: ctx.ids,
    ts: new TsClock(() => ctx.clock.now()),
    team,
    bot,
    users: new Map(),
    channels: new Map(),
    messages: new Map(),
    ephemeral: [],
    pins: new Map(),
    tokens: new Map(),
    files: new Map(),
    uploads: new Map(),
    scheduled: new Map(),
    views: new Map(),
    triggers: new Map(),
    rateWindows: new Map(),
  }
  state.users.set(bot.user_id, buildBotUser(bot, team, ctx.clock.nowSeconds()))
  return state
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

/** Looks a user up by id or name (`alice`, `@alice`, `U0123`). */
export function findUser(state: SlackState, ref: string): string | undefined {
  if (state.users.has(ref)) return ref
  const name = ref.replace(/^@/, '')
  for (const user of state.users.values()) if (user.name === name) return user.id
  return undefined
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

export function firstHuman(state: SlackState): string | undefined {
  for (const user of state.users.values()) if (!user.is_bot && !user.deleted) return user.id
  return undefined
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

/** Updates a thread parent's reply counters after a new reply. */
export function noteReply(parent: MessageRecord, reply: MessageRecord): void {
  parent.thread_ts = parent.ts
  parent.reply_count = (parent.reply_count ?? 0) + 1
  const users = new Set(parent.reply_users ?? [])
  if (reply.user) users.add(reply.user)
  parent.reply_users = [...users]
  parent.reply_users_count = users.size
  parent.latest_reply = reply.ts
  parent.is_locked = false
  parent.subscribed = false
}

function maskToken(token: string): string {
  return token.length <= 10 ? token : `${token.slice(0, 10)}…`
}

/** A JSON-safe, readable view of the workspace for the dashboard and tests. */
export function snapshotSlackState(state: SlackState): unknown {
  return {
    team: state.team,
    bot: state.bot,
    users: [...state.users.values()].map((u) => ({
      id: u.id,
      name: u.name,
      real_name: u.real_name,
      email: u.profile.email,
      is_bot: u.is_bot,
      deleted: u.deleted,
    })),
    channels: [...state.channels.values()].map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      is_archived: c.is_archived,
      topic: c.topic.value,
      members: c.members,
      pins: (state.pins.get(c.id) ?? []).map((p) => p.ts),
      messages: state.messages.get(c.id) ?? [],
    })),
    ephemeral: state.ephemeral,
    files: [...state.files.values()].map((f) => ({
      id: f.id,
      name: f.name,
      title: f.title,
      size: f.size,
      channels: [...f.channels, ...f.groups, ...f.ims],
    })),
    scheduled: [...state.scheduled.values()].map((s) => ({
      id: s.id,
      channel: s.channel,
      post_at: s.post_at,
      text: s.text,
    })),
    views: [...state.views.values()].map((v) => ({
      id: v.id,
      type: v.type,
      user: v.user,
      callback_id: v.callback_id,
    })),
    tokens: [...state.tokens.values()].map((t) => ({ ...t, token: maskToken(t.token) })),
  }
}
