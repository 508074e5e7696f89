import type { Route } from '@understudy/core'
import type { GitHubState } from '../state'

export const reviewRoutes: Route<GitHubState>[] = []

import { type Ctx, docsOf } from '../context'
import { notFound } from '../errors'
import type { RepoRecord, ReviewCommentRecord } from '../state'
export function reviewCommentFor(ctx: Ctx, repo: RepoRecord): ReviewCommentRecord {
  return repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound(docsOf(ctx))
}
