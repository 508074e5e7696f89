import {
  assertOptions,
  createServiceMock,
  type FaultHandle,
  InvalidOptionError,
  type ServiceMock,
  type ServiceMockOptions,
  trimBaseUrl,
  type WebhookDelivery,
} from '@understudy/core'
import type { EventsOptions, SlackConfig, Workspace } from './config'
import { SlackMockError } from './errors'
import { richTextBlock } from './fixtures/rich-text'
import { slackOptionsSchema } from './options-schema'
import { addMember, resolveChannel } from './resources/channels'
import { findMessage, postMessage } from './resources/messages'
import { addReaction } from './routes/reactions'
import type { SlackSeed } from './seed'
import { slackService } from './service'
import type { Json, MessageRecord, SlackState } from './state'
import { findUser } from './state'
import { emitEvent, type SlackEvent } from './webhooks/events'
import {
  type AppResponse,
  type BlockActionsOptions,
  type CommandOptions,
  sendBlockActions,
  sendCommand,
  sendToApp,
  sendViewSubmission,
  type ViewSubmissionOptions,
  type ViewSubmissionResult,
} from './webhooks/interactivity'

export interface SlackMockOptions extends Omit<ServiceMockOptions<SlackSeed>, 'seed'> {
  /** Fixture workspace: `{ channels: [{ name }], users: [{ name }] }` and optional team, bot, tokens. */
  seed?: SlackSeed
  /** The app's Events API Request URL and signing secret; change later with `slack.events.configure()`. */
  events?: EventsOptions
  /**
   * `'any'` (default): any non-empty token is valid, unless seeded revoked. `'seeded'`: only tokens in
   * the seed's `tokens`; others answer `invalid_auth`.
   */
  tokens?: 'any' | 'seeded'
  /** Enforce Slack's rate-limit tiers on the mock clock (429 + Retry-After). Default false. */
  rateLimits?: boolean
}

/** The Events API side: where the app listens and what was sent to it. */
export interface SlackEvents {
  /**
   * Sets (merges) the Request URL, signing secret, subscribed event types: mock-wide, or for one
   * partition (a credential's app, as the admin API does it for the caller), which then overrides the
   * mock-wide settings there.
   */
  configure(options: EventsOptions, scope?: { partition?: string }): void
  /** The mock-wide settings. */
  readonly options: Readonly<EventsOptions>
  /** The settings in force for a partition: its own over the mock-wide ones. */
  optionsFor(partition: string): Readonly<EventsOptions>
  /**
   * The url_verification handshake Slack does when a Request URL is saved: resolves `true` when the app
   * echoes the challenge.
   */
  verifyUrl(): Promise<{ ok: boolean; challenge: string; response: AppResponse }>
  /** Delivers any event (wrapped in event_callback, signed) to the app. */
  send(event: SlackEvent, options?: { partition?: string }): Promise<void>
  /** Resolves when every event delivery started so far has settled: an alias of `webhooks.settled()`. */
  settled(): Promise<void>
  /** Event deliveries, oldest first, with their attempts. */
  readonly deliveries: readonly WebhookDelivery[]
  /** The event payloads (inner `event`) delivered or being delivered, oldest first. */
  readonly sent: readonly SlackEvent[]
}

/** A workspace member acting, as if in the Slack client: changes state and tells the app. */
export interface SlackUserActions {
  postMessage(message: {
    channel: string
    text: string
    thread_ts?: string
    blocks?: Json[]
  }): Promise<MessageRecord & { channel: string }>
  react(target: { channel: string; ts: string; name: string }): Promise<void>
  join(channel: string): Promise<void>
}

/** A Slack mock: the DESIGN.md members plus Events API and interactivity helpers. */
export interface SlackMock extends ServiceMock<SlackState, SlackSeed, SlackConfig> {
  readonly events: SlackEvents
  /** Acts as a workspace user (name or id): `await slack.as('alice').postMessage({ channel: '#general', text: 'hi' })`. */
  as(user: string, options?: { partition?: string }): SlackUserActions
  /** Sends a slash command to the app (signed), with a working response_url and trigger_id. */
  command(
    options: CommandOptions & { partition?: string },
  ): Promise<AppResponse & { trigger_id: string; response_url: string }>
  /** Sends a block_actions interaction (button click...) to the app. */
  blockActions(
    options: BlockActionsOptions & { partition?: string },
  ): Promise<AppResponse & { trigger_id: string }>
  /** Submits a modal the app opened; applies the app's response_action. */
  viewSubmission(options: ViewSubmissionOptions & { partition?: string }): Promise<ViewSubmissionResult>
  /** Makes a Web API method answer `{ ok: false, error }` (HTTP 200), as Slack's platform errors do. */
  failMethod(
    name: string,
    error: string,
    options?: { times?: number | 'always'; partition?: string; fields?: Record<string, unknown> },
  ): FaultHandle
}

