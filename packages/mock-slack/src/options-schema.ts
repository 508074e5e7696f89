/**
 * `createSlackMock`'s options as a schema: the factory checks them with it, and `understudy serve
 * --config` checks (and documents) the `slack` section of a config file with it.
 *
 * @module
 */

import { type Schema, schema as s, serviceMockOptionsShape } from '@understudy/core'
import type { EventsOptions } from './config'
import type { SlackMockOptions } from './slack-mock'

const appUrl = s.string({ format: 'uri' }).example('http://127.0.0.1:3000/slack/events')

export const slackEventsSchema = s.object(
  {
    requestUrl: appUrl.describe("The app's Request URL (Bolt's HTTPReceiver: …/slack/events).").optional(),
    interactivityUrl: appUrl
      .describe('Where slash commands and interactivity go; default `requestUrl`.')
      .optional(),
    signingSecret: s
      .string({ minLength: 1 })
      .describe("The app's signing secret: every request to the app is signed with it.")
      .example('slack_signing_test')
      .optional(),
    types: s
      .array(s.string())
      .describe('Event types delivered; default all of them.')
      .example(['message', 'app_mention'])
      .optional(),
    verificationToken: s.string().describe('The deprecated verification token put in payloads.').optional(),
  } satisfies Record<keyof EventsOptions, Schema<unknown>>,
  { example: "{ requestUrl: 'http://127.0.0.1:3000/slack/events', signingSecret: 'slack_signing_test' }" },
)

export const slackOptionsShape = {
  ...serviceMockOptionsShape,
  events: slackEventsSchema.describe("The app's Events API Request URL and signing secret.").optional(),
  tokens: s
    .enum(['any', 'seeded'])
    .describe("`any` (default): any non-empty token is valid. `seeded`: only the seed's tokens.")
    .optional(),
  rateLimits: s
    .boolean()
    .describe("Enforce Slack's rate-limit tiers (429 + Retry-After). Default false.")
    .optional(),
} satisfies Record<keyof SlackMockOptions, Schema<unknown>>

/**
 * What `createSlackMock` takes, as a schema.
 *
 * @example
 * validate(slackOptionsSchema, { events: { requestUrl: 'http://127.0.0.1:3000/slack/events' } }) // []
 */
export const slackOptionsSchema = s.object(slackOptionsShape, {
  example: "{ events: { requestUrl: 'http://127.0.0.1:3000/slack/events' } }",
})
