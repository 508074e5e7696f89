/**
 * `createUnderstudyApp` / `createUnderstudyServer` options and the per-service mock options, as
 * schemas: the factories check their options with them, and the config file's schema reuses them.
 *
 * @module
 */

import { omitKeys, type Schema, schema as s, webhookOptionsSchema } from '@understudy/core'
import { anthropicOptionsShape } from '@understudy/mock-anthropic'
import { geminiOptionsShape } from '@understudy/mock-gemini'
import { githubOptionsShape } from '@understudy/mock-github'
import { openAIOptionsShape } from '@understudy/mock-openai'
import { slackOptionsShape } from '@understudy/mock-slack'
import { stripeOptionsShape } from '@understudy/mock-stripe'
import type { UnderstudyAppOptions } from './create-app'
import type { UnderstudyServerOptions } from './create-server'
import { SERVICE_NAMES, type ServiceOptions } from './services'

// The server sets these itself: one state per credential, seeds from `seed`.
const SERVER_SET = ['seed', 'partitionBy'] as const

/** Each service's mock options, as the server takes them (`serviceOptions`, a config file's `github`...). */
export const serviceOptionsShape = {
  github: s
    .object(omitKeys(githubOptionsShape, SERVER_SET), { example: '{ rateLimits: { core: 1000000 } }' })
    .describe('createGitHubMock options.')
    .optional(),
  slack: s
    .object(omitKeys(slackOptionsShape, SERVER_SET), {
      example:
        "{ events: { requestUrl: 'http://127.0.0.1:3000/slack/events', signingSecret: 'slack_signing_test' } }",
    })
    .describe('createSlackMock options.')
    .optional(),
  stripe: s
    .object(omitKeys(stripeOptionsShape, SERVER_SET), { example: '{ logLimit: 1000 }' })
    .describe('createStripeMock options.')
    .optional(),
  openai: s
    .object(omitKeys(openAIOptionsShape, SERVER_SET), { example: '{ strict: true }' })
    .describe('createOpenAIMock options.')
    .optional(),
  anthropic: s
    .object(omitKeys(anthropicOptionsShape, SERVER_SET), { example: '{ strict: true }' })
    .describe('createAnthropicMock options.')
    .optional(),
  gemini: s
    .object(omitKeys(geminiOptionsShape, SERVER_SET), { example: '{ strict: true }' })
    .describe('createGeminiMock options.')
    .optional(),
} satisfies Record<keyof ServiceOptions, Schema<unknown>>

const isMock = (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as { handle?: unknown }).handle === 'function'
const mock = s.custom<unknown>('a mock instance (createGitHubMock()...)', isMock).optional()

export const appOptionsShape = {
  services: s.array(s.enum(SERVICE_NAMES)).example(['github', 'openai']).optional(),
  seed: s.unknown().optional(),
  serviceOptions: s
    .object(serviceOptionsShape, { example: '{ github: { rateLimits: { core: 1000000 } } }' })
    .optional(),
  mocks: s
    .object(
      { github: mock, slack: mock, stripe: mock, openai: mock, anthropic: mock, gemini: mock },
      { example: '{ github: createGitHubMock() }' },
    )
    .optional(),
  webhooks: webhookOptionsSchema.optional(),
  logLimit: s.integer({ minimum: 1 }).example(10_000).optional(),
  replay: s
    .custom<unknown>('a replay layer', (v) => typeof v === 'object' && v !== null && 'handle' in v)
    .optional(),
  cassetteDir: s.string({ minLength: 1 }).example('./__cassettes__').optional(),
  maxPartitions: s.integer({ minimum: 1 }).example(1000).optional(),
} satisfies Record<keyof UnderstudyAppOptions, Schema<unknown>>

/** What `createUnderstudyApp` takes, as a schema. */
export const appOptionsSchema = s.object(appOptionsShape, { example: "{ services: ['github'] }" })

/** What `createUnderstudyServer` takes, as a schema. */
export const serverOptionsSchema = s.object(
  {
    ...appOptionsShape,
    port: s.integer({ minimum: 0, maximum: 65_535 }).example(4010).optional(),
    host: s.string({ minLength: 1 }).example('127.0.0.1').optional(),
    replay: s
      .array(s.string({ minLength: 1 }))
      .example(['__cassettes__/github/triage.json'])
      .optional(),
    shutdownTimeoutMs: s.integer({ minimum: 0 }).example(10_000).optional(),
    allowedHosts: s
      .union([s.array(s.string({ minLength: 1 })), s.enum([true])])
      .example(['understudy'])
      .optional(),
    bodyLimits: s
      .object(
        Object.fromEntries(
          [...SERVICE_NAMES, 'admin'].map((name) => [name, s.integer({ minimum: 0 }).optional()]),
        ),
        { example: '{ github: 1048576 }' },
      )
      .optional(),
    maxEventStreams: s.integer({ minimum: 1 }).example(32).optional(),
  } satisfies Record<keyof UnderstudyServerOptions, Schema<unknown>>,
  { example: "{ port: 0, services: ['github'] }" },
)