function validateOptions(options: SlackMockOptions): void {
  const { events } = options
  for (const key of ['requestUrl', 'interactivityUrl'] as const) {
    const url = events?.[key]
    if (url === undefined) continue
    try {
      new URL(url)
    } catch {
      throw new InvalidOptionError(
        `events.${key}`,
        `"${url}" is not an absolute URL. For example: "http://127.0.0.1:3000/slack/events".`,
      )
    }
  }
  if (
    events?.signingSecret !== undefined &&
    (typeof events.signingSecret !== 'string' || events.signingSecret === '')
  )
    throw new InvalidOptionError(
      'events.signingSecret',
      'expected a non-empty string, the app\'s signing secret. For example: "slack_signing_test".',
    )
  if (options.tokens !== undefined && options.tokens !== 'any' && options.tokens !== 'seeded')
    throw new InvalidOptionError(
      'tokens',
      `expected 'any' or 'seeded', got ${JSON.stringify(options.tokens)}.`,
    )
}

/**
 * Creates a stateful Slack mock that `@slack/web-api`'s WebClient and Bolt talk to unchanged.
 *
 * @example
 * const slack = createSlackMock({ seed: { channels: [{ name: 'general' }], users: [{ name: 'alice' }] } })
 * const server = setupServer(...slack.handlers)
 * server.listen()
 * const client = new WebClient('xoxb-test') // after listen(): WebClient captures fetch
 * await client.chat.postMessage({ channel: '#general', text: 'Deployed' })
 * slack.snapshot() // channels[0].messages has it
 */
