import { actorLogin, bodyOf, type Ctx, docsOf, json, noContent, pageUrl, rc, repoFor } from '../context'
import { GitHubApiError, invalidRequest, notFound, validationFailed } from '../errors'
import { renderReview, renderReviewComment } from '../fixtures/pulls'
import { webhookFields } from '../generated/webhook-fields'
import { paginate } from '../pagination'
import {
  type IssueRecord,
  nextId,
  nodeId,
  now,
  type RepoRecord,
  type ReviewCommentRecord,
  type ReviewRecord,
} from '../state'
import { emitRepoEvent } from '../webhooks/deliver'
import { pick, pickUser } from '../webhooks/payloads'
import { webhookPull } from '../webhooks/pulls'
import { op } from './define'
import { pullFor } from './pulls'

export function reviewCommentFor(ctx: Ctx, repo: RepoRecord): ReviewCommentRecord {
  return repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound(docsOf(ctx))
}

function reviewFor(ctx: Ctx, repo: RepoRecord, issue: IssueRecord): ReviewRecord {
  const review = repo.reviews.get(Number(ctx.params.review_id))
  if (!review || review.pull !== issue.number) notFound(docsOf(ctx))
  return review
}

const EVENTS: Record<string, ReviewRecord['state']> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
}

function list<T>(ctx: Ctx, items: T[]) {
  const page = paginate(items, ctx.query, pageUrl(ctx))
  return { items: page.items, init: page.link ? { headers: { link: page.link } } : {} }
}

async function emitReview(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  review: ReviewRecord,
  action: string,
) {
  const rendered = pick(renderReview(rc(ctx), repo, review), webhookFields.review)
  rendered.user = pickUser(rendered.user)
  // Webhooks spell review states in lower case (`approved`), the REST API in upper case.
  rendered.state = review.state.toLowerCase()
  await emitRepoEvent(ctx, repo, 'pull_request_review', {
    action,
    review: rendered,
    pull_request: webhookPull(ctx, repo, issue, { simple: true }),
  })
}

function addComment(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  review: number,
  input: Record<string, unknown>,
): ReviewCommentRecord {
  if (typeof input.body !== 'string') invalidRequest('"body" wasn\'t supplied.', docsOf(ctx))
  const replyTo =
    typeof input.in_reply_to === 'number' ? repo.reviewComments.get(input.in_reply_to) : undefined
  if (input.in_reply_to !== undefined && !replyTo) notFound(docsOf(ctx))
  const path = replyTo?.path ?? input.path
  if (typeof path !== 'string') invalidRequest('"path" wasn\'t supplied.', docsOf(ctx))
  const head = repo.commits.get(issue.pull!.head_sha)
  if (!replyTo && head && !head.files.has(path) && !repo.commits.get(issue.pull!.base_sha)?.files.has(path)) {
    validationFailed([{ resource: 'PullRequestReviewComment', code: 'invalid', field: 'path' }], docsOf(ctx))
  }
  const at = now(ctx.state)
  const comment: ReviewCommentRecord = {
    id: nextId(ctx.state, 'review_comment'),
    node_id: nodeId(ctx.state, 'ReviewComment'),
    pull: issue.number,
    review,
    user: actorLogin(ctx),
    body: input.body,
    path,
    line:
      replyTo?.line ??
      (typeof input.line === 'number'
        ? input.line
        : typeof input.position === 'number'
          ? input.position
          : null),
    side: input.side === 'LEFT' ? 'LEFT' : 'RIGHT',
    commit_id: typeof input.commit_id === 'string' ? input.commit_id : issue.pull!.head_sha,
    ...(replyTo ? { in_reply_to: replyTo.id } : {}),
    created_at: at,
    updated_at: at,
    reactions: [],
  }
  repo.reviewComments.set(comment.id, comment)
  return comment
}

