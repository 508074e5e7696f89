import { bodyOf, type Ctx, docsOf, json, noContent, pageUrl, repoFor } from '../context'
import { notFound, validationFailed } from '../errors'
import { paginate } from '../pagination'
import { fullName, type HookRecord, nextId, now, type RepoRecord } from '../state'
import { emitRepoEvent } from '../webhooks/deliver'
import { op } from './define'

const ZEN = [
  'Design for failure.',
  'Keep it logically awesome.',
  'Speak like a human.',
  'Responsive is better than fast.',
  'Non-blocking is better than blocking.',
  'Approachable is better than simple.',
]

export function renderHook(ctx: Ctx, repo: RepoRecord, hook: HookRecord): Record<string, unknown> {
  const url = `${ctx.baseUrl}/repos/${fullName(repo)}/hooks/${hook.id}`
  return {
    type: 'Repository',
    id: hook.id,
    name: hook.name,
    active: hook.active,
    events: hook.events,
    config: renderConfig(hook),
    updated_at: hook.updated_at,
    created_at: hook.created_at,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: hook.last_response,
  }
}

function renderConfig(hook: HookRecord): Record<string, unknown> {
  // GitHub never shows a hook's secret back, only that there is one.
  return {
    content_type: hook.config.content_type,
    insecure_ssl: hook.config.insecure_ssl,
    ...(hook.config.secret ? { secret: '********' } : {}),
    url: hook.config.url,
  }
}

function hookFor(ctx: Ctx, repo: RepoRecord): HookRecord {
  return repo.hooks.get(Number(ctx.params.hook_id)) ?? notFound(docsOf(ctx))
}

function applyConfig(ctx: Ctx, hook: HookRecord, config: Record<string, unknown>): void {
  if (config.url !== undefined) {
    if (typeof config.url !== 'string' || !/^https?:\/\//.test(config.url)) {
      validationFailed(
        [{ resource: 'Hook', code: 'custom', message: 'Config url is not a valid URL' }],
        docsOf(ctx),
      )
    }
    hook.config.url = config.url
  }
  if (config.content_type === 'json' || config.content_type === 'form')
    hook.config.content_type = config.content_type
  if (typeof config.secret === 'string') hook.config.secret = config.secret
  if (config.insecure_ssl !== undefined) hook.config.insecure_ssl = String(config.insecure_ssl)
}

function eventsOf(ctx: Ctx, value: unknown): string[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every((e) => typeof e === 'string')) {
    validationFailed([{ resource: 'Hook', code: 'invalid', field: 'events' }], docsOf(ctx))
  }
  return [...new Set(value as string[])]
}

async function ping(ctx: Ctx, repo: RepoRecord, hook: HookRecord): Promise<void> {
  await emitRepoEvent(
    ctx,
    repo,
    'ping',
    { zen: ZEN[hook.id % ZEN.length], hook_id: hook.id, hook: renderHook(ctx, repo, hook) },
    { only: hook },
  )
}

