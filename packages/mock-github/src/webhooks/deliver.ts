/**
 * Sends an event to every webhook that wants it: the repository's hooks (created through the hooks
 * API) and the GitHub Apps installed on the repository (seeded with a webhook URL). Core's pipeline
 * signs, orders and retries them; `mock.webhooks.settled()` waits for signing in flight too.
 *
 * @module
 */

import { actorLogin, type Ctx, rc, viewerOf } from '../context'
import { type HookRecord, installationsFor, type RepoRecord } from '../state'
import { webhookRepo, webhookUser } from './payloads'
import { deliveryHeaders } from './request'

type Json = Record<string, unknown>

function wants(events: readonly string[], event: string): boolean {
  return events.includes('*') || events.includes(event)
}

function senderLogin(ctx: Ctx): string | undefined {
  const viewer = viewerOf(ctx)
  return viewer.kind === 'user' || viewer.kind === 'installation' ? actorLogin(ctx) : undefined
}

/** The hookshot build in User-Agent, shaped like GitHub's short hex. */
const HOOKSHOT = '5f3c1a2'

/**
 * Delivers `event` with `body` (the action and event-specific objects); `repository` and `sender`
 * are added as GitHub adds them.
 */
export async function emitRepoEvent(
  ctx: Ctx,
  repo: RepoRecord,
  event: string,
  body: Json,
  options: { unixTimes?: boolean; only?: HookRecord } = {},
): Promise<void> {
  const hooks = options.only
    ? [options.only]
    : [...repo.hooks.values()].filter((h) => h.active && wants(h.events, event))
  const apps = options.only
    ? []
    : installationsFor(ctx.state, repo)
        .map((inst) => ({ inst, app: ctx.state.apps.get(inst.app) }))
        .filter((x) => x.app?.webhook && wants(x.app.events, event))
  if (hooks.length === 0 && apps.length === 0) return
  const r = rc(ctx)
  const sender = senderLogin(ctx)
  const payload: Json = {
    ...body,
    repository: webhookRepo(r, repo, options.unixTimes ? { unixTimes: true } : {}),
    ...(sender ? { sender: webhookUser(r, sender) } : { sender: webhookUser(r, repo.owner) }),
  }
  const sends: Promise<unknown>[] = []
  for (const hook of hooks) {
    sends.push(
      send(ctx, {
        url: hook.config.url,
        secret: hook.config.secret,
        contentType: hook.config.content_type,
        event,
        hookId: hook.id,
        targetId: repo.id,
        targetType: 'repository',
        body: JSON.stringify(payload),
        onResult: (status) => {
          // After the request that fired it: memoized reads must not keep the hook as it was.
          ctx.changed()
          hook.last_response =
            status === undefined
              ? { code: null, status: 'failed', message: 'failed to connect to host' }
              : {
                  code: status,
                  status: status < 300 ? 'active' : 'failed',
                  message: status < 300 ? 'OK' : `Invalid HTTP Response: ${status}`,
                }
        },
      }),
    )
  }
  for (const entry of apps) {
    if (!entry.app?.webhook) continue
    const withInstallation = {
      ...payload,
      installation: { id: entry.inst.id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${entry.inst.id}` },
    }
    sends.push(
      send(ctx, {
        url: entry.app.webhook.url,
        secret: entry.app.webhook.secret,
        contentType: 'json',
        event,
        hookId: entry.app.id,
        targetId: entry.app.id,
        targetType: 'integration',
        body: JSON.stringify(withInstallation),
      }),
    )
  }
  await Promise.all(sends)
}

async function send(
  ctx: Ctx,
  input: {
    url: string
    secret: string | undefined
    contentType: 'json' | 'form'
    event: string
    hookId: number
    targetId: number
    targetType: 'repository' | 'integration'
    body: string
    onResult?: (status: number | undefined) => void
  },
): Promise<void> {
  const body = input.contentType === 'form' ? `payload=${encodeURIComponent(input.body)}` : input.body
  const headers = deliveryHeaders({
    event: input.event,
    delivery: ctx.ids.uuid(),
    hookId: input.hookId,
    targetId: input.targetId,
    targetType: input.targetType,
    contentType: input.contentType,
    hookshot: HOOKSHOT,
  })
  // Not awaited: GitHub answers the API call without waiting for receivers.
  void ctx.webhooks
    .emit({
      url: input.url,
      event: input.event,
      scheme: 'github',
      secret: input.secret,
      headers,
      body,
      partition: ctx.partition,
    })
    .then((delivery) => input.onResult?.(delivery.attempts.at(-1)?.status))
}
