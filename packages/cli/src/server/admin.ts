import { isUnderstudyError } from '@understudy/core'
import { BadRequest, faultBody, objectBody, refusePartitionField } from './admin-bodies'
import { listCassettes } from './cassettes'
import { DEFAULT_PARTITION, partitionOf, type UnderstudyApp } from './create-app'
import { formatSse } from './events'
import { redact, redactEntry } from './redact'
import { isServiceName, type ServiceName } from './services'

function json(value: unknown, status = 200): Response {
  return Response.json(value, { status, headers: { 'cache-control': 'no-store' } })
}

function problem(status: number, message: string): Response {
  return json({ error: message.startsWith('[understudy') ? message : `[understudy:cli] ${message}` }, status)
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text()
  if (!text.trim()) return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new BadRequest(`The body is not valid JSON (${(error as Error).message}). Send application/json.`)
  }
}

function serviceParam(app: UnderstudyApp, url: URL): ServiceName | undefined {
  const service = url.searchParams.get('service')
  if (service === null || service === '') return undefined
  if (!isServiceName(service) || !app.services.includes(service))
    throw new BadRequest(`Unknown service "${service}". Mounted: ${app.services.join(', ')}.`)
  return service
}

/** Bytes a fetch-style subscriber may leave unread before its stream is ended. */
const MAX_UNREAD = 1024 * 1024

/**
 * `GET /_understudy/events` through the fetch handler (in-process use; over HTTP the server's own
 * EventStreams serves it): a subscriber that stops reading is ended rather than buffered without end.
 */
function eventStream(app: UnderstudyApp): Response {
  let off: (() => void) | undefined
  let keepAlive: ReturnType<typeof setInterval> | undefined
  const encoder = new TextEncoder()
  const stop = () => {
    off?.()
    clearInterval(keepAlive)
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const send = (text: string) => {
          if ((controller.desiredSize ?? 0) < -MAX_UNREAD) {
            stop()
            controller.close()
            return
          }
          controller.enqueue(encoder.encode(text))
        }
        send(': connected\n\n')
        off = app.events.subscribe((event) => send(formatSse(event)))
        keepAlive = setInterval(() => send(': ping\n\n'), 15_000)
        keepAlive.unref?.()
      },
      cancel: stop,
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  )
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' },
  })
}

// Anthropic and Gemini clients carry their key in their own header; the admin call may too.
const KEY_HEADERS = { anthropic: 'x-api-key', gemini: 'x-goog-api-key' } as const

/** `POST /_understudy/<llm>/replies`: queues `reply()` arguments for the caller's partition. */
async function queueReplies(
  app: UnderstudyApp,
  request: Request,
  service: 'anthropic' | 'gemini',
): Promise<Response> {
  const mock = app.mocks[service]
  if (!mock?.reply) return problem(404, `The ${service} service is not mounted on this server.`)
  const body = await readJson(request)
  if (body === undefined)
    throw new BadRequest('Send a reply, e.g. {"content":"Hello"} or [{"content":"a"},{"content":"b"}].')
  const fromAuthorization = partitionOf(request)
  const partition =
    fromAuthorization === DEFAULT_PARTITION
      ? (request.headers.get(KEY_HEADERS[service]) ?? fromAuthorization)
      : fromAuthorization
  const replies = Array.isArray(body) ? body : [body]
  for (const reply of replies) mock.reply(reply as never, { partition })
  app.events.publish('state', { service, partition, event: 'replies.queued' })
  return json({ ok: true, partition, queued: replies.length })
}

type AdminRoute = (app: UnderstudyApp, request: Request, url: URL) => Response | Promise<Response>