function newReview(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  body: string,
  state: ReviewRecord['state'],
): ReviewRecord {
  const review: ReviewRecord = {
    id: nextId(ctx.state, 'review'),
    node_id: nodeId(ctx.state, 'Review'),
    pull: issue.number,
    user: actorLogin(ctx),
    body,
    state,
    commit_id: issue.pull!.head_sha,
    submitted_at: state === 'PENDING' ? null : now(ctx.state),
  }
  repo.reviews.set(review.id, review)
  return review
}

function checkEvent(ctx: Ctx, event: unknown, body: string): ReviewRecord['state'] | undefined {
  if (event === undefined) return undefined
  const state = EVENTS[String(event)]
  if (!state)
    validationFailed([{ resource: 'PullRequestReview', code: 'invalid', field: 'event' }], docsOf(ctx))
  if (state !== 'APPROVED' && body === '') {
    throw new GitHubApiError(422, 'Unprocessable Entity', {
      documentationUrl: docsOf(ctx),
      errors: [
        `Review Can not ${state === 'COMMENTED' ? 'comment' : 'request changes'} on a pull request without a body`,
      ],
    })
  }
  return state
}

export const reviewRoutes = [
  op('GET /repos/{owner}/{repo}/pulls/comments', (ctx) => {
    const repo = repoFor(ctx)
    const r = rc(ctx)
    const { items, init } = list(ctx, [...repo.reviewComments.values()])
    return json(
      items.map((c) => renderReviewComment(r, repo, c)),
      init,
    )
  }),
  op('GET /repos/{owner}/{repo}/pulls/comments/{comment_id}', (ctx) => {
    const repo = repoFor(ctx)
    return json(renderReviewComment(rc(ctx), repo, reviewCommentFor(ctx, repo)))
  }),
  op('PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}', (ctx) => {
    const repo = repoFor(ctx)
    const comment = reviewCommentFor(ctx, repo)
    const body = bodyOf(ctx).body
    if (typeof body !== 'string') invalidRequest('"body" wasn\'t supplied.', docsOf(ctx))
    comment.body = body
    comment.updated_at = now(ctx.state)
    return json(renderReviewComment(rc(ctx), repo, comment))
  }),
  op('DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}', (ctx) => {
    const repo = repoFor(ctx)
    repo.reviewComments.delete(reviewCommentFor(ctx, repo).id)
    return noContent()
  }),

  op('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const r = rc(ctx)
    const { items, init } = list(
      ctx,
      [...repo.reviewComments.values()].filter((c) => c.pull === issue.number),
    )
    return json(
      items.map((c) => renderReviewComment(r, repo, c)),
      init,
    )
  }),
  op('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments', async (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const body = bodyOf(ctx)
    const review = newReview(ctx, repo, issue, '', 'COMMENTED')
    const comment = addComment(ctx, repo, issue, review.id, body)
    await emitReviewComment(ctx, repo, issue, comment)
    return json(renderReviewComment(rc(ctx), repo, comment), { status: 201 })
  }),
  op('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', async (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const parent = reviewCommentFor(ctx, repo)
    const review = newReview(ctx, repo, issue, '', 'COMMENTED')
    const comment = addComment(ctx, repo, issue, review.id, { ...bodyOf(ctx), in_reply_to: parent.id })
    await emitReviewComment(ctx, repo, issue, comment)
    return json(renderReviewComment(rc(ctx), repo, comment), { status: 201 })
  }),

  op('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const r = rc(ctx)
    const { items, init } = list(
      ctx,
      [...repo.reviews.values()].filter(
        (v) => v.pull === issue.number && (v.state !== 'PENDING' || v.user === actorLoginOrNull(ctx)),
      ),
    )
    return json(
      items.map((v) => renderReview(r, repo, v)),
      init,
    )
  }),
  op('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', async (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const body = bodyOf(ctx)
    const text = typeof body.body === 'string' ? body.body : ''
    const state = checkEvent(ctx, body.event, text) ?? 'PENDING'
    if (
      issue.user.toLowerCase() === actorLogin(ctx).toLowerCase() &&
      state !== 'PENDING' &&
      state !== 'COMMENTED'
    ) {
      throw new GitHubApiError(422, 'Unprocessable Entity', {
        documentationUrl: docsOf(ctx),
        errors: [`Can not ${state === 'APPROVED' ? 'approve' : 'request changes on'} your own pull request`],
      })
    }
    const review = newReview(ctx, repo, issue, text, state)
    if (typeof body.commit_id === 'string') review.commit_id = body.commit_id
    for (const c of Array.isArray(body.comments) ? (body.comments as Record<string, unknown>[]) : []) {
      addComment(ctx, repo, issue, review.id, c)
    }
    if (state !== 'PENDING') await emitReview(ctx, repo, issue, review, 'submitted')
    // GitHub answers a created review with 200, not 201.
    return json(renderReview(rc(ctx), repo, review))
  }),
  op('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', (ctx) => {
    const repo = repoFor(ctx)
    return json(renderReview(rc(ctx), repo, reviewFor(ctx, repo, pullFor(ctx, repo))))
  }),
  op('PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', (ctx) => {
    const repo = repoFor(ctx)
    const review = reviewFor(ctx, repo, pullFor(ctx, repo))
    const body = bodyOf(ctx).body
    if (typeof body !== 'string') invalidRequest('"body" wasn\'t supplied.', docsOf(ctx))
    review.body = body
    return json(renderReview(rc(ctx), repo, review))
  }),
  op('DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', (ctx) => {
    const repo = repoFor(ctx)
    const review = reviewFor(ctx, repo, pullFor(ctx, repo))
    if (review.state !== 'PENDING') {
      throw new GitHubApiError(422, 'Unprocessable Entity', {
        documentationUrl: docsOf(ctx),
        errors: ['Can not delete a non-pending pull request review'],
      })
    }
    repo.reviews.delete(review.id)
    return json(renderReview(rc(ctx), repo, review))
  }),
  op('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events', async (ctx) => {
    const repo = repoFor(ctx)
    const issue = pullFor(ctx, repo)
    const review = reviewFor(ctx, repo, issue)
    const body = bodyOf(ctx)
    if (typeof body.body === 'string') review.body = body.body
    const state = checkEvent(ctx, body.event, review.body)
    if (!state) invalidRequest('"event" wasn\'t supplied.', docsOf(ctx))
    review.state = state
    review.submitted_at = now(ctx.state)
    await emitReview(ctx, repo, issue, review, 'submitted')
    return json(renderReview(rc(ctx), repo, review))
  }),
  op('PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = pullFor(ctx, repo)
    const review = reviewFor(ctx, repo, issue)
    if (typeof bodyOf(ctx).message !== 'string') invalidRequest('"message" wasn\'t supplied.', docsOf(ctx))
    review.state = 'DISMISSED'
    await emitReview(ctx, repo, issue, review, 'dismissed')
    return json(renderReview(rc(ctx), repo, review))
  }),
  op('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments', (ctx) => {
    const repo = repoFor(ctx)
    const review = reviewFor(ctx, repo, pullFor(ctx, repo))
    const r = rc(ctx)
    const { items, init } = list(
      ctx,
      [...repo.reviewComments.values()].filter((c) => c.review === review.id),
    )
    return json(
      items.map((c) => renderReviewComment(r, repo, c)),
      init,
    )
  }),
]

function actorLoginOrNull(ctx: Ctx): string | null {
  try {
    return actorLogin(ctx)
  } catch {
    return null
  }
}

async function emitReviewComment(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  comment: ReviewCommentRecord,
) {
  const rendered = pick(renderReviewComment(rc(ctx), repo, comment), webhookFields.reviewComment)
  rendered.user = pickUser(rendered.user)
  await emitRepoEvent(ctx, repo, 'pull_request_review_comment', {
    action: 'created',
    comment: rendered,
    pull_request: webhookPull(ctx, repo, issue, { simple: true }),
  })
}
