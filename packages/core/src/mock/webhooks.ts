import { bypass } from 'msw'
import type { Clock } from './clock'
import type { IdGenerator } from './ids'
import { signatureHeaders, type WebhookScheme } from './webhook-signing'

export type { WebhookScheme } from './webhook-signing'

export interface WebhookAttempt {
  readonly at: number
  readonly status?: number
  readonly error?: string
  readonly durationMs: number
  readonly responseBody?: string
}

/** One webhook delivery and what became of it. */
export interface WebhookDelivery {
  readonly id: string
  readonly service: string
  readonly partition: string
  /** The service's event name: `issues`, `customer.created`, `event_callback`... */
  readonly event: string
  readonly url: string
  /** What was sent, signature headers included (filled in once signing finished). */
  readonly headers: Record<string, string>
  readonly body: string
  /** How it was signed; with `secret` the signature can be checked again (`verifyDelivery`). */
  readonly scheme: WebhookScheme
  /**
   * The secret it was signed with. Not enumerable, so `JSON.stringify` (admin API, dashboard, logs)
   * never writes it out; code that holds the record can still verify with it.
   */
  readonly secret?: string
  status: 'pending' | 'delivered' | 'failed'
  readonly attempts: WebhookAttempt[]
}

/** What a mock hands to the pipeline: core signs it, delivers it in order, retries and records it. */
export interface WebhookMessage {
  url: string
  /** The service's event name, for the record (`issues`, `customer.created`...). */
  event: string
  /** The exact body text; the signature is computed over it. */
  body: string
  scheme: WebhookScheme
  /** The endpoint's secret; without one the delivery goes unsigned. */
  secret?: string | undefined
  /** The service's other headers (Content-Type, User-Agent, event name...); signature headers are added. */
  headers?: Record<string, string>
  partition?: string
  /** Standard Webhooks `webhook-id`. */
  signatureId?: string
  /** The signed timestamp, Unix seconds (default: wall-clock now). */
  timestamp?: number
}

export interface WebhookSendOptions {
  url: string
  event: string
  headers: Record<string, string>
  body: string
  partition?: string
}

export interface WebhookOptions {
  /**
   * How a delivery is sent. Default: global `fetch`, marked with msw's `bypass()` so an msw server in
   * the same process lets it through to a real receiver. Give your app's `fetch`-style handler to
   * deliver in-process.
   */
  transport?: (request: Request) => Promise<Response>
  /** Retries after a failed attempt (network error or non-2xx). Default 2. */
  retries?: number
  /** Wait before retry `n` (1-based), in ms. Default 100 · 2^(n-1). */
  backoff?: (attempt: number) => number
  /** Per-attempt timeout in ms. Default 10 000. */
  timeoutMs?: number
  /** How waits happen; tests can pass a function that resolves at once. */
  sleep?: (ms: number) => Promise<void>
}

