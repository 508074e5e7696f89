import {
  accessTo,
  actorLogin,
  appOf,
  bodyOf,
  type Ctx,
  docsOf,
  json,
  noContent,
  pageUrl,
  rc,
  repoFor,
} from '../context'
import { GitHubApiError, invalidRequest, notFound } from '../errors'
import { renderComment } from '../fixtures/issues'
import { paginate } from '../pagination'
import { touch } from '../resources/issues'
import { type CommentRecord, fullName, nextId, nodeId, now, type RepoRecord } from '../state'
import { emitRepoEvent } from '../webhooks/deliver'
import { webhookComment, webhookIssue } from '../webhooks/payloads'
import { op } from './define'
import { issueFor } from './issues'

export function commentFor(ctx: Ctx, repo: RepoRecord): CommentRecord {
  const id = Number(ctx.params.comment_id)
  return repo.comments.get(id) ?? notFound(docsOf(ctx))
}

function bodyText(ctx: Ctx): string {
  const body = bodyOf(ctx).body
  if (typeof body !== 'string') invalidRequest('"body" wasn\'t supplied.', docsOf(ctx))
  return body
}

async function emitComment(
  ctx: Ctx,
  repo: RepoRecord,
  comment: CommentRecord,
  action: string,
  extra: Record<string, unknown> = {},
) {
  const issue = repo.issues.get(comment.issue)
  if (!issue) return
  const r = rc(ctx)
  await emitRepoEvent(ctx, repo, 'issue_comment', {
    action,
    issue: webhookIssue(r, repo, issue),
    comment: webhookComment(r, repo, comment),
    ...extra,
  })
}

function since(ctx: Ctx): number | undefined {
  const raw = ctx.query.get('since')
  const at = raw ? Date.parse(raw) : Number.NaN
  return Number.isFinite(at) ? at : undefined
}

export const commentRoutes = [
  op('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
    const repo = repoFor(ctx)
    const issue = issueFor(ctx, repo)
    const after = since(ctx)
    const all = [...repo.comments.values()].filter(
      (c) => c.issue === issue.number && (after === undefined || Date.parse(c.updated_at) >= after),
    )
    const page = paginate(all, ctx.query, pageUrl(ctx))
    const r = rc(ctx)
    return json(
      page.items.map((c) => renderComment(r, repo, c)),
      page.link ? { headers: { link: page.link } } : {},
    )
  }),

  op('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', async (ctx) => {
    const repo = repoFor(ctx)
    const issue = issueFor(ctx, repo)
    const text = bodyText(ctx)
    const access = accessTo(ctx, repo)
    if (issue.locked && access !== 'admin' && access !== 'write') {
      throw new GitHubApiError(403, 'Unable to create comment because issue is locked.', {
        documentationUrl: docsOf(ctx),
      })
    }
    const at = now(ctx.state)
    const via = appOf(ctx)
    const comment: CommentRecord = {
      id: nextId(ctx.state, 'comment'),
      node_id: nodeId(ctx.state, 'IssueComment'),
      issue: issue.number,
      body: text,
      user: actorLogin(ctx),
      created_at: at,
      updated_at: at,
      reactions: [],
      ...(via !== undefined ? { via_app: via } : {}),
    }
    repo.comments.set(comment.id, comment)
    issue.comments++
    touch(ctx, issue)
    await emitComment(ctx, repo, comment, 'created')
    ctx.emit('issue_comment.created', { repo: fullName(repo), issue: issue.number, id: comment.id })
    const rendered = renderComment(rc(ctx), repo, comment)
    return json(rendered, { status: 201, headers: { location: String(rendered.url) } })
  }),

  op('GET /repos/{owner}/{repo}/issues/comments', (ctx) => {
    const repo = repoFor(ctx)
    const after = since(ctx)
    const sort = ctx.query.get('sort') ?? 'created'
    const sign = (ctx.query.get('direction') ?? 'asc') === 'desc' ? -1 : 1
    const all = [...repo.comments.values()]
      .filter((c) => after === undefined || Date.parse(c.updated_at) >= after)
      .sort(
        (a, b) =>
          sign *
          ((sort === 'updated' ? Date.parse(a.updated_at) - Date.parse(b.updated_at) : 0) || a.id - b.id),
      )
    const page = paginate(all, ctx.query, pageUrl(ctx))
    const r = rc(ctx)
    return json(
      page.items.map((c) => renderComment(r, repo, c)),
      page.link ? { headers: { link: page.link } } : {},
    )
  }),

  op('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', (ctx) => {
    const repo = repoFor(ctx)
    return json(renderComment(rc(ctx), repo, commentFor(ctx, repo)))
  }),

  op('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', async (ctx) => {
    const repo = repoFor(ctx)
    const comment = commentFor(ctx, repo)
    const access = accessTo(ctx, repo)
    if (
      comment.user.toLowerCase() !== actorLogin(ctx).toLowerCase() &&
      access !== 'admin' &&
      access !== 'write'
    ) {
      throw new GitHubApiError(403, 'Must have admin rights to Repository.', {
        documentationUrl: docsOf(ctx),
      })
    }
    const text = bodyText(ctx)
    const from = comment.body
    comment.body = text
    comment.updated_at = now(ctx.state)
    if (from !== text) await emitComment(ctx, repo, comment, 'edited', { changes: { body: { from } } })
    return json(renderComment(rc(ctx), repo, comment))
  }),

  op('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', async (ctx) => {
    const repo = repoFor(ctx)
    const comment = commentFor(ctx, repo)
    const access = accessTo(ctx, repo)
    if (
      comment.user.toLowerCase() !== actorLogin(ctx).toLowerCase() &&
      access !== 'admin' &&
      access !== 'write'
    ) {
      throw new GitHubApiError(403, 'Must have admin rights to Repository.', {
        documentationUrl: docsOf(ctx),
      })
    }
    await emitComment(ctx, repo, comment, 'deleted')
    repo.comments.delete(comment.id)
    const issue = repo.issues.get(comment.issue)
    if (issue) issue.comments = Math.max(0, issue.comments - 1)
    return noContent()
  }),
]
