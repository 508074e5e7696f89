import {
  accessTo,
  actorLogin,
  bodyOf,
  type Ctx,
  docsOf,
  issueNumber,
  json,
  memoJson,
  noContent,
  pageUrl,
  rc,
  repoFor,
  userExists,
} from '../context'
import { GitHubApiError, invalidRequest, notFound, validationFailed } from '../errors'
import { renderIssue } from '../fixtures/issues'
import { paginate } from '../pagination'
import {
  addLabels,
  closeIssue,
  emitIssue,
  labelNames,
  newIssue,
  reopenIssue,
  setAssignees,
  setLabels,
  touch,
} from '../resources/issues'
import { fullName, type IssueRecord, type RepoRecord } from '../state'
import { isAssignable } from './collaborators'
import { op } from './define'

/** The issue in the path: 404 when missing, 410 when the repository has issues turned off. */
export function issueFor(ctx: Ctx, repo: RepoRecord): IssueRecord {
  const number = issueNumber(ctx)
  const issue = repo.issues.get(number)
  if (!issue) notFound(docsOf(ctx))
  if (!repo.has_issues && !issue.pull) issuesDisabled(ctx)
  return issue
}

function issuesDisabled(ctx: Ctx): never {
  throw new GitHubApiError(410, 'Issues are disabled for this repo', { documentationUrl: docsOf(ctx) })
}

function titleOf(ctx: Ctx, value: unknown): string {
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') {
    if (value === undefined) invalidRequest('"title" wasn\'t supplied.', docsOf(ctx))
    invalidRequest(
      `For 'properties/title', ${JSON.stringify(value)} is not a string or integer.`,
      docsOf(ctx),
    )
  }
  return value
}

function checkAssignees(ctx: Ctx, repo: RepoRecord, logins: readonly string[]): void {
  const invalid = logins.filter((login) => !userExists(ctx, login) || !isAssignable(ctx, repo, login))
  if (invalid.length) {
    validationFailed(
      invalid.map((value) => ({ value, resource: 'Issue', field: 'assignees', code: 'invalid' as const })),
      docsOf(ctx),
    )
  }
}

function assigneesOf(body: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(body.assignees)) return body.assignees.filter((a): a is string => typeof a === 'string')
  if (typeof body.assignee === 'string') return [body.assignee]
  if (body.assignee === null) return []
  return undefined
}

/** Filters and sorts for the issue lists (repository issues, search). */
export function filterIssues(ctx: Ctx, issues: Iterable<IssueRecord>, repo: RepoRecord): IssueRecord[] {
  const q = ctx.query
  const state = q.get('state') ?? 'open'
  const labels = (q.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean)
  const assignee = q.get('assignee')
  const creator = q.get('creator')?.toLowerCase()
  const mentioned = q.get('mentioned')?.toLowerCase()
  const sinceRaw = q.get('since')
  const since = sinceRaw ? Date.parse(sinceRaw) : undefined
  const milestone = q.get('milestone')
  const out: IssueRecord[] = []
  for (const issue of issues) {
    if (state !== 'all' && issue.state !== state) continue
    if (labels.length) {
      const names = new Set(issue.labels.map((id) => repo.labels.get(id)?.name.toLowerCase()))
      if (!labels.every((l) => names.has(l))) continue
    }
    if (assignee === 'none' && issue.assignees.length) continue
    if (assignee === '*' && !issue.assignees.length) continue
    if (
      assignee &&
      assignee !== 'none' &&
      assignee !== '*' &&
      !issue.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())
    )
      continue
    if (creator && issue.user.toLowerCase() !== creator) continue
    if (mentioned && !`${issue.title} ${issue.body ?? ''}`.toLowerCase().includes(`@${mentioned}`)) continue
    // Issues have no milestones here: `none` and `*` are the only filters that can match.
    if (milestone && milestone !== 'none' && milestone !== '*') continue
    if (milestone === '*') continue
    if (since !== undefined && Number.isFinite(since) && Date.parse(issue.updated_at) < since) continue
    out.push(issue)
  }
  return sortIssues(out, q.get('sort') ?? 'created', q.get('direction') ?? 'desc')
}

export function sortIssues(issues: IssueRecord[], sort: string, direction: string): IssueRecord[] {
  const key = (i: IssueRecord): number =>
    sort === 'updated' ? Date.parse(i.updated_at) : sort === 'comments' ? i.comments : i.number
  const sign = direction === 'asc' ? 1 : -1
  // Ties (same second, same comment count) fall back to the number, as GitHub's ids do.
  return issues.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number))
}

