/**
 * `createGitHubMock`: the GitHub service on the framework, plus GitHub's own fault kinds (primary and
 * secondary rate limits) and helpers for webhook receivers.
 *
 * @module
 */

import {
  assertOptions,
  createServiceMock,
  type FaultHandle,
  type FaultOptions,
  type ServiceMock,
  type ServiceMockOptions,
} from '@understudy/core'
import { GitHubApiError, optionError, PREFIX } from './errors'
import { renderContext } from './fixtures/context'
import { githubOptionsSchema } from './options-schema'
import type { RateLimitOptions } from './rate-limit'
import { rateHeaders, secondaryLimitResponse } from './rate-limit'
import type { GitHubSeed } from './seed'
import { githubService } from './service'
import { findRepo, type GitHubState } from './state'
import { webhookComment, webhookIssue, webhookRepo, webhookUser } from './webhooks/payloads'
import { createWebhookRequest } from './webhooks/request'

export interface GitHubMockOptions extends ServiceMockOptions<GitHubSeed> {
  /**
   * `any` (default): every non-empty token is accepted; seeded tokens act as their user, others as
   * the default user. `known`: only seeded tokens and installation tokens the mock issued; others get
   * 401 Bad credentials.
   */
  tokens?: 'any' | 'known'
  /** The login unknown tokens act as; it has admin rights on every seeded repository. Default `octocat`. */
  user?: string
  /** Primary rate limits (requests per window), small enough in tests to run out. */
  rateLimits?: RateLimitOptions
}

/** `fail()` options, with GitHub's two kinds of rate limit. */
export interface GitHubFaultOptions extends Omit<FaultOptions, 'rateLimit'> {
  /**
   * `true` or `{ type: 'secondary' }`: 403 "You have exceeded a secondary rate limit" with Retry-After
   * (`status: 429` for the other form GitHub uses). `{ type: 'primary' }`: 403 with
   * `x-ratelimit-remaining: 0` and `x-ratelimit-reset` `retryAfter` seconds ahead (default 60).
   */
  rateLimit?: boolean | GitHubRateLimit
}

/** Which of GitHub's rate limits a `fail({ rateLimit })` answers as. */
export interface GitHubRateLimit {
  type?: 'primary' | 'secondary'
  retryAfter?: number
  status?: 403 | 429
}

/** What `webhookRequest` builds a payload from: an event on seeded or created state. */
export interface GitHubWebhookRequestOptions {
  event: 'issues' | 'issue_comment'
  /** `opened`, `edited`, `labeled`, `closed`... for issues; `created` for comments. Default: `opened` / `created`. */
  action?: string
  /** `owner/name` of the repository. */
  repo: string
  /** The issue number. */
  issue: number
  /** The comment id, for `issue_comment`. Default: the issue's latest comment. */
  comment?: number
  /** The label name, for `labeled`/`unlabeled`. */
  label?: string
  /** Who did it. Default: the issue's author. */
  sender?: string
  secret?: string
  url?: string
  delivery?: string
  /** Extra payload fields (`changes` for `edited`...). */
  extra?: Record<string, unknown>
}

export interface GitHubMock extends Omit<ServiceMock<GitHubState, GitHubSeed>, 'fail'> {
  fail(fault: GitHubFaultOptions): FaultHandle
  /**
   * A signed webhook `Request` for an event on the mock's state, built as GitHub builds the payload:
   * for tests of a receiver (an agent's `/webhooks/github` handler) without a delivery.
   */
  webhookRequest(options: GitHubWebhookRequestOptions): Promise<Request>
}

/**
 * Makes an isolated GitHub REST mock that Octokit talks to unchanged.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { Octokit } from '@octokit/rest'
 * import { createGitHubMock } from '@understudy/mock-github'
 *
 * const github = createGitHubMock({ seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'Bug' }] }] } })
 * const server = setupServer(...github.handlers)
 * server.listen()
 * const octokit = new Octokit({ auth: 'ghp_test' })
 * const { data } = await octokit.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
 */
