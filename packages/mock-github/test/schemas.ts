import { createRequire } from 'node:module'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'

const require = createRequire(import.meta.url)

let webhooks: Ajv | undefined

/** Validates a delivery against @octokit/webhooks-schemas (`issues$opened`, `ping$event`...). */
export function validateWebhook(event: string, payload: Record<string, unknown>): string[] {
  if (!webhooks) {
    webhooks = new Ajv({ strict: false, allErrors: true })
    addFormats(webhooks)
    webhooks.addSchema(require('@octokit/webhooks-schemas/schema.json'), 'webhooks')
  }
  const key = payload.action ? `${event}$${String(payload.action)}` : `${event}$event`
  const validate = webhooks.getSchema(`webhooks#/definitions/${key}`)
  if (!validate) return [`no schema for ${key}`]
  if (validate(payload)) return []
  return (validate.errors ?? []).map(
    (e) => `${key}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
  )
}
