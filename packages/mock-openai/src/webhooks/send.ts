import type { Clock, IdGenerator, WebhookDispatcher } from '@understudy/core'
import type { OpenAIConfig } from '../config'

/** What sending a webhook needs from the request (or the call) that caused it. */
export interface WebhookSource {
  webhooks: WebhookDispatcher
  partition: string
  clock: Clock
  ids: IdGenerator
}

/** Sends a signed event (`response.completed`...) to every webhook endpoint that takes it. */
export function sendWebhook(
  config: Pick<OpenAIConfig, 'webhookEndpoints'>,
  source: WebhookSource,
  type: string,
  data: Record<string, unknown>,
): void {
  for (const endpoint of config.webhookEndpoints) {
    if (endpoint.events && !endpoint.events.includes(type)) continue
    const timestamp = source.clock.nowSeconds()
    const payload = JSON.stringify({
      id: `evt_${source.ids.hex(32)}`,
      object: 'event',
      created_at: timestamp,
      type,
      data,
    })
    void source.webhooks.emit({
      url: endpoint.url,
      event: type,
      partition: source.partition,
      body: payload,
      scheme: 'standard-webhooks',
      secret: endpoint.secret,
      signatureId: `wh_${source.ids.hex(32)}`,
      timestamp,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'OpenAI/1.0 (+https://platform.openai.com/docs/webhooks)',
      },
    })
  }
}