export function createGitHubMock(options: GitHubMockOptions = {}): GitHubMock {
  const { tokens = 'any', user = 'octocat', rateLimits = {}, ...mockOptions } = options
  if (tokens !== 'any' && tokens !== 'known') {
    throw optionError('tokens', `expected "any" or "known", got ${JSON.stringify(tokens)}.`)
  }
  if (typeof user !== 'string' || !/^[\w-]+$/.test(user)) {
    throw optionError('user', `expected a GitHub login like "octocat", got ${JSON.stringify(user)}.`)
  }
  for (const [key, value] of Object.entries(rateLimits)) {
    if (!Number.isInteger(value) || (value as number) < 0) {
      throw optionError(
        `rateLimits.${key}`,
        `expected a whole number of requests, got ${JSON.stringify(value)}.`,
      )
    }
  }
  // Unknown keys and wrong types anywhere else, named with their path and a valid value.
  assertOptions(githubOptionsSchema, options, { prefix: PREFIX })
  const service = githubService
  return createServiceMock(
    {
      ...service,
      errors: {
        ...service.errors,
        // GitHub has two kinds of rate limit; `fail()` passes which one, so the log says `rateLimit` for both.
        rateLimited: (ctx, limit) => {
          const detail = limit as GitHubRateLimit & { retryAfter: number }
          if (detail.type !== 'primary' && (detail.status ?? 403) === 403)
            return service.errors.rateLimited(ctx, limit)
          if (detail.type !== 'primary')
            return secondaryLimitResponse('0000:0000:000000:000000:00000000', detail.retryAfter, 429)
          const reset = ctx.clock.nowSeconds() + detail.retryAfter
          return new GitHubApiError(detail.status ?? 403, 'API rate limit exceeded for user ID 1.', {
            documentationUrl:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
            headers: rateHeaders({ limit: 5000, remaining: 0, reset, used: 5000, resource: 'core' }),
          }).toResponse()
        },
      },
      // GitHub's own instance members: its fault kinds, and signed webhook requests built from state.
      extend: (base) => {
        function fail(fault: GitHubFaultOptions): FaultHandle {
          const { rateLimit, ...rest } = fault
          if (rateLimit === undefined || rateLimit === false) return base.fail(rest)
          const limit: GitHubRateLimit = rateLimit === true ? {} : rateLimit
          const retryAfter = limit.retryAfter ?? (limit.type === 'primary' ? 60 : 1)
          return base.fail({ ...rest, rateLimit: { ...limit, retryAfter } })
        }

        async function webhookRequest(input: GitHubWebhookRequestOptions): Promise<Request> {
          const state = base.state()
          const [owner, name] = input.repo.split('/') as [string, string]
          const repo = findRepo(state, owner, name)
          if (!repo)
            throw optionError(
              'repo',
              `no repository "${input.repo}" in the base. Seed it: { repos: [{ full_name: '${input.repo}' }] }.`,
            )
          const issue = repo.issues.get(input.issue)
          if (!issue) throw optionError('issue', `${input.repo} has no issue #${input.issue}.`)
          const rc = renderContext(state, 'https://api.github.com')
          const payload: Record<string, unknown> = {
            action: input.action ?? (input.event === 'issues' ? 'opened' : 'created'),
          }
          payload.issue = webhookIssue(rc, repo, issue)
          if (input.event === 'issue_comment') {
            const comments = [...repo.comments.values()].filter((c) => c.issue === issue.number)
            const comment = input.comment === undefined ? comments.at(-1) : repo.comments.get(input.comment)
            if (!comment)
              throw optionError(
                'comment',
                `${input.repo}#${input.issue} has no such comment; create one first.`,
              )
            payload.comment = webhookComment(rc, repo, comment)
          }
          if (input.label) {
            const label = [...repo.labels.values()].find(
              (l) => l.name.toLowerCase() === input.label!.toLowerCase(),
            )
            if (label)
              payload.label = {
                id: label.id,
                node_id: label.node_id,
                url: `https://api.github.com/repos/${input.repo}/labels/${encodeURIComponent(label.name)}`,
                name: label.name,
                color: label.color,
                default: label.default,
                description: label.description,
              }
          }
          Object.assign(payload, input.extra)
          payload.repository = webhookRepo(rc, repo)
          payload.sender = webhookUser(rc, input.sender ?? issue.user)
          return createWebhookRequest({
            event: input.event,
            payload,
            ...(input.secret !== undefined ? { secret: input.secret } : {}),
            ...(input.url !== undefined ? { url: input.url } : {}),
            ...(input.delivery !== undefined ? { delivery: input.delivery } : {}),
          })
        }
        return { fail, webhookRequest }
      },
    },
    mockOptions,
    // Set once, for every partition; each mock gets a registry of the tokens it issues.
    { tokens, viewer: user, rateLimits, tokenPartitions: new Map() },
  )
}