export function createSlackMock(options: SlackMockOptions = {}): SlackMock {
  validateOptions(options)
  assertOptions(slackOptionsSchema, options, { prefix: '[understudy:mock-slack]' })
  const { events: initialEvents, tokens, rateLimits, ...serviceOptions } = options
  const sent: SlackEvent[] = []
  // Mock-wide Events API settings, and the ones a partition set for itself (issue 19: one caller's
  // Request URL must not receive another caller's events).
  let mockWide: EventsOptions = { ...initialEvents }
  const perPartition = new Map<string, EventsOptions>()
  const eventsFor = (partition: string): EventsOptions => {
    const own = perPartition.get(partition)
    return own ? { ...mockWide, ...own } : mockWide
  }
  // `slackApiUrl` (…/slack/api/) works as baseUrl as well as the mount (…/slack): routes start with /api.
  const baseUrl = trimBaseUrl(serviceOptions.baseUrl, '/api')
  const slack: SlackMock = createServiceMock(
    { ...slackService, extend: slackMembers },
    { ...serviceOptions, ...(baseUrl ? { baseUrl } : {}) },
    // Set once, for every partition: the app's settings stay live through `eventsFor`.
    {
      tokens,
      rateLimits,
      eventsFor,
      ...(options.webhooks?.transport ? { transport: options.webhooks.transport } : {}),
    },
  )
  // Build the default workspace now, so a bad seed throws here rather than on the first request.
  slack.state()
  return slack

  /** Slack's own instance members: the Events API, a workspace user acting, interactivity, platform errors. */
  function slackMembers(
    mock: ServiceMock<SlackState, SlackSeed, SlackConfig>,
  ): Pick<
    SlackMock,
    'reset' | 'events' | 'as' | 'command' | 'blockActions' | 'viewSubmission' | 'failMethod'
  > {
    mock.on((event) => {
      if (
        event.type === 'webhook' &&
        event.delivery.status === 'pending' &&
        event.delivery.event === 'event_callback'
      ) {
        try {
          sent.push((JSON.parse(event.delivery.body) as { event: SlackEvent }).event)
        } catch {
          // not ours
        }
      }
    })

    const stateFor = (partition?: string) => mock.state(partition)
    // A partition's data with the mock-wide config and the webhook pipeline, as a route's ctx has them.
    const workspace = (partition?: string): Workspace => ({
      state: mock.state(partition),
      config: mock.config,
      webhooks: mock.webhooks,
    })

    const events: SlackEvents = {
      configure(next, scope = {}) {
        validateOptions({ events: next })
        if (scope.partition === undefined) mockWide = { ...mockWide, ...next }
        else perPartition.set(scope.partition, { ...perPartition.get(scope.partition), ...next })
      },
      get options() {
        return mockWide
      },
      optionsFor: eventsFor,
      async verifyUrl() {
        const ws = workspace()
        const { state } = ws
        const settings = eventsFor(state.partition)
        const url = settings.requestUrl
        if (!url || !settings.signingSecret)
          throw new SlackMockError(
            'slack.events.verifyUrl(): set the Request URL and signing secret first: slack.events.configure({ requestUrl, signingSecret }).',
          )
        const challenge = state.ids.next('', 48)
        const body = JSON.stringify({
          token: settings.verificationToken ?? 'verification_token_test',
          challenge,
          type: 'url_verification',
        })
        const response = await sendToApp(ws, url, body, 'application/json')
        // The app may echo the challenge as plain text, form-encoded, or JSON.
        const echoed =
          (response.json as { challenge?: string } | undefined)?.challenge ??
          new URLSearchParams(response.body).get('challenge') ??
          response.body.trim()
        return { ok: response.status === 200 && echoed === challenge, challenge, response }
      },
      async send(event, sendOptions = {}) {
        await emitEvent(workspace(sendOptions.partition), {
          event_ts: stateFor(sendOptions.partition).ts.next(),
          ...event,
        })
      },
      settled: () => mock.webhooks.settled(),
      get deliveries() {
        return mock.webhooks.deliveries
      },
      get sent() {
        return sent
      },
    }

    function as(ref: string, asOptions: { partition?: string } = {}): SlackUserActions {
      const ws = workspace(asOptions.partition)
      const { state } = ws
      const userId =
        findUser(state, ref) ??
        (() => {
          throw new SlackMockError(
            `slack.as("${ref}"): there is no user "${ref}" in the workspace. Seed one: createSlackMock({ seed: { users: [{ name: '${ref}' }] } }).`,
          )
        })()
      const actor = { type: 'user' as const, user_id: userId }
      const channelOf = (channel: string) => {
        try {
          return resolveChannel(state, channel, actor, { openDm: true, names: true })
        } catch {
          throw new SlackMockError(`slack.as("${ref}"): no channel "${channel}" that ${ref} can see.`)
        }
      }
      return {
        async postMessage(message) {
          const channel = channelOf(message.channel)
          if (!channel.members.includes(userId) && channel.kind === 'channel')
            await addMember(ws, channel, userId)
          const posted = await postMessage(ws, actor, channel, {
            text: message.text,
            // What a person types in the Slack client arrives with a rich_text rendering of it.
            blocks: message.blocks ?? [richTextBlock(message.text, state.ids.next('', 5))],
            ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
          })
          return { ...posted, channel: channel.id }
        },
        async react(target) {
          const channel = channelOf(target.channel)
          const message =
            findMessage(state, channel, target.ts) ??
            (() => {
              throw new SlackMockError(
                `slack.as("${ref}").react(): no message with ts ${target.ts} in ${target.channel}.`,
              )
            })()
          await addReaction(ws, actor, channel, message, target.name.replace(/^:|:$/g, ''))
        },
        async join(channel) {
          await addMember(ws, channelOf(channel), userId)
        },
      }
    }

    return {
      reset() {
        mock.reset()
        mockWide = { ...initialEvents }
        perPartition.clear()
        sent.length = 0
      },
      events,
      as,
      command: ({ partition, ...rest }) => sendCommand(workspace(partition), rest),
      blockActions: ({ partition, ...rest }) => sendBlockActions(workspace(partition), rest),
      viewSubmission: ({ partition, ...rest }) => sendViewSubmission(workspace(partition), rest),
      failMethod(name, error, failOptions = {}) {
        return mock.fail({
          path: `/api/${name}`,
          times: failOptions.times ?? 1,
          ...(failOptions.partition ? { partition: failOptions.partition } : {}),
          response: () => Response.json({ ok: false, error, ...failOptions.fields }),
        })
      },
    }
  }
}
