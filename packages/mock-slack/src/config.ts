import type { WebhookDispatcher } from '@understudy/core'
import type { SlackState } from './state'

/** Where the app listens for the Events API and interactivity, and how requests to it are signed. */
export interface EventsOptions {
  /** The app's Request URL (Bolt's HTTPReceiver: `http://127.0.0.1:3000/slack/events`). */
  requestUrl?: string
  /** Where slash commands and interactivity go; default `requestUrl` (one endpoint, as Bolt uses). */
  interactivityUrl?: string
  /** The app's signing secret: every request to the app is signed with it (X-Slack-Signature v0). */
  signingSecret?: string
  /**
   * Event types delivered (`message`, `app_mention`, `reaction_added`, `member_joined_channel`...).
   * Default: all of them, as if the app subscribed to every event the mock emits.
   */
  types?: readonly string[]
  /** The deprecated verification token put in payloads (`token`). Default `"verification_token_test"`. */
  verificationToken?: string
}

/**
 * The mock-wide config (`ctx.config`): `createSlackMock`'s own options, set once for the mock and read
 * by routes and the Events API. Partition state holds only the workspace's data.
 */
export interface SlackConfig {
  /** `'any'`: any non-empty token is valid unless seeded revoked. `'seeded'`: only seeded tokens. */
  readonly tokens: 'any' | 'seeded'
  /** Enforce Slack's per-method rate-limit tiers (per token, per minute, on the mock clock). */
  readonly rateLimits: boolean
  /**
   * A partition's Events API settings: its own (set through the admin API with its credential) over the
   * mock-wide ones (the `events` option, `slack.events.configure()`), which can change while the mock runs.
   */
  eventsFor(partition: string): Readonly<EventsOptions>
  /** Sends a request to the app (no retries): interactivity and the url_verification handshake. */
  transport(request: Request): Promise<Response>
}

/**
 * A partition's workspace with what acting in it needs besides its data: the mock-wide config and the
 * webhook pipeline its events go through. A route's `ctx` is one; the instance's helpers build one.
 */
export interface Workspace {
  readonly state: SlackState
  readonly config: Readonly<SlackConfig>
  readonly webhooks: WebhookDispatcher
}