export interface WebhookDispatcher {
  /**
   * Signs and queues a delivery. Deliveries to one URL from one partition go out one after another,
   * in the order they were emitted. The promise settles when it was delivered or gave up; never rejects.
   */
  emit(message: WebhookMessage): Promise<WebhookDelivery>
  /** Queues a delivery whose headers are already complete (signed by the caller). Never rejects. */
  send(options: WebhookSendOptions): Promise<WebhookDelivery>
  readonly deliveries: readonly WebhookDelivery[]
  /**
   * Resolves when the mock is quiet: no signing or delivery in flight, no request being served, and
   * none started during one more turn of the event loop. So a receiver whose handling of a delivery
   * calls the mock again (an agent's `addLabels` firing `labeled`) is waited for, cascade after cascade.
   */
  settled(): Promise<void>
  /**
   * Counts `work` (a request being served) as activity that `settled()` waits for.
   * @internal used by `createServiceMock`
   */
  track<T>(work: Promise<T>): Promise<T>
  clear(): void
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.())
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** @example const dispatcher = createWebhookDispatcher({ service: 'github', clock, ids }) */
export function createWebhookDispatcher(options: {
  service: string
  clock: Clock
  ids: IdGenerator
  webhooks?: WebhookOptions
  onDelivery?: (delivery: WebhookDelivery) => void
}): WebhookDispatcher {
  const { service, clock, ids, onDelivery } = options
  const config = options.webhooks ?? {}
  const transport = config.transport ?? ((request: Request) => fetch(bypass(request)))
  const retries = config.retries ?? 2
  const backoff = config.backoff ?? ((n: number) => 100 * 2 ** (n - 1))
  const timeoutMs = config.timeoutMs ?? 10_000
  const sleep = config.sleep ?? defaultSleep
  const deliveries: WebhookDelivery[] = []
  // Work in flight (requests being served, deliveries), and who waits for it to reach none.
  let pending = 0
  const idle: (() => void)[] = []
  const done = () => {
    if (--pending > 0) return
    for (const resolve of idle.splice(0)) resolve()
  }
  // The last delivery queued per partition and URL: the next one waits for it.
  const queues = new Map<string, Promise<unknown>>()
  let activity = 0

  function track<T>(work: Promise<T>): Promise<T> {
    activity++
    pending++
    // One shared callback, not a closure and a Set entry per request: every request is tracked.
    void work.then(done, done)
    return work
  }

  async function attempt(delivery: WebhookDelivery): Promise<boolean> {
    const started = performance.now()
    const at = clock.now()
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await transport(
        new Request(delivery.url, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.body,
          signal: controller.signal,
        }),
      )
      const responseBody = await response.text().catch(() => '')
      delivery.attempts.push({
        at,
        status: response.status,
        durationMs: performance.now() - started,
        responseBody,
      })
      return response.ok
    } catch (error) {
      delivery.attempts.push({
        at,
        error: error instanceof Error ? error.message : String(error),
        durationMs: performance.now() - started,
      })
      return false
    } finally {
      clearTimeout(timer)
    }
  }

  function finish(delivery: WebhookDelivery, status: 'delivered' | 'failed'): WebhookDelivery {
    delivery.status = status
    onDelivery?.(delivery)
    return delivery
  }

  async function run(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    for (let n = 0; n <= retries; n++) {
      if (n > 0) await sleep(backoff(n))
      if (await attempt(delivery)) return finish(delivery, 'delivered')
    }
    return finish(delivery, 'failed')
  }

  function record(
    message: Omit<WebhookMessage, 'scheme'> & { scheme?: WebhookScheme; headers: Record<string, string> },
  ): WebhookDelivery {
    const delivery = {
      id: ids.uuid(),
      service,
      partition: message.partition ?? 'default',
      event: message.event,
      url: message.url,
      headers: message.headers,
      body: message.body,
      scheme: message.scheme ?? 'none',
      status: 'pending',
      attempts: [],
    } as WebhookDelivery
    if (message.secret)
      Object.defineProperty(delivery, 'secret', { value: message.secret, enumerable: false })
    deliveries.push(delivery)
    onDelivery?.(delivery)
    return delivery
  }

  /** Runs `prepare` (signing) at once, but the attempt only after the previous delivery to the same place. */
  function enqueue(delivery: WebhookDelivery, prepare: Promise<unknown>): Promise<WebhookDelivery> {
    const key = `${delivery.partition} ${delivery.url}`
    const previous = queues.get(key)
    const promise = (async () => {
      try {
        await prepare
      } catch (error) {
        delivery.attempts.push({
          at: clock.now(),
          error: `signing failed: ${error instanceof Error ? error.message : String(error)}`,
          durationMs: 0,
        })
        await previous
        return finish(delivery, 'failed')
      }
      await previous
      return run(delivery)
    })()
    queues.set(key, promise)
    void promise.then(() => {
      if (queues.get(key) === promise) queues.delete(key)
    })
    return track(promise)
  }

  return {
    emit(message) {
      const headers: Record<string, string> = { ...message.headers }
      const delivery = record({ ...message, headers })
      const signing = signatureHeaders({
        scheme: message.scheme,
        secret: message.secret,
        body: message.body,
        id: message.signatureId,
        timestamp: message.timestamp,
      }).then((signed) => Object.assign(headers, signed))
      return enqueue(delivery, signing)
    },
    send(send) {
      return enqueue(record(send), Promise.resolve())
    },
    get deliveries() {
      return deliveries
    },
    track,
    async settled() {
      for (;;) {
        while (pending > 0) await new Promise<void>((resolve) => idle.push(resolve))
        const seen = activity
        // A receiver that answered and carries on in the background calls back within a turn or two.
        await nextTurn()
        if (pending === 0 && activity === seen) return
      }
    },
    clear() {
      deliveries.length = 0
    },
  }
}
