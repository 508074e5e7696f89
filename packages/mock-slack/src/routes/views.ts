import { validateBlocks } from '../blocks'
import { fail } from '../errors'
import { slackId } from '../ids'
import type { Json, SlackState, ViewRecord } from '../state'
import { type MethodContext, method } from './define'

/** Trigger ids live three seconds and can be exchanged once. */
const TRIGGER_TTL_MS = 3000

/** Hands out a trigger id, as Slack does with each interaction (slash command, button click...). */
export function issueTrigger(state: SlackState, user: string): string {
  const id = `${state.clock.nowSeconds()}.${state.ids.counter('trigger', 1000)}.${state.ids.hex(32)}`
  state.triggers.set(id, { issued: state.clock.now(), used: false, user })
  return id
}

function exchangeTrigger(state: SlackState, triggerId: string | undefined): string {
  if (!triggerId) return fail('invalid_arguments')
  const trigger = state.triggers.get(triggerId) ?? fail('invalid_trigger_id')
  if (trigger.used) fail('exchanged_trigger_id')
  if (state.clock.now() - trigger.issued > TRIGGER_TTL_MS) fail('expired_trigger_id')
  trigger.used = true
  return trigger.user
}

function readView(m: MethodContext, types: readonly string[]): Record<string, unknown> {
  const view = m.args.json('view', 'invalid_arguments')
  if (typeof view !== 'object' || view === null || Array.isArray(view)) fail('invalid_arguments')
  const v = view as Record<string, unknown>
  if (typeof v.type !== 'string' || !types.includes(v.type))
    fail('invalid_arguments', {
      response_metadata: {
        messages: [`[ERROR] must be one of ${types.join(', ')} [json-pointer:/view/type]`],
      },
    })
  if (v.type === 'modal' && (typeof v.title !== 'object' || v.title === null))
    fail('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] missing required field: title [json-pointer:/view]'] },
    })
  validateBlocks(v.blocks ?? [], 'view')
  return v
}

function hash(state: SlackState): string {
  return `${state.clock.nowSeconds()}.${state.ids.next('', 8)}`
}

/** Builds a stored view from the app's view payload (a new one, or on top of `previous`). */
export function buildView(
  state: SlackState,
  input: Record<string, unknown>,
  user: string,
  previous?: ViewRecord,
  extra: Partial<ViewRecord> = {},
): ViewRecord {
  const id = previous?.id ?? slackId(state.ids, 'V')
  const external = (input.external_id as string | undefined) ?? previous?.external_id ?? ''
  if (external) {
    for (const view of state.views.values())
      if (view.external_id === external && view.id !== id) fail('duplicate_external_id')
  }
  return {
    id,
    team_id: state.team.id,
    type: input.type as string,
    blocks: (input.blocks as Json[] | undefined) ?? [],
    private_metadata: (input.private_metadata as string | undefined) ?? '',
    callback_id: (input.callback_id as string | undefined) ?? '',
    state: previous?.state ?? { values: {} },
    hash: hash(state),
    ...(input.title ? { title: input.title as Json } : {}),
    ...(input.submit ? { submit: input.submit as Json } : {}),
    ...(input.close ? { close: input.close as Json } : {}),
    clear_on_close: Boolean(input.clear_on_close),
    notify_on_close: Boolean(input.notify_on_close),
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: previous?.previous_view_id ?? null,
    app_id: state.bot.app_id,
    external_id: external,
    app_installed_team_id: state.team.id,
    bot_id: state.bot.bot_id,
    user,
    ...extra,
  }
}

/** What views.* answer: the view without the mock's bookkeeping. */
export function viewPayload(view: ViewRecord): Record<string, unknown> {
  const { user: _, ...shown } = view
  return shown
}

function findView(m: MethodContext): ViewRecord {
  const id = m.args.string('view_id')
  const external = m.args.string('external_id')
  if (!id && !external) fail('invalid_arguments')
  const view = id
    ? m.state.views.get(id)
    : [...m.state.views.values()].find((v) => v.external_id === external)
  return view ?? fail('not_found')
}

/** @see https://docs.slack.dev/reference/methods/views.open (and views.push, views.update, views.publish) */
export const viewRoutes = [
  method('views.open', (m) => {
    const input = readView(m, ['modal'])
    const user = exchangeTrigger(
      m.state,
      m.args.string('trigger_id') ?? m.args.string('interactivity_pointer'),
    )
    const view = buildView(m.state, input, user)
    m.state.views.set(view.id, view)
    return { view: viewPayload(view) }
  }),

  method('views.push', (m) => {
    const input = readView(m, ['modal'])
    const user = exchangeTrigger(
      m.state,
      m.args.string('trigger_id') ?? m.args.string('interactivity_pointer'),
    )
    const top = [...m.state.views.values()].reverse().find((v) => v.type === 'modal' && v.user === user)
    if (!top) fail('not_found')
    const stack = [...m.state.views.values()].filter((v) => v.root_view_id === top.root_view_id)
    if (stack.length >= 3) fail('push_limit_reached')
    const view = buildView(m.state, input, user, undefined, {
      root_view_id: top.root_view_id,
      previous_view_id: top.id,
    })
    m.state.views.set(view.id, view)
    return { view: viewPayload(view) }
  }),

  method('views.update', (m) => {
    const existing = findView(m)
    const given = m.args.string('hash')
    if (given && given !== existing.hash) fail('hash_conflict')
    const input = readView(m, [existing.type])
    const view = buildView(m.state, input, existing.user, existing)
    m.state.views.set(view.id, view)
    return { view: viewPayload(view) }
  }),

  method('views.publish', (m) => {
    const user = m.args.string('user_id') ?? fail('invalid_arguments')
    if (!m.state.users.has(user)) fail('user_not_found')
    const input = readView(m, ['home'])
    const existing = [...m.state.views.values()].find((v) => v.type === 'home' && v.user === user)
    const given = m.args.string('hash')
    if (existing && given && given !== existing.hash) fail('hash_conflict')
    const view = buildView(m.state, input, user, existing)
    m.state.views.set(view.id, view)
    return { view: viewPayload(view) }
  }),
]