const routes: Record<string, AdminRoute> = {
  'GET /health': () => json({ ok: true }),

  'GET /info': (app, _request, url) =>
    json({
      services: app.services,
      baseUrls: Object.fromEntries(
        app.services.map((name) => [
          name,
          name === 'stripe' ? `${url.origin}/v1` : `${url.origin}/${name}${name === 'slack' ? '/api' : ''}`,
        ]),
      ),
      replay: app.replay?.cassettes ?? [],
      cassetteDir: app.cassetteDir ?? null,
      partitions: app.partitionInfo(),
    }),

  'GET /requests': (app, _request, url) => {
    const service = serviceParam(app, url)
    const partition = url.searchParams.get('partition')
    const limit = Number(url.searchParams.get('limit') ?? Number.NaN)
    let requests = app.requests()
    if (service) requests = requests.filter((r) => r.service === service)
    if (partition) requests = requests.filter((r) => r.partition === partition)
    if (Number.isInteger(limit) && limit >= 0) requests = requests.slice(Math.max(0, requests.length - limit))
    return json({ requests: requests.map(redactEntry) })
  },

  'POST /reset': (app, _request, url) => {
    app.reset(serviceParam(app, url))
    return json({ ok: true })
  },

  'POST /seed': async (app, request) => {
    const body = (await readJson(request)) ?? {}
    const data = objectBody(body, 'The seed', '{"github":{"repos":[{"full_name":"octo/hello"}]}}')
    refusePartitionField(data, 'The seed')
    const partition = partitionOf(request)
    app.seed(data, partition)
    return json({ ok: true, partition })
  },

  'POST /openai/replies': async (app, request) => {
    const openai = app.mocks.openai
    if (!openai?.reply) return problem(404, 'The openai service is not mounted on this server.')
    const body = await readJson(request)
    if (body === undefined)
      throw new BadRequest('Send a reply, e.g. {"content":"Hello"} or [{"content":"a"},{"content":"b"}].')
    const partition = partitionOf(request)
    const replies = Array.isArray(body) ? body : [body]
    if (replies.length === 0) throw new BadRequest('Send at least one reply, e.g. {"content":"Hello"}.')
    replies.forEach((reply, i) => {
      const fields = objectBody(reply, `Reply ${i}`, '{"content":"Hello"}')
      refusePartitionField(fields, `Reply ${i}`)
    })
    // One reply() call for the list: a bad entry refuses them all, so nothing is half-queued.
    openai.reply(replies, { partition })
    app.events.publish('state', { service: 'openai', partition, event: 'replies.queued' })
    return json({ ok: true, partition, queued: replies.length })
  },

  'POST /anthropic/replies': (app, request) => queueReplies(app, request, 'anthropic'),

  'POST /gemini/replies': (app, request) => queueReplies(app, request, 'gemini'),

  'POST /slack/events': async (app, request) => {
    const slack = app.mocks.slack
    if (!slack) return problem(404, 'The slack service is not mounted on this server.')
    const body = objectBody(
      await readJson(request),
      "The app's Events API settings",
      '{"requestUrl":"http://127.0.0.1:3000/slack/events","signingSecret":"slack_signing_test"}',
    )
    refusePartitionField(body, "The app's Events API settings")
    const known = ['requestUrl', 'interactivityUrl', 'signingSecret', 'types', 'verificationToken']
    for (const key of Object.keys(body))
      if (!known.includes(key))
        throw new BadRequest(
          `The Events API settings have an unknown key "${key}". Use some of: ${known.join(', ')}.`,
        )
    // A credential configures its own partition's app; without one, the mock-wide settings.
    const partition = partitionOf(request)
    const scope = partition === DEFAULT_PARTITION ? {} : { partition }
    slack.events.configure(body, scope)
    const options = scope.partition ? slack.events.optionsFor(scope.partition) : slack.events.options
    return json({
      ok: true,
      events: { ...options, signingSecret: options.signingSecret ? '[set]' : undefined },
    })
  },

  'POST /faults': async (app, request) => {
    const { service, fault } = faultBody(await readJson(request))
    if (!isServiceName(service) || !app.mocks[service])
      throw new BadRequest(
        `Name the service the fault is for, e.g. {"service":"github","path":"/repos/:owner/:repo/issues","status":500}. Mounted: ${app.services.join(', ')}.`,
      )
    const partition = request.headers.get('authorization') ? partitionOf(request) : undefined
    app.mocks[service]!.fail({ ...(partition ? { partition } : {}), ...fault })
    return json({ ok: true, service, ...(partition ? { partition } : {}) })
  },

  'GET /webhooks': async (app) => json({ deliveries: await app.deliveries() }),

  'GET /state': (app, _request, url) => {
    const service = serviceParam(app, url)
    const state = app.state()
    return json({ state: redact(service ? { [service]: state[service] } : state) })
  },

  'GET /cassettes': async (app) => json(await listCassettes(app.cassetteDir, app.replay?.cassettes ?? [])),

  'GET /events': (app) => eventStream(app),
}

/** Serves `/_understudy/*`: the admin JSON API the DESIGN contract fixes, plus the dashboard's feeds. */
export async function handleAdmin(app: UnderstudyApp, request: Request, path: string): Promise<Response> {
  const url = new URL(request.url)
  const key = `${request.method.toUpperCase()} ${path.replace(/\/+$/, '') || '/'}`
  const route = routes[key]
  if (!route) {
    const allowed = Object.keys(routes).filter((k) => k.endsWith(` ${path}`))
    if (allowed.length > 0)
      return problem(
        405,
        `${request.method} is not allowed on /_understudy${path}; use ${allowed.join(' or ')}.`,
      )
    return problem(
      404,
      `No admin endpoint /_understudy${path}. Endpoints: ${Object.keys(routes)
        .map((k) => k.replace(' ', ' /_understudy'))
        .join(', ')}.`,
    )
  }
  try {
    return await route(app, request, url)
  } catch (error) {
    if (error instanceof BadRequest) return problem(400, error.message)
    // Bad seed data or bad options: the mocks' own typed errors say what is wrong and how to fix it.
    if (isUnderstudyError(error)) return problem(400, error.message)
    return problem(500, `Failed to serve ${key}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