export const issueRoutes = [
  op('GET /repos/{owner}/{repo}/issues', (ctx) => {
    const repo = repoFor(ctx)
    if (!repo.has_issues) issuesDisabled(ctx)
    const issues = filterIssues(ctx, repo.issues.values(), repo)
    const page = paginate(issues, ctx.query, pageUrl(ctx))
    const r = rc(ctx)
    return json(
      page.items.map((issue) => renderIssue(r, repo, issue)),
      page.link ? { headers: { link: page.link } } : {},
    )
  }),

  op('POST /repos/{owner}/{repo}/issues', async (ctx) => {
    const repo = repoFor(ctx)
    if (!repo.has_issues) issuesDisabled(ctx)
    const body = bodyOf(ctx)
    const title = titleOf(ctx, body.title)
    const canTriage = accessTo(ctx, repo) === 'admin' || accessTo(ctx, repo) === 'write'
    const assignees = assigneesOf(body)
    if (assignees && canTriage) checkAssignees(ctx, repo, assignees)
    const issue = newIssue(ctx, repo, { title, body: typeof body.body === 'string' ? body.body : null })
    // Only people with push access set labels and assignees on new issues; GitHub drops them silently otherwise.
    const labels = canTriage ? (labelNames(body) ?? []) : []
    await emitIssue(ctx, repo, issue, 'opened')
    if (labels.length) await addLabels(ctx, repo, issue, labels)
    if (assignees?.length && canTriage) await setAssignees(ctx, repo, issue, assignees)
    ctx.emit('issue.opened', { repo: fullName(repo), number: issue.number })
    const rendered = renderIssue(rc(ctx), repo, issue, { single: true })
    return json(rendered, { status: 201, headers: { location: String(rendered.url) } })
  }),

  op('GET /repos/{owner}/{repo}/issues/{issue_number}', (ctx) => {
    const repo = repoFor(ctx)
    const issue = issueFor(ctx, repo)
    // The render depends on the state and baseUrl only, not on who asks.
    return memoJson(ctx, `issue ${repo.id} ${issue.number}`, () =>
      renderIssue(rc(ctx), repo, issue, { single: true }),
    )
  }),

  op('PATCH /repos/{owner}/{repo}/issues/{issue_number}', async (ctx) => {
    const repo = repoFor(ctx)
    const issue = issueFor(ctx, repo)
    const access = accessTo(ctx, repo)
    const isAuthor = issue.user.toLowerCase() === actorLogin(ctx).toLowerCase()
    const canTriage = access === 'admin' || access === 'write'
    if (!canTriage && !isAuthor) {
      throw new GitHubApiError(403, 'Must have admin rights to Repository.', {
        documentationUrl: docsOf(ctx),
      })
    }
    const body = bodyOf(ctx)
    if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
      validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state' }], docsOf(ctx))
    }
    const reasons = ['completed', 'not_planned', 'reopened', 'duplicate', null]
    if (body.state_reason !== undefined && !reasons.includes(body.state_reason as string | null)) {
      validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state_reason' }], docsOf(ctx))
    }
    const assignees = assigneesOf(body)
    if (assignees && canTriage) checkAssignees(ctx, repo, assignees)

    const changes: Record<string, { from: string }> = {}
    if (body.title !== undefined) {
      const title = titleOf(ctx, body.title)
      if (title !== issue.title) changes.title = { from: issue.title }
      issue.title = title
    }
    if (body.body !== undefined && (typeof body.body === 'string' || body.body === null)) {
      if (body.body !== issue.body) changes.body = { from: issue.body ?? '' }
      issue.body = body.body
    }
    if (Object.keys(changes).length) {
      touch(ctx, issue)
      await emitIssue(ctx, repo, issue, 'edited', { changes })
    }
    if (canTriage) {
      const labels = labelNames(body.labels === undefined ? undefined : { labels: body.labels })
      if (labels) await setLabels(ctx, repo, issue, labels)
      if (assignees) await setAssignees(ctx, repo, issue, assignees)
    }
    if (body.state === 'closed')
      await closeIssue(ctx, repo, issue, (body.state_reason as IssueRecord['state_reason']) ?? null)
    else if (body.state === 'open') await reopenIssue(ctx, repo, issue)
    else if (body.state_reason !== undefined && issue.state === 'closed')
      issue.state_reason = body.state_reason as IssueRecord['state_reason']
    return json(renderIssue(rc(ctx), repo, issue, { single: true }))
  }),

  op('PUT /repos/{owner}/{repo}/issues/{issue_number}/lock', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    const body = bodyOf(ctx)
    const reason = body.lock_reason
    if (reason !== undefined && !['off-topic', 'too heated', 'resolved', 'spam'].includes(reason as string)) {
      validationFailed([{ resource: 'Issue', code: 'invalid', field: 'lock_reason' }], docsOf(ctx))
    }
    if (!issue.locked) {
      issue.locked = true
      issue.active_lock_reason = typeof reason === 'string' ? reason : null
      touch(ctx, issue)
      await emitIssue(ctx, repo, issue, 'locked')
    }
    return noContent()
  }),

  op('DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    if (issue.locked) {
      issue.locked = false
      issue.active_lock_reason = null
      touch(ctx, issue)
      await emitIssue(ctx, repo, issue, 'unlocked')
    }
    return noContent()
  }),

  op('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    // Users who cannot be assigned are ignored here, not refused.
    const add = (assigneesOf(bodyOf(ctx)) ?? []).filter((login) => isAssignable(ctx, repo, login))
    await setAssignees(ctx, repo, issue, [...issue.assignees, ...add])
    return json(renderIssue(rc(ctx), repo, issue), { status: 201 })
  }),

  op('DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees', async (ctx) => {
    const repo = repoFor(ctx, 'write')
    const issue = issueFor(ctx, repo)
    const remove = new Set((assigneesOf(bodyOf(ctx)) ?? []).map((a) => a.toLowerCase()))
    await setAssignees(
      ctx,
      repo,
      issue,
      issue.assignees.filter((a) => !remove.has(a.toLowerCase())),
    )
    return json(renderIssue(rc(ctx), repo, issue))
  }),
]
