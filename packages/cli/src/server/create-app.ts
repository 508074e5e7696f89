import {
  assertOptions,
  credentialFromAuthorization,
  type FetchHandler,
  InvalidOptionError,
  type LoggedRequest,
  type MockEvent,
  splitUrl,
  type WebhookDelivery,
  type WebhookOptions,
} from '@understudy/core'
import { handleAdmin } from './admin'
import { dashboardResponse } from './dashboard'
import { EventHub } from './events'
import { handleMcp, MCP_PREFIX } from './mcp'
import { appOptionsSchema } from './options-schema'
import { redactEntry, redactRecord } from './redact'
import type { ReplayLayer } from './replay'
import { checkSeedApplies, type SeedData, validateSeedData, withSeedSource } from './seed-file'
import {
  isServiceName,
  routeFor,
  SERVICE_NAMES,
  SERVICES,
  type ServiceName,
  type ServiceOptions,
  type UnderstudyMock,
  type UnderstudyMocks,
} from './services'
import { collectSecrets, type SignatureStatus, signatureStatus } from './signature'

export const DEFAULT_PARTITION = 'default'
export const ADMIN_PREFIX = '/_understudy'

export interface UnderstudyAppOptions {
  /** Services to mount (default: every installed mock). */
  services?: readonly ServiceName[]
  /** Fixture state per service; every credential partition starts from it and `reset` returns to it. */
  seed?: SeedData
  /** Options for the mocks the server creates, per service (rate limits, Slack events, strict OpenAI...). */
  serviceOptions?: ServiceOptions
  /** Bring your own mock instances (configured as you like) instead of the default ones. */
  mocks?: Partial<Record<ServiceName, UnderstudyMock>>
  /** Webhook delivery settings given to every mock the server creates. */
  webhooks?: WebhookOptions
  /** Requests kept per service for the log and the dashboard. Default 10 000. */
  logLimit?: number
  /** Recorded interactions served before the mocks (`serve --replay`). */
  replay?: ReplayLayer
  /** Where `GET /_understudy/cassettes` looks for cassettes. */
  cassetteDir?: string
  /**
   * Credential partitions kept per service; beyond it the least recently used idle one is dropped
   * (its credential starts again from the seed). Default 1000.
   */
  maxPartitions?: number
}

/** A delivery as the admin API and the dashboard show it. */
export interface DeliveryView extends Omit<WebhookDelivery, 'status' | 'attempts'> {
  status: WebhookDelivery['status']
  attempts: WebhookDelivery['attempts']
  signature: SignatureStatus
  /** The receiver's last answer. */
  response: { status?: number; body?: string; error?: string } | null
}

/** Everything the server serves, without the network: the admin API, the dashboard and the mocks. */
export interface UnderstudyApp {
  /** The whole server as a fetch-style handler: `await app.handler(new Request(...))`. */
  readonly handler: FetchHandler
  readonly mocks: UnderstudyMocks
  readonly services: readonly ServiceName[]
  readonly events: EventHub
  readonly replay: ReplayLayer | undefined
  readonly cassetteDir: string | undefined
  /** Requests across services and partitions (replayed ones included), oldest first. */
  requests(): LoggedRequest[]
  /** Every webhook delivery, oldest first, secrets masked. */
  deliveries(): Promise<DeliveryView[]>
  deliveryView(delivery: WebhookDelivery): Promise<DeliveryView>
  /** The partition limit per service, and how many partitions each holds now. */
  partitionInfo(): { limit: number; count: Record<string, number> }
  /** Every partition's state, per service. */
  state(): Record<string, Record<string, unknown>>
  /** Resets one service, or all of them. */
  reset(service?: ServiceName): void
  /** Seeds a partition of each service named in `data`. */
  seed(data: SeedData, partition?: string): void
  /** Resolves when every webhook delivery started so far has settled. */
  settled(): Promise<void>
  /** Stops listening to the mocks. */
  dispose(): void
}

/** The partition the admin API acts on: the credential in the request's Authorization header. */
export function partitionOf(request: Request): string {
  return credentialFromAuthorization(request.headers.get('authorization')) ?? DEFAULT_PARTITION
}

