import type { WebhookDispatcher } from '@understudy/core'
import { now, type Runtime } from '../runtime'
import { clone, type StripeObject, type StripeState } from '../state'

const isPlain = (v: unknown): v is StripeObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !('object' in v)

/**
 * `previous_attributes`: the values that changed, as they were. Nested hashes (metadata, addresses) list
 * only their changed keys; a key that did not exist before shows as null.
 */
export function previousAttributes(before: StripeObject, after: StripeObject): StripeObject | undefined {
  const out: StripeObject = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key]
    const b = after[key]
    if (JSON.stringify(a) === JSON.stringify(b)) continue
    out[key] = isPlain(a) && isPlain(b) ? (previousAttributes(a, b) ?? {}) : (a ?? null)
  }
  return Object.keys(out).length ? out : undefined
}

function matches(endpoint: StripeObject, type: string): boolean {
  const enabled = endpoint.enabled_events as string[]
  return endpoint.status === 'enabled' && (enabled.includes('*') || enabled.includes(type))
}

/**
 * Records an Event for a state change and queues a signed delivery to every enabled endpoint that
 * listens for its type. Deliveries go out when the request that caused them has been answered.
 *
 * @see https://docs.stripe.com/api/events/object
 */
export function emitEvent(
  rt: Runtime,
  type: string,
  object: StripeObject,
  previous?: StripeObject,
  options: { created?: number } = {},
): StripeObject {
  const { state } = rt
  // A connected account's events go to the platform's Connect endpoints; the platform's to the others.
  const platform = state.platform ?? state
  const endpoints = [...platform.collections.webhook_endpoints.values()].filter(
    (e) => matches(e, type) && Boolean(platform.hidden.get(e.id)?.connect) === (state.account !== null),
  )
  const event: StripeObject = {
    id: state.ids.next('evt_'),
    object: 'event',
    ...(state.account ? { account: state.account } : {}),
    api_version: rt.apiVersion,
    created: options.created ?? now(rt),
    data: { object: clone(object), ...(previous ? { previous_attributes: clone(previous) } : {}) },
    livemode: false,
    pending_webhooks: endpoints.length,
    request: { ...rt.request },
    type,
  }
  state.collections.events.set(event.id, event)
  for (const endpoint of endpoints) {
    const body = JSON.stringify(
      { ...event, ...(endpoint.api_version ? { api_version: endpoint.api_version } : {}) },
      null,
      2,
    )
    state.outbox.push({ url: endpoint.url, secret: state.secrets.get(endpoint.id) ?? '', type, body })
  }
  return event
}

/**
 * Hands the queued deliveries to core's webhook pipeline, which signs (`Stripe-Signature`, wall-clock
 * timestamp as Stripe's: test clocks do not move it, so `stripe.webhooks.constructEvent` accepts it with
 * its default tolerance), delivers in order and retries.
 */
export function flushDeliveries(state: StripeState, webhooks: WebhookDispatcher): void {
  for (const delivery of state.outbox.splice(0)) {
    void webhooks.emit({
      url: delivery.url,
      event: delivery.type,
      scheme: 'stripe',
      secret: delivery.secret,
      headers: {
        accept: '*/*; q=0.5, application/xml',
        'cache-control': 'no-cache',
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
      body: delivery.body,
      partition: state.partition,
    })
  }
}
