/**
 * `createGitHubMock`'s options as a schema: the factory checks them with it, and `understudy serve
 * --config` checks (and documents) the `github` section of a config file with it.
 *
 * @module
 */

import { type Schema, schema as s, serviceMockOptionsShape } from '@understudy/core'
import type { GitHubMockOptions } from './github-mock'
import type { RateLimitOptions } from './rate-limit'

const perWindow = s.integer({ minimum: 0 })

export const githubOptionsShape = {
  ...serviceMockOptionsShape,
  tokens: s
    .enum(['any', 'known'])
    .describe('`any` (default): every non-empty token is accepted. `known`: only seeded and issued tokens.')
    .example('known')
    .optional(),
  user: s
    .string({ pattern: /^[\w-]+$/, hint: 'a GitHub login like "octocat"' })
    .describe('The login unknown tokens act as. Default `octocat`.')
    .example('octocat')
    .optional(),
  rateLimits: s
    .object(
      {
        core: perWindow
          .describe('Requests per hour for authenticated callers (default 5000).')
          .example(5000)
          .optional(),
        search: perWindow
          .describe('Search requests per minute for authenticated callers (default 30).')
          .optional(),
        anonymous: perWindow.describe('Requests per hour without credentials (default 60).').optional(),
      } satisfies Record<keyof RateLimitOptions, Schema<unknown>>,
      { example: '{ core: 1000000 }' },
    )
    .describe('Primary rate limits (requests per window). Raise `core` for load tests.')
    .optional(),
} satisfies Record<keyof GitHubMockOptions, Schema<unknown>>

/**
 * What `createGitHubMock` takes, as a schema.
 *
 * @example
 * validate(githubOptionsSchema, { rateLimit: {} }) // [{ path: 'rateLimit', message: 'unknown key "rateLimit"; did you mean "rateLimits"?' }]
 */
export const githubOptionsSchema = s.object(githubOptionsShape, {
  example: "{ tokens: 'known', rateLimits: { core: 100 } }",
})