function notMounted(pathname: string, services: readonly ServiceName[]): Response {
  const mounts: Record<string, string> = {}
  for (const name of services) mounts[name] = SERVICES[name].prefixes.map((p) => `${p}/`).join(' and ')
  return Response.json(
    {
      error: `[understudy:cli] Nothing is served at ${pathname}. Mounted services: ${
        services.map((s) => `${s} at ${mounts[s]}`).join(', ') || 'none'
      }; admin API at ${ADMIN_PREFIX}/; dashboard at /.`,
      services: mounts,
    },
    { status: 404 },
  )
}

function resolveServices(options: UnderstudyAppOptions): ServiceName[] {
  const requested = options.services ?? SERVICE_NAMES
  for (const name of requested) {
    if (!isServiceName(name))
      throw new InvalidOptionError(
        'services',
        `"${String(name)}" is not a service. Use some of: ${SERVICE_NAMES.join(', ')}.`,
      )
  }
  // Keep the canonical order so listings read the same whatever order the caller used.
  return SERVICE_NAMES.filter((name) => requested.includes(name))
}

/**
 * Builds the standalone server's request handler: every mock under its prefix, state partitioned by
 * credential, the admin API under `/_understudy/`, the dashboard at `/`.
 *
 * @example
 * const app = createUnderstudyApp({ services: ['github'] })
 * const res = await app.handler(new Request('http://localhost/github/repos/octo/hello', { headers: { authorization: 'token ghp_test' } }))
 */
