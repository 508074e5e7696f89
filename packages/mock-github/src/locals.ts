import { requestLocals } from '@understudy/core'
import type { Viewer } from './context'
import type { RateStatus } from './rate-limit'

/** What one request learns on its way through authentication, the route and `finalize`. */
export interface GitHubLocals {
  viewer: Viewer
  /** `x-github-request-id`, made on first use so headers and bodies agree. */
  requestId: string
  /** The primary rate limit this request counted against. */
  rateStatus: RateStatus
  /** For a GitHub App's JWT: files the installation tokens it is issued under the app's partition. */
  onIssue: (token: string) => void
}

export const locals = requestLocals<GitHubLocals>()
