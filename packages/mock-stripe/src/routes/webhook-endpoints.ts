import { invalidRequest } from '../errors'
import { webhookEndpointDefaults } from '../fixtures/misc'
import { listResponse } from '../pagination'
import type { Params } from '../params'
import { json, reply } from '../present'
import { find } from '../resources/shared'
import { now } from '../runtime'
import { clone, hiddenOf, type StripeObject } from '../state'
import { op } from './define'

const EVENT_NAME = /^(\*|[a-z_]+(\.[a-z_*]+)+)$/

function readEvents(p: Params, required: boolean): string[] | undefined {
  const events = p.strings('enabled_events')
  if (events === undefined) {
    if (required) p.string('enabled_events', { required: true })
    return undefined
  }
  events.forEach((event, i) => {
    if (!EVENT_NAME.test(event)) {
      throw invalidRequest(
        `Invalid enabled_events[${i}]: must be a Stripe event type such as customer.created, or *.`,
        {
          param: `enabled_events[${i}]`,
        },
      )
    }
  })
  return events
}

function readUrl(p: Params, required: boolean): string | undefined {
  const url = p.string('url', { required })
  if (url === undefined) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('scheme')
  } catch {
    throw invalidRequest('Invalid URL: URL must be formatted as a valid URL.', {
      param: 'url',
      code: 'url_invalid',
    })
  }
  return url
}

/** @see https://docs.stripe.com/api/webhook_endpoints */
export const webhookEndpointRoutes = [
  op('POST /v1/webhook_endpoints', ({ rt, p }) => {
    p.allow('url', 'enabled_events', 'description', 'metadata', 'api_version', 'connect')
    const endpoint = webhookEndpointDefaults(rt.state.ids.next('we_', 24), now(rt))
    Object.assign(endpoint, {
      url: readUrl(p, true),
      enabled_events: readEvents(p, true),
      description: p.nullable('description') ?? null,
      metadata: p.metadata() ?? {},
      api_version: p.string('api_version') ?? null,
    })
    const secret = `whsec_${rt.state.ids.next('', 32)}`
    rt.state.collections.webhook_endpoints.set(endpoint.id, endpoint)
    rt.state.secrets.set(endpoint.id, secret)
    // Not part of the object; a Connect endpoint hears the connected accounts' events.
    hiddenOf(rt.state, endpoint.id).connect = p.bool('connect') ?? false
    // The secret is shown once, in the answer to the create call.
    return json({ ...clone(endpoint), secret })
  }),
  op('GET /v1/webhook_endpoints', ({ rt, p }) => {
    p.allow('limit', 'starting_after', 'ending_before')
    return json(
      listResponse(rt, p, rt.state.collections.webhook_endpoints.values(), {
        path: '/v1/webhook_endpoints',
        kind: 'webhook endpoint',
      }),
    )
  }),
  op('GET /v1/webhook_endpoints/{id}', ({ rt, params }) =>
    reply(rt, find(rt, 'webhook_endpoints', params.id!, 'webhook endpoint')),
  ),
  op('POST /v1/webhook_endpoints/{id}', ({ rt, p, params }) => {
    p.allow('url', 'enabled_events', 'description', 'metadata', 'disabled')
    const endpoint: StripeObject = find(rt, 'webhook_endpoints', params.id!, 'webhook endpoint')
    const url = readUrl(p, false)
    if (url) endpoint.url = url
    const events = readEvents(p, false)
    if (events) endpoint.enabled_events = events
    const description = p.nullable('description')
    if (description !== undefined) endpoint.description = description
    const metadata = p.metadata(endpoint.metadata)
    if (metadata) endpoint.metadata = metadata
    const disabled = p.bool('disabled')
    if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled'
    return reply(rt, endpoint)
  }),
  op('DELETE /v1/webhook_endpoints/{id}', ({ rt, params }) => {
    const endpoint = find(rt, 'webhook_endpoints', params.id!, 'webhook endpoint')
    rt.state.collections.webhook_endpoints.delete(endpoint.id)
    rt.state.secrets.delete(endpoint.id)
    rt.state.deleted.set(endpoint.id, 'webhook_endpoint')
    return json({ id: endpoint.id, object: 'webhook_endpoint', deleted: true })
  }),
]
