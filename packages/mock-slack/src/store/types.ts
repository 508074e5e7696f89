import type { Clock, IdGenerator } from '@understudy/core'
import type { TsClock } from '../ids'

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
  input: import('./messages').MessageInput
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
