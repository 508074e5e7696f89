import { github } from '@understudy/signature-utils'
import type { TriageClients } from './clients'
import { type TriageOptions, type TriageResult, triageIssue } from './triage'

export interface AgentOptions extends TriageOptions {
  webhookSecret: string
  log?: (line: string) => void
}

export interface TriageAgent {
  /** The agent as a web-standard handler: serve it with node:http, Hono, Bun or a test. */
  fetch(request: Request): Promise<Response>
  /** Results of the issues triaged so far, newest last. */
  readonly results: readonly TriageResult[]
}

interface IssuesEvent {
  action: string
  issue: { number: number; title: string; body?: string | null; user: { login: string }; html_url?: string }
  repository: { name: string; owner: { login: string } }
}

/**
 * The triage agent: receives GitHub `issues` webhooks on POST /webhooks/github, verifies
 * X-Hub-Signature-256 over the raw body, and triages opened issues.
 *
 * @example
 * const agent = createTriageAgent(createClients(config), { webhookSecret, model: 'gpt-4o-mini', slackChannel: '#triage' })
 */
export function createTriageAgent(clients: TriageClients, options: AgentOptions): TriageAgent {
  const results: TriageResult[] = []
  // GitHub signatures carry no timestamp, so a captured delivery could be replayed; the delivery id
  // is unique per delivery, so remembering it makes a replay harmless.
  const seenDeliveries = new Set<string>()
  const log = options.log ?? (() => {})

  async function handleWebhook(request: Request): Promise<Response> {
    const raw = await request.text()
    const signature = request.headers.get('x-hub-signature-256') ?? ''
    if (!(await github.verify(options.webhookSecret, raw, signature))) {
      log('rejected a webhook with a missing or invalid signature')
      return Response.json({ error: 'invalid signature' }, { status: 401 })
    }
    const delivery = request.headers.get('x-github-delivery')
    if (delivery) {
      if (seenDeliveries.has(delivery))
        return Response.json({ status: 'duplicate delivery ignored' }, { status: 200 })
      seenDeliveries.add(delivery)
    }
    const event = request.headers.get('x-github-event')
    if (event === 'ping') return Response.json({ status: 'pong' })
    if (event !== 'issues') return Response.json({ status: `ignored event ${event}` }, { status: 202 })
    let payload: IssuesEvent
    try {
      payload = JSON.parse(raw) as IssuesEvent
    } catch {
      return Response.json({ error: 'body is not JSON' }, { status: 400 })
    }
    if (payload.action !== 'opened')
      return Response.json({ status: `ignored action ${payload.action}` }, { status: 202 })
    const result = await triageIssue(
      clients,
      {
        owner: payload.repository.owner.login,
        repo: payload.repository.name,
        number: payload.issue.number,
        title: payload.issue.title,
        body: payload.issue.body ?? null,
        author: payload.issue.user.login,
        ...(payload.issue.html_url ? { url: payload.issue.html_url } : {}),
      },
      options,
    )
    results.push(result)
    log(
      `triaged ${result.issue.owner}/${result.issue.repo}#${result.issue.number}: ${result.priority} [${result.labels.join(', ')}]` +
        (result.errors.length
          ? ` with ${result.errors.length} degraded step(s): ${result.errors.join('; ')}`
          : ''),
    )
    return Response.json(result)
  }

  return {
    results,
    async fetch(request) {
      const { pathname } = new URL(request.url)
      if (request.method === 'GET' && pathname === '/health') return Response.json({ ok: true })
      if (request.method === 'POST' && (pathname === '/webhooks/github' || pathname === '/'))
        return handleWebhook(request)
      return Response.json({ error: `No route for ${request.method} ${pathname}` }, { status: 404 })
    },
  }
}
