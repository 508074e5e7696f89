import type { Workspace } from '../config'
import { SlackMockError } from '../errors'
import { resolveChannel } from '../resources/channels'
import { buildMessage, findMessage, postMessage } from '../resources/messages'
import { type ResponseUrlTarget, responseTargets } from '../routes/response-url'
import { buildView, issueTrigger, viewPayload } from '../routes/views'
import type { ChannelRecord, Json, MessageRecord, SlackState, ViewRecord } from '../state'
import { findUser } from '../state'
import { signedHeaders } from './sign'

/** What the app answered to a slash command or an interaction. */
export interface AppResponse {
  status: number
  headers: Record<string, string>
  /** The raw body. */
  body: string
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown
}

export interface InteractionOptions {
  /** Where to send it; default the mock's `events.interactivityUrl`, then `events.requestUrl`. */
  url?: string
  /** Base of the `response_url` handed to the app. Default `https://hooks.slack.com` (served by the mock). */
  responseUrlBase?: string
}

function requireUser(state: SlackState, ref: string, helper: string): string {
  return (
    findUser(state, ref) ??
    (() => {
      throw new SlackMockError(
        `${helper}: there is no user "${ref}" in the workspace. Seed one: createSlackMock({ seed: { users: [{ name: '${ref}' }] } }).`,
      )
    })()
  )
}

function requireChannel(state: SlackState, ref: string, userId: string, helper: string): ChannelRecord {
  try {
    return resolveChannel(state, ref, { type: 'user', user_id: userId }, { openDm: true, names: true })
  } catch {
    throw new SlackMockError(
      `${helper}: there is no channel "${ref}" that the user can see. Seed it: createSlackMock({ seed: { channels: [{ name: '${ref.replace(/^#/, '')}' }] } }).`,
    )
  }
}

function targetUrl({ state, config }: Workspace, options: InteractionOptions, helper: string): string {
  const events = config.eventsFor(state.partition)
  const url = options.url ?? events.interactivityUrl ?? events.requestUrl
  if (!url)
    throw new SlackMockError(
      `${helper}: no URL to send to. Set the app's URL: createSlackMock({ events: { requestUrl: 'http://127.0.0.1:3000/slack/events', signingSecret: 'slack_signing_test' } }) or slack.events.configure({...}).`,
    )
  if (!events.signingSecret)
    throw new SlackMockError(
      `${helper}: no signing secret. Give the app's: slack.events.configure({ signingSecret: 'slack_signing_test' }).`,
    )
  return url
}

function responseUrl(
  state: SlackState,
  kind: 'commands' | 'actions',
  target: ResponseUrlTarget,
  base?: string,
): string {
  const key = state.ids.next('', 24)
  let targets = responseTargets.get(state)
  if (!targets) {
    targets = new Map()
    responseTargets.set(state, targets)
  }
  targets.set(key, target)
  const root = (base ?? 'https://hooks.slack.com').replace(/\/+$/, '')
  return `${root}/${kind}/${state.team.id}/${state.ids.counter('response_url', 1_000_000_000)}/${key}`
}

