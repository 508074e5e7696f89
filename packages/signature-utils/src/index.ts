/**
 * @understudy/signature-utils: sign and verify the webhooks GitHub, Slack, Stripe and Standard Webhooks
 * senders (OpenAI) send, with WebCrypto only, so it runs on Node, Deno, Bun, edge runtimes and browsers.
 *
 * Each scheme is a namespace here and a subpath of its own (`@understudy/signature-utils/github`, ...)
 * with `sign`, `verify`, `verifyDetailed`, `verifyRequest` and `headers`. `verify` never throws.
 *
 * @example
 * import { github } from '@understudy/signature-utils'
 * const body = JSON.stringify({ zen: 'Keep it logically awesome.' })
 * const signature = await github.sign('gh_webhook_test', body)
 * await github.verify('gh_webhook_test', body, signature) // true
 *
 * @module
 */

/* Errors (thrown only by sign/headers misuse) */
export { InvalidArgumentError, isSignatureUtilsError, SignatureUtilsError } from './errors'
/* Schemes */
export * as github from './github'
export * as slack from './slack'
export * as standardWebhooks from './standard-webhooks'
/** OpenAI signs its webhooks with Standard Webhooks: the same functions under the name callers look for. */
export * as openai from './standard-webhooks'
export * as stripe from './stripe'

/* Types */
export type {
  Payload,
  RequestFailureReason,
  RequestVerifyFailure,
  RequestVerifySuccess,
  TimestampOptions,
  VerifyFailure,
  VerifyFailureReason,
  VerifyResult,
} from './types'