export const hookRoutes = [
  op('GET /repos/{owner}/{repo}/hooks', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const page = paginate([...repo.hooks.values()], ctx.query, pageUrl(ctx))
    return json(
      page.items.map((h) => renderHook(ctx, repo, h)),
      page.link ? { headers: { link: page.link } } : {},
    )
  }),

  op('POST /repos/{owner}/{repo}/hooks', async (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const body = bodyOf(ctx)
    if (body.name !== undefined && body.name !== 'web') {
      validationFailed([{ resource: 'Hook', code: 'custom', message: `Name must be "web"` }], docsOf(ctx))
    }
    const config = (body.config ?? {}) as Record<string, unknown>
    if (typeof config.url !== 'string') {
      validationFailed(
        [{ resource: 'Hook', code: 'custom', message: 'Config must contain URL.' }],
        docsOf(ctx),
      )
    }
    for (const existing of repo.hooks.values()) {
      if (existing.config.url === config.url) {
        validationFailed(
          [{ resource: 'Hook', code: 'custom', message: 'Hook already exists on this repository' }],
          docsOf(ctx),
        )
      }
    }
    const at = now(ctx.state)
    const hook: HookRecord = {
      id: nextId(ctx.state, 'hook'),
      name: 'web',
      active: body.active !== false,
      events: eventsOf(ctx, body.events) ?? ['push'],
      // GitHub's default content type is form, not JSON.
      config: { url: '', content_type: 'form', insecure_ssl: '0' },
      created_at: at,
      updated_at: at,
      last_response: { code: null, status: 'unused', message: null },
    }
    applyConfig(ctx, hook, config)
    repo.hooks.set(hook.id, hook)
    ctx.emit('hook.created', { repo: fullName(repo), id: hook.id, url: hook.config.url })
    await ping(ctx, repo, hook)
    const rendered = renderHook(ctx, repo, hook)
    return json(rendered, { status: 201, headers: { location: String(rendered.url) } })
  }),

  op('GET /repos/{owner}/{repo}/hooks/{hook_id}', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    return json(renderHook(ctx, repo, hookFor(ctx, repo)))
  }),

  op('PATCH /repos/{owner}/{repo}/hooks/{hook_id}', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const hook = hookFor(ctx, repo)
    const body = bodyOf(ctx)
    if (body.config && typeof body.config === 'object')
      applyConfig(ctx, hook, body.config as Record<string, unknown>)
    const events = eventsOf(ctx, body.events)
    if (events) hook.events = events
    const add = eventsOf(ctx, body.add_events)
    if (add) hook.events = [...new Set([...hook.events, ...add])]
    const remove = eventsOf(ctx, body.remove_events)
    if (remove) hook.events = hook.events.filter((e) => !remove.includes(e))
    if (typeof body.active === 'boolean') hook.active = body.active
    hook.updated_at = now(ctx.state)
    return json(renderHook(ctx, repo, hook))
  }),

  op('DELETE /repos/{owner}/{repo}/hooks/{hook_id}', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const hook = hookFor(ctx, repo)
    repo.hooks.delete(hook.id)
    return noContent()
  }),

  op('GET /repos/{owner}/{repo}/hooks/{hook_id}/config', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    return json(renderConfig(hookFor(ctx, repo)))
  }),

  op('PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const hook = hookFor(ctx, repo)
    applyConfig(ctx, hook, bodyOf(ctx))
    hook.updated_at = now(ctx.state)
    return json(renderConfig(hook))
  }),

  op('POST /repos/{owner}/{repo}/hooks/{hook_id}/pings', async (ctx) => {
    const repo = repoFor(ctx, 'admin')
    await ping(ctx, repo, hookFor(ctx, repo))
    return noContent()
  }),

  op('GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries', (ctx) => {
    const repo = repoFor(ctx, 'admin')
    const hook = hookFor(ctx, repo)
    const deliveries = ctx.webhooks.deliveries
      .filter((d) => d.partition === ctx.partition && d.headers['X-GitHub-Hook-ID'] === String(hook.id))
      .reverse()
    const rendered = deliveries.map((d, i) => {
      const last = d.attempts.at(-1)
      let action: string | null = null
      try {
        const body = d.body.startsWith('payload=') ? decodeURIComponent(d.body.slice(8)) : d.body
        action = (JSON.parse(body) as { action?: string }).action ?? null
      } catch {
        action = null
      }
      return {
        id: deliveries.length - i,
        guid: d.headers['X-GitHub-Delivery'],
        delivered_at: new Date(last?.at ?? ctx.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        redelivery: false,
        duration: (last?.durationMs ?? 0) / 1000,
        status:
          d.status === 'pending'
            ? 'pending'
            : last?.status
              ? last.status < 300
                ? 'OK'
                : `Invalid HTTP Response: ${last.status}`
              : 'failed to connect to host',
        status_code: last?.status ?? 0,
        event: d.event,
        action,
        installation_id: null,
        repository_id: repo.id,
        throttled_at: null,
      }
    })
    const page = paginate(rendered, ctx.query, pageUrl(ctx))
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),
]