export function createUnderstudyApp(options: UnderstudyAppOptions = {}): UnderstudyApp {
  const services = resolveServices(options)
  assertOptions(appOptionsSchema, options, { prefix: '[understudy:cli]' })
  const own = Object.keys(options.mocks ?? {}) as ServiceName[]
  const seed = options.seed ? validateSeedData(options.seed, 'the seed option', { own }) : {}
  // Typed loosely inside; `app.mocks` gives callers each service's own type.
  const mocks: Partial<Record<ServiceName, UnderstudyMock>> = {}
  for (const name of services) {
    const provided = options.mocks?.[name]
    if (provided) {
      if (seed[name] !== undefined)
        throw new InvalidOptionError(
          'seed',
          `"${name}" has both seed data and a mock instance of your own. Give the seed to your mock's factory instead: ${SERVICES[name].factoryName}({ seed, partitionBy: 'credential' }).`,
        )
      mocks[name] = provided
      continue
    }
    const factory = SERVICES[name].factory
    mocks[name] = withSeedSource(seed, name, () =>
      factory({
        ...(options.webhooks ? { webhooks: options.webhooks } : {}),
        ...(options.logLimit !== undefined ? { logLimit: options.logLimit } : {}),
        ...(options.maxPartitions !== undefined ? { maxPartitions: options.maxPartitions } : {}),
        ...(options.serviceOptions?.[name] as Record<string, unknown> | undefined),
        ...(seed[name] !== undefined ? { seed: seed[name] } : {}),
        partitionBy: 'credential',
      }),
    )
  }
  checkSeedApplies(seed, mocks)
  const mounted = new Set(services)
  const events = new EventHub()
  const replayLog: LoggedRequest[] = []
  const replayLimit = options.logLimit ?? 10_000

  // The secrets a delivery may be signed with: hooks and endpoints in the live state (snapshots leave
  // them out), Slack's signing secret, endpoints given as options.
  // `cache` holds one listing's secrets per partition: walking the state once per delivery made the
  // listing grow with deliveries × state.
  function secretsFor(partition: string, cache?: Map<string, Set<string>>): Set<string> {
    const cached = cache?.get(partition)
    if (cached) return cached
    const secrets = collectSecrets(options.serviceOptions)
    for (const mock of Object.values(mocks)) {
      if (mock.partitions().includes(partition)) collectSecrets(mock.state(partition), secrets)
      collectSecrets((mock as { events?: { options?: unknown } }).events?.options, secrets)
    }
    cache?.set(partition, secrets)
    return secrets
  }

  async function deliveryView(
    delivery: WebhookDelivery,
    cache?: Map<string, Set<string>>,
  ): Promise<DeliveryView> {
    const last = delivery.attempts.at(-1)
    return redactRecord({
      ...delivery,
      attempts: [...delivery.attempts],
      // The delivery record carries the secret it was signed with (not enumerable, never serialised).
      signature: await signatureStatus(
        delivery,
        delivery.secret ? new Set([delivery.secret]) : secretsFor(delivery.partition, cache),
      ),
      response: last
        ? {
            ...(last.status !== undefined ? { status: last.status } : {}),
            ...(last.responseBody !== undefined ? { body: last.responseBody } : {}),
            ...(last.error !== undefined ? { error: last.error } : {}),
          }
        : null,
    })
  }

  const unsubscribe = Object.values(mocks).map((mock) =>
    mock.on((event: MockEvent) => {
      if (events.size === 0) return
      if (event.type === 'request') events.publish('request', redactEntry(event.entry))
      else if (event.type === 'webhook')
        void deliveryView(event.delivery).then((view) => events.publish('webhook', view))
      else if (event.type === 'state')
        events.publish('state', { service: event.service, partition: event.partition, event: event.event })
      else events.publish('reset', { service: event.service })
    }),
  )

  const app: UnderstudyApp = {
    handler: async (request) => {
      // A Request's URL is serialised already: cut, not parsed again, per request.
      const { pathname } = splitUrl(request.url)
      if (pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`))
        return handleAdmin(app, request, pathname.slice(ADMIN_PREFIX.length) || '/')
      if (pathname === '/' || pathname === '/index.html') return dashboardResponse(request)
      if (pathname.startsWith(`${MCP_PREFIX}/`)) return handleMcp(request, pathname, mocks)
      const route = routeFor(pathname, mounted)
      if (options.replay) {
        const replayed = await options.replay.handle(request, route)
        if (replayed) {
          const entry = replayed.entry
          replayLog.push(entry)
          if (replayLog.length > replayLimit) replayLog.splice(0, replayLog.length - replayLimit)
          events.publish('request', redactEntry(entry))
          return replayed.response
        }
      }
      if (!route) return notMounted(pathname, services)
      return mocks[route.service]!.handle(request, { basePath: route.basePath })
    },
    mocks: mocks as UnderstudyMocks,
    services,
    events,
    replay: options.replay,
    cassetteDir: options.cassetteDir,
    requests() {
      const all: LoggedRequest[] = [...replayLog]
      for (const mock of Object.values(mocks)) all.push(...mock.requests)
      return all.sort((a, b) => a.startedAt - b.startedAt)
    },
    async deliveries() {
      const all = Object.values(mocks).flatMap((mock) => [...mock.webhooks.deliveries])
      const cache = new Map<string, Set<string>>()
      const views = await Promise.all(all.map((delivery) => deliveryView(delivery, cache)))
      return views.sort((a, b) => (a.attempts[0]?.at ?? 0) - (b.attempts[0]?.at ?? 0))
    },
    deliveryView: (delivery) => deliveryView(delivery),
    partitionInfo() {
      const count: Record<string, number> = {}
      for (const name of services) count[name] = mocks[name]!.partitions().length
      return { limit: options.maxPartitions ?? 1000, count }
    },
    state() {
      const out: Record<string, Record<string, unknown>> = {}
      for (const name of services) {
        const mock = mocks[name]!
        const partitions = mock.partitions()
        if (!partitions.includes(DEFAULT_PARTITION)) partitions.unshift(DEFAULT_PARTITION)
        out[name] = Object.fromEntries(partitions.map((p) => [p, mock.snapshot(p)]))
      }
      return out
    },
    reset(service) {
      for (const name of service ? [service] : services) mocks[name]?.reset()
      if (!service) replayLog.length = 0
    },
    seed(data, partition = DEFAULT_PARTITION) {
      const checked = validateSeedData(data, 'the seed request', { own })
      const names = Object.keys(checked) as ServiceName[]
      // Every check comes before the first change, so a bad request seeds nothing.
      for (const name of names)
        if (!mocks[name])
          throw new InvalidOptionError(
            'seed',
            `the ${name} service is not mounted on this server (mounted: ${services.join(', ') || 'none'}).`,
          )
      for (const name of names) mocks[name]!.seed(checked[name], { partition })
      events.publish('state', { service: Object.keys(checked).join(','), partition, event: 'seed' })
    },
    async settled() {
      // A delivery from one mock can make its receiver call another (a GitHub event → a Slack post →
      // a Slack event): settle them all again until a round changes nothing.
      const activity = () =>
        Object.values(mocks).reduce(
          (n, mock) => n + mock.requests.length + mock.webhooks.deliveries.length,
          0,
        )
      for (let before = -1; before !== activity(); ) {
        before = activity()
        await Promise.all(Object.values(mocks).map((mock) => mock.webhooks.settled()))
      }
    },
    dispose() {
      for (const off of unsubscribe) off()
      events.clear()
    },
  }
  return app
}