/** Sends a signed request to the app and reads its answer. No retries: Slack does not retry these. */
export async function sendToApp(
  { state, config }: Workspace,
  url: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
): Promise<AppResponse> {
  const headers = await signedHeaders(config.eventsFor(state.partition).signingSecret!, body, contentType)
  const response = await config.transport(new Request(url, { method: 'POST', headers, body }))
  const text = await response.text()
  const out: AppResponse = {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: text,
  }
  if (text && /^\s*[{[]/.test(text)) {
    try {
      out.json = JSON.parse(text)
    } catch {
      // not JSON after all
    }
  }
  return out
}

function teamFields(state: SlackState) {
  return { id: state.team.id, domain: state.team.domain }
}

function userFields(state: SlackState, userId: string) {
  const user = state.users.get(userId)!
  return { id: user.id, username: user.name, name: user.name, team_id: state.team.id }
}

/** An immediate answer to a slash command shows as a message, ephemeral unless `in_channel`. */
async function applyImmediateResponse(
  ws: Workspace,
  channel: ChannelRecord,
  user: string,
  response: AppResponse,
) {
  const { state } = ws
  if (response.status !== 200 || !response.body) return
  const bot = { type: 'bot' as const, user_id: state.bot.user_id }
  const payload =
    response.json && typeof response.json === 'object'
      ? (response.json as Record<string, unknown>)
      : { text: response.body }
  const input = {
    ...(typeof payload.text === 'string' ? { text: payload.text } : {}),
    ...(Array.isArray(payload.blocks) ? { blocks: payload.blocks as Json[] } : {}),
  }
  if (!input.text && !input.blocks) return
  if (payload.response_type === 'in_channel') await postMessage(ws, bot, channel, input)
  else state.ephemeral.push({ channel: channel.id, user, message: buildMessage(state, bot, input) })
}

export interface CommandOptions extends InteractionOptions {
  /** `/deploy` */
  command: string
  text?: string
  /** User name or id (default: the first seeded user). */
  user: string
  /** Channel name or id. */
  channel: string
}

/**
 * Sends a slash command to the app as Slack does: a signed form post with a `response_url` and a
 * `trigger_id`. An immediate JSON/text answer is shown as a message (ephemeral unless in_channel).
 */
export async function sendCommand(
  ws: Workspace,
  options: CommandOptions,
): Promise<AppResponse & { trigger_id: string; response_url: string }> {
  const { state } = ws
  const helper = 'slack.command()'
  const url = targetUrl(ws, options, helper)
  const userId = requireUser(state, options.user, helper)
  const channel = requireChannel(state, options.channel, userId, helper)
  const triggerId = issueTrigger(state, userId)
  const responseUrlValue = responseUrl(
    state,
    'commands',
    { channel: channel.id, user: userId },
    options.responseUrlBase,
  )
  const user = state.users.get(userId)!
  const form = new URLSearchParams({
    token: ws.config.eventsFor(state.partition).verificationToken ?? 'verification_token_test',
    team_id: state.team.id,
    team_domain: state.team.domain,
    channel_id: channel.id,
    channel_name: channel.kind === 'im' ? 'directmessage' : channel.name,
    user_id: user.id,
    user_name: user.name,
    command: options.command.startsWith('/') ? options.command : `/${options.command}`,
    text: options.text ?? '',
    api_app_id: state.bot.app_id,
    is_enterprise_install: 'false',
    response_url: responseUrlValue,
    trigger_id: triggerId,
  })
  const response = await sendToApp(ws, url, form.toString(), 'application/x-www-form-urlencoded')
  await applyImmediateResponse(ws, channel, userId, response)
  return { ...response, trigger_id: triggerId, response_url: responseUrlValue }
}

export interface BlockAction {
  action_id: string
  value?: string
  block_id?: string
  /** Element type; default: found in the message's blocks, else `button`. */
  type?: string
  selected_option?: Json
}

export interface BlockActionsOptions extends InteractionOptions {
  user: string
  /** The message the button is on: its channel and ts. */
  channel?: string
  message_ts?: string
  /** Or the view it is in. */
  view_id?: string
  actions: BlockAction[]
}

type Element = Record<string, unknown>

/** Finds an interactive element by action_id in blocks, with its block_id. */
function findElement(
  blocks: Json[] | undefined,
  actionId: string,
): { element: Element; block_id: string } | undefined {
  for (const block of (blocks ?? []) as Element[]) {
    const elements = [
      ...(Array.isArray(block.elements) ? (block.elements as Element[]) : []),
      ...(block.accessory ? [block.accessory as Element] : []),
      ...(block.element ? [block.element as Element] : []),
    ]
    const element = elements.find((e) => e.action_id === actionId)
    if (element) return { element, block_id: String(block.block_id ?? '') }
  }
  return undefined
}

function actionPayload(state: SlackState, action: BlockAction, blocks: Json[] | undefined) {
  const found = findElement(blocks, action.action_id)
  const type = action.type ?? (found?.element.type as string | undefined) ?? 'button'
  return {
    action_id: action.action_id,
    block_id: action.block_id ?? found?.block_id ?? state.ids.next('', 4),
    ...(found?.element.text ? { text: found.element.text } : {}),
    ...(action.value !== undefined
      ? { value: action.value }
      : found?.element.value !== undefined
        ? { value: found.element.value }
        : {}),
    ...(action.selected_option ? { selected_option: action.selected_option } : {}),
    type,
    action_ts: `${state.clock.nowSeconds()}.${String(state.ids.counter('action_ts', 100000)).padStart(6, '0')}`,
  }
}

/** Sends a block_actions interaction (a button click, a menu choice) on a message or a view. */
export async function sendBlockActions(
  ws: Workspace,
  options: BlockActionsOptions,
): Promise<AppResponse & { trigger_id: string }> {
  const { state } = ws
  const helper = 'slack.blockActions()'
  const url = targetUrl(ws, options, helper)
  const userId = requireUser(state, options.user, helper)
  const triggerId = issueTrigger(state, userId)
  let channel: ChannelRecord | undefined
  let message: MessageRecord | undefined
  let view: ViewRecord | undefined
  if (options.view_id) {
    view =
      state.views.get(options.view_id) ??
      (() => {
        throw new SlackMockError(`${helper}: no view "${options.view_id}". Open one with views.open first.`)
      })()
  } else {
    if (!options.channel || !options.message_ts)
      throw new SlackMockError(
        `${helper}: give the message the action is on ({ channel, message_ts }) or a view_id.`,
      )
    channel = requireChannel(state, options.channel, userId, helper)
    message =
      findMessage(state, channel, options.message_ts) ??
      (() => {
        throw new SlackMockError(`${helper}: no message with ts ${options.message_ts} in ${options.channel}.`)
      })()
  }
  const blocks = view?.blocks ?? message?.blocks
  const payload = {
    type: 'block_actions',
    user: userFields(state, userId),
    api_app_id: state.bot.app_id,
    token: ws.config.eventsFor(state.partition).verificationToken ?? 'verification_token_test',
    container: view
      ? { type: 'view', view_id: view.id }
      : { type: 'message', message_ts: message!.ts, channel_id: channel!.id, is_ephemeral: false },
    trigger_id: triggerId,
    team: teamFields(state),
    enterprise: null,
    is_enterprise_install: false,
    ...(channel ? { channel: { id: channel.id, name: channel.name } } : {}),
    ...(message ? { message: { ...message } } : {}),
    ...(view ? { view: viewPayload(view) } : {}),
    state: { values: view?.state.values ?? {} },
    ...(channel
      ? {
          response_url: responseUrl(
            state,
            'actions',
            {
              channel: channel.id,
              user: userId,
              message_ts: message!.ts,
              ...(message!.thread_ts ? { thread_ts: message!.thread_ts } : {}),
            },
            options.responseUrlBase,
          ),
        }
      : {}),
    actions: options.actions.map((a) => actionPayload(state, a, blocks)),
  }
  const form = new URLSearchParams({ payload: JSON.stringify(payload) })
  const response = await sendToApp(ws, url, form.toString(), 'application/x-www-form-urlencoded')
  return { ...response, trigger_id: triggerId }
}

export interface ViewSubmissionOptions extends InteractionOptions {
  user: string
  /** The open modal; default the user's newest modal (or the one with `callback_id`). */
  view_id?: string
  callback_id?: string
  /** `state.values`: `{ block_id: { action_id: { type: 'plain_text_input', value: 'x' } } }`. */
  values?: Record<string, Record<string, Json>>
}

/** The app's answer to a view_submission, applied to the view stack. */
export interface ViewSubmissionResult extends AppResponse {
  response_action?: 'errors' | 'update' | 'push' | 'clear'
  errors?: Record<string, string>
  /** The view shown after the submission, if the modal stayed open. */
  view?: Record<string, unknown>
}

/**
 * Submits a modal as a user would. The app's `response_action` is applied: `errors` keeps the modal,
 * `update`/`push` change it, `clear` closes the stack, and an empty 200 closes the modal.
 */
export async function sendViewSubmission(
  ws: Workspace,
  options: ViewSubmissionOptions,
): Promise<ViewSubmissionResult> {
  const { state } = ws
  const helper = 'slack.viewSubmission()'
  const url = targetUrl(ws, options, helper)
  const userId = requireUser(state, options.user, helper)
  const modals = [...state.views.values()].filter((v) => v.type === 'modal' && v.user === userId)
  const view = options.view_id
    ? state.views.get(options.view_id)
    : [...modals].reverse().find((v) => !options.callback_id || v.callback_id === options.callback_id)
  if (!view)
    throw new SlackMockError(
      `${helper}: user "${options.user}" has no open modal${options.callback_id ? ` with callback_id "${options.callback_id}"` : ''}. The app opens one with views.open.`,
    )
  view.state = { values: options.values ?? view.state.values }
  const payload = {
    type: 'view_submission',
    team: teamFields(state),
    user: userFields(state, userId),
    api_app_id: state.bot.app_id,
    token: ws.config.eventsFor(state.partition).verificationToken ?? 'verification_token_test',
    trigger_id: issueTrigger(state, userId),
    view: viewPayload(view),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  }
  const form = new URLSearchParams({ payload: JSON.stringify(payload) })
  const response = await sendToApp(ws, url, form.toString(), 'application/x-www-form-urlencoded')
  const result: ViewSubmissionResult = { ...response }
  const answer = (response.json ?? {}) as Record<string, unknown>
  const action = answer.response_action as ViewSubmissionResult['response_action']
  if (response.status !== 200) return result
  if (action === 'errors') {
    result.response_action = 'errors'
    result.errors = (answer.errors ?? {}) as Record<string, string>
    result.view = viewPayload(view)
  } else if ((action === 'update' || action === 'push') && typeof answer.view === 'object' && answer.view) {
    result.response_action = action
    const next =
      action === 'update'
        ? buildView(state, answer.view as Record<string, unknown>, userId, view)
        : buildView(state, answer.view as Record<string, unknown>, userId, undefined, {
            root_view_id: view.root_view_id,
            previous_view_id: view.id,
          })
    state.views.set(next.id, next)
    result.view = viewPayload(next)
  } else if (action === 'clear') {
    result.response_action = 'clear'
    for (const v of [...state.views.values()])
      if (v.root_view_id === view.root_view_id) state.views.delete(v.id)
  } else {
    state.views.delete(view.id)
  }
  return result
}
