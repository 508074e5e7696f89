/**
 * Webhook payload objects. They start from the REST renderers and keep only what the webhook schemas
 * allow (see generated/webhook-fields.ts), nested objects included.
 *
 * @module
 */

import type { RenderContext } from '../fixtures/context'
import { renderComment, renderIssue } from '../fixtures/issues'
import { renderLabel } from '../fixtures/labels'
import { renderRepo } from '../fixtures/repos'
import { renderSimpleUser, userByLogin } from '../fixtures/users'
import { webhookFields } from '../generated/webhook-fields'
import { type CommentRecord, getUser, type IssueRecord, type LabelRecord, type RepoRecord } from '../state'

type Json = Record<string, unknown>

export function pick(source: Json, fields: readonly string[]): Json {
  const out: Json = {}
  for (const field of fields) if (field in source) out[field] = source[field]
  return out
}

function pickUser(user: unknown): unknown {
  return user && typeof user === 'object' ? pick(user as Json, webhookFields.user) : user
}

function pickApp(app: unknown): unknown {
  if (!app || typeof app !== 'object') return app
  return { ...pick(app as Json, webhookFields.app), owner: pickUser((app as Json).owner) }
}

export function webhookUser(rc: RenderContext, login: string): Json {
  const user = getUser(rc.state, login)
  return pickUser(user ? renderSimpleUser(rc, user) : userByLogin(rc, login)) as Json
}

/** `repository` in a payload. Push events carry Unix timestamps here, as GitHub sends them. */
export function webhookRepo(
  rc: RenderContext,
  repo: RepoRecord,
  options: { unixTimes?: boolean } = {},
): Json {
  const out = pick(renderRepo(rc, repo, { full: true }), webhookFields.repository)
  out.owner = pickUser(out.owner)
  // The owning organization travels at the top of a payload, not inside `repository`.
  delete out.organization
  out.custom_properties = {}
  if (options.unixTimes) {
    out.created_at = Math.floor(Date.parse(repo.created_at) / 1000)
    out.pushed_at = Math.floor(Date.parse(repo.pushed_at) / 1000)
    out.stargazers = 0
    out.master_branch = repo.default_branch
  }
  return out
}

export function webhookLabel(rc: RenderContext, repo: RepoRecord, label: LabelRecord): Json {
  return pick(renderLabel(rc, repo, label), webhookFields.label)
}

export function webhookIssue(rc: RenderContext, repo: RepoRecord, issue: IssueRecord): Json {
  const out = pick(renderIssue(rc, repo, issue), webhookFields.issue)
  out.user = pickUser(out.user)
  out.assignee = pickUser(out.assignee)
  out.assignees = (out.assignees as unknown[]).map(pickUser)
  out.labels = (out.labels as Json[]).map((l) => pick(l, webhookFields.label))
  out.performed_via_github_app = pickApp(out.performed_via_github_app)
  return out
}

export function webhookComment(rc: RenderContext, repo: RepoRecord, comment: CommentRecord): Json {
  const out = pick(renderComment(rc, repo, comment), webhookFields.issueComment)
  out.user = pickUser(out.user)
  out.performed_via_github_app = pickApp(out.performed_via_github_app)
  return out
}

export { pickApp, pickUser }
