/**
 * `createOpenAIMock`'s options as a schema: the factory checks them with it, and `understudy serve
 * --config` checks (and documents) the `openai` section of a config file with it.
 *
 * @module
 */

import {
  omitKeys,
  type Schema,
  schema as s,
  serviceMockOptionsShape,
  webhookOptionsShape,
} from '@understudy/core'
import type { OpenAIMockOptions } from './openai-mock'
import type { RateLimitOptions } from './rate-limits'
import { MODERATION_CATEGORIES } from './routes/moderations'

const perMinute = s.integer({ minimum: 1 })

const endpoint = s.object(
  {
    url: s.string({ format: 'uri' }).example('http://127.0.0.1:3000/webhooks/openai'),
    secret: s
      .string({ pattern: /^whsec_/, hint: "the endpoint's signing secret, 'whsec_' followed by base64" })
      .example('whsec_dGVzdA=='),
    events: s
      .array(s.string())
      .describe('Event types to send (`response.completed`...); all when omitted.')
      .optional(),
  },
  { example: "{ url: 'http://127.0.0.1:3000/webhooks/openai', secret: 'whsec_dGVzdA==' }" },
)

const textMatcher = s.union([
  s.string(),
  s.custom<RegExp>('a RegExp', (v) => v instanceof RegExp),
  s.object(
    { regex: s.string(), flags: s.string().optional() },
    { example: "{ regex: 'attack', flags: 'i' }" },
  ),
])

export const openAIOptionsShape = {
  ...omitKeys(serviceMockOptionsShape, ['webhooks']),
  strict: s
    .boolean()
    .describe('Fail requests that no scripted reply matches instead of answering defaults.')
    .optional(),
  rateLimits: s
    .object(
      {
        requestsPerMinute: perMinute
          .describe('Requests per minute (default 10 000).')
          .example(10_000)
          .optional(),
        tokensPerMinute: perMinute.describe('Tokens per minute (default 30 000 000).').optional(),
      } satisfies Record<keyof RateLimitOptions, Schema<unknown>>,
      { example: '{ requestsPerMinute: 100000 }' },
    )
    .optional(),
  background: s.enum(['immediate', 'manual']).describe('When background responses complete.').optional(),
  webhooks: s
    .union([
      s.array(endpoint),
      s.object(
        { ...webhookOptionsShape, endpoints: s.array(endpoint).optional() },
        {
          example:
            "{ endpoints: [{ url: 'http://127.0.0.1:3000/webhooks/openai', secret: 'whsec_dGVzdA==' }], retries: 0 }",
        },
      ),
    ])
    .describe('Webhook endpoints for background responses, or delivery settings with `endpoints`.')
    .optional(),
  moderationRules: s
    .array(
      s.object(
        { match: textMatcher, categories: s.array(s.enum(MODERATION_CATEGORIES)) },
        { example: "{ match: 'attack', categories: ['violence'] }" },
      ),
    )
    .describe('Moderation inputs to flag.')
    .optional(),
} satisfies Record<keyof OpenAIMockOptions, Schema<unknown>>

/**
 * What `createOpenAIMock` takes, as a schema.
 *
 * @example
 * validate(openAIOptionsSchema, { strict: 'yes' }) // [{ path: 'strict', message: 'expected true or false, got "yes"' }]
 */
export const openAIOptionsSchema = s.object(openAIOptionsShape, { example: '{ strict: true }' })
