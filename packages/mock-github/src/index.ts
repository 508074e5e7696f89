/**
 * @understudy/mock-github: a stateful GitHub REST API mock that Octokit talks to unchanged, in-process
 * (msw) or over HTTP.
 *
 * @module
 */

export { GitHubApiError, type ValidationErrorDetail } from './errors'
export {
  createGitHubMock,
  type GitHubFaultOptions,
  type GitHubMock,
  type GitHubMockOptions,
  type GitHubRateLimit,
  type GitHubWebhookRequestOptions,
} from './github-mock'
export { githubOptionsSchema, githubOptionsShape } from './options-schema'
export type { RateLimitOptions } from './rate-limit'
export type { GitHubSeed, GitHubSeedApp, GitHubSeedIssue, GitHubSeedRepo, GitHubSeedUser } from './seed'
export { githubSeedSchema } from './seed-schema'
export type { GitHubState } from './state'
export { createWebhookRequest, type WebhookRequestOptions } from './webhooks/request'
