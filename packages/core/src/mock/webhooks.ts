import { bypass } from 'msw'
import type { Clock } from './clock'
import type { IdGenerator } from './ids'

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
  readonly headers: Record<string, string>
  readonly body: string
  status: 'pending' | 'delivered' | 'failed'
  readonly attempts: WebhookAttempt[]
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
  /** Queues a delivery; the promise settles when it was delivered or gave up. Never rejects. */
  send(options: WebhookSendOptions): Promise<WebhookDelivery>
  readonly deliveries: readonly WebhookDelivery[]
  /** Resolves when every delivery started so far has settled. */
  settled(): Promise<void>
  clear(): void
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.())

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
  const inFlight = new Set<Promise<unknown>>()

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

  async function run(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    for (let n = 0; n <= retries; n++) {
      if (n > 0) await sleep(backoff(n))
      if (await attempt(delivery)) {
        delivery.status = 'delivered'
        onDelivery?.(delivery)
        return delivery
      }
    }
    delivery.status = 'failed'
    onDelivery?.(delivery)
    return delivery
  }

  return {
    send(send) {
      const delivery: WebhookDelivery = {
        id: ids.uuid(),
        service,
        partition: send.partition ?? 'default',
        event: send.event,
        url: send.url,
        headers: send.headers,
        body: send.body,
        status: 'pending',
        attempts: [],
      }
      deliveries.push(delivery)
      onDelivery?.(delivery)
      const promise = run(delivery)
      inFlight.add(promise)
      void promise.finally(() => inFlight.delete(promise))
      return promise
    },
    get deliveries() {
      return deliveries
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
    clear() {
      deliveries.length = 0
    },
  }
}
