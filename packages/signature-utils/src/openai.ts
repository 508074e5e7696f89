/**
 * OpenAI webhooks are Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`, secret
 * `whsec_...`): this entry is `@understudy/signature-utils/standard-webhooks` under the name you would
 * look for. openai-node's `client.webhooks.unwrap()` accepts what `headers()` makes.
 *
 * @see https://platform.openai.com/docs/guides/webhooks
 * @module
 */
export * from './standard-webhooks'
