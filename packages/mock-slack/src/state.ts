import type { Clock, IdGenerator, StateFactoryContext } from '@understudy/core'
import { defaultBot, defaultTeam } from './fixtures/team'
import { buildBotUser } from './fixtures/user'
import { TsClock } from './ids'

/** Plain JSON values, as Slack stores blocks, attachments and metadata. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

export interface TeamRecord {
  id: string
  name: string
  domain: string
}

/** The app whose bot token the mock serves by default (auth.test answers with it). */
export interface BotRecord {
  user_id: string
  bot_id: string
  app_id: string
  name: string
}

export interface UserProfile {
  title: string
  phone: string
  skype: string
  real_name: string
  real_name_normalized: string
  display_name: string
  display_name_normalized: string
  status_text: string
  status_emoji: string
  status_expiration: number
  avatar_hash: string
  email?: string
  first_name: string
  last_name: string
  image_24: string
  image_32: string
  image_48: string
  image_72: string
  image_192: string
  image_512: string
  team: string
  bot_id?: string
  api_app_id?: string
  always_active?: boolean
}

/** A user as users.info shows it. */
export interface UserRecord {
  id: string
  team_id: string
  name: string
  deleted: boolean
  color: string
  real_name: string
  tz: string
  tz_label: string
  tz_offset: number
  profile: UserProfile
  is_admin: boolean
  is_owner: boolean
  is_primary_owner: boolean
  is_restricted: boolean
  is_ultra_restricted: boolean
  is_bot: boolean
  is_app_user: boolean
  updated: number
  is_email_confirmed: boolean
  who_can_share_contact_card: string
}

export interface TopicRecord {
  value: string
  creator: string
  last_set: number
}

export interface ChannelRecord {
  id: string
  name: string
  kind: 'channel' | 'group' | 'im' | 'mpim'
  created: number
  creator: string
  is_archived: boolean
  is_general: boolean
  topic: TopicRecord
  purpose: TopicRecord
  previous_names: string[]
  members: string[]
  /** The other party of a DM. */
  user?: string
  /** Milliseconds, as Slack's `updated`. */
  updated: number
}

export interface ReactionRecord {
  name: string
  users: string[]
  count: number
}

/** A message as conversations.history shows it (the channel is the list it is stored in). */
export interface MessageRecord {
  type: 'message'
  ts: string
  subtype?: string
  user?: string
  bot_id?: string
  app_id?: string
  text: string
  blocks?: Json[]
  attachments?: Json[]
  team?: string
  username?: string
  icons?: { emoji?: string; image_64?: string }
  bot_profile?: {
    id: string
    app_id: string
    name: string
    icons: Record<string, string>
    deleted: boolean
    updated: number
    team_id: string
  }
  thread_ts?: string
  parent_user_id?: string
  reply_count?: number
  reply_users_count?: number
  latest_reply?: string
  reply_users?: string[]
  is_locked?: boolean
  subscribed?: boolean
  reactions?: ReactionRecord[]
  edited?: { user: string; ts: string }
  files?: Json[]
  upload?: boolean
  display_as_bot?: boolean
  pinned_to?: string[]
  metadata?: { event_type: string; event_payload: Json }
  client_msg_id?: string
}

export interface PinRecord {
  ts: string
  created: number
  created_by: string
}

export interface EphemeralRecord {
  channel: string
  user: string
  message: MessageRecord
}

export interface TokenRecord {
  token: string
  type: 'bot' | 'user'
  /** The user (or bot user) the token acts as. */
  user_id: string
  /** Granted scopes; undefined means every scope (an unseeded token). */
  scopes?: string[]
  revoked: boolean
}

export interface FileRecord {
  id: string
  created: number
  timestamp: number
  name: string
  title: string
  mimetype: string
  filetype: string
  pretty_type: string
  user: string
  user_team: string
  editable: boolean
  size: number
  mode: string
  is_external: boolean
  external_type: string
  is_public: boolean
  public_url_shared: boolean
  display_as_bot: boolean
  username: string
  url_private: string
  url_private_download: string
  permalink: string
  permalink_public: string
  alt_txt?: string
  comments_count: number
  is_starred: boolean
  shares: Record<
    string,
    Record<
      string,
      Array<{
        ts: string
        channel_name: string
        team_id: string
        share_user_id: string
        reply_users: string[]
        reply_users_count: number
        reply_count: number
      }>
    >
  >
  channels: string[]
  groups: string[]
  ims: string[]
  has_rich_preview: boolean
  file_access: string
}

export interface UploadRecord {
  file_id: string
  filename: string
  length: number
  alt_text?: string
  snippet_type?: string
  user: string
  bytes?: Uint8Array
  completed: boolean
}

export interface ScheduledRecord {
  id: string
  channel: string
  post_at: number
  date_created: number
  text: string
  message: MessageRecord
  actor: Actor
  input: import('./resources/messages').MessageInput
}

export interface ViewRecord {
  id: string
  team_id: string
  type: string
  title?: Json
  submit?: Json
  close?: Json
  blocks: Json[]
  private_metadata: string
  callback_id: string
  state: { values: Record<string, Record<string, Json>> }
  hash: string
  clear_on_close: boolean
  notify_on_close: boolean
  root_view_id: string
  previous_view_id: string | null
  app_id: string
  external_id: string
  app_installed_team_id: string
  bot_id: string
  /** Who sees it: the user of a modal or a Home tab. */
  user: string
}

/** Who makes a change: a token's user or bot, or a user the test acts as. */
export interface Actor {
  type: 'bot' | 'user'
  user_id: string
}

export interface SlackState {
  readonly partition: string
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly ts: TsClock
  team: TeamRecord
  bot: BotRecord
  users: Map<string, UserRecord>
  channels: Map<string, ChannelRecord>
  messages: Map<string, MessageRecord[]>
  ephemeral: EphemeralRecord[]
  pins: Map<string, PinRecord[]>
  tokens: Map<string, TokenRecord>
  files: Map<string, FileRecord>
  uploads: Map<string, UploadRecord>
  scheduled: Map<string, ScheduledRecord>
  views: Map<string, ViewRecord>
  /** Trigger ids handed to the app (interactivity), with when they were issued and whether used. */
  triggers: Map<string, { issued: number; used: boolean; user: string }>
  /** Call times per rate-limit bucket, for optional enforcement. */
  rateWindows: Map<string, number[]>
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

/** Looks a user up by id or name (`alice`, `@alice`, `U0123`). */
export function findUser(state: SlackState, ref: string): string | undefined {
  if (state.users.has(ref)) return ref
  const name = ref.replace(/^@/, '')
  for (const user of state.users.values()) if (user.name === name) return user.id
  return undefined
}

export function firstHuman(state: SlackState): string | undefined {
  for (const user of state.users.values()) if (!user.is_bot && !user.deleted) return user.id
  return undefined
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
