import { bodyOf, type Ctx, docsOf, json, pageUrl, rc, repoFor } from '../context'
import { GitHubApiError, invalidRequest, notFound } from '../errors'
import { renderIssue } from '../fixtures/issues'
import { paginate } from '../pagination'
import { touch } from '../resources/issues'
import { issueById } from '../resources/sub-issues'
import type { IssueRecord, RepoRecord } from '../state'
import { op } from './define'
import { issueFor } from './issues'

/** GitHub caps a parent at 100 sub-issues. */
const MAX_SUB_ISSUES = 100

function idOf(ctx: Ctx, body: Record<string, unknown>, field: string, required = true): number | undefined {
  const value = body[field]
  if (value === undefined && !required) return undefined
  if (value === undefined) invalidRequest(`"${field}" wasn't supplied.`, docsOf(ctx))
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    invalidRequest(`For 'properties/${field}', ${JSON.stringify(value)} is not an integer.`, docsOf(ctx))
  }
  return value
}

function unprocessable(ctx: Ctx, message: string): never {
  throw new GitHubApiError(422, message, { documentationUrl: docsOf(ctx) })
}

/** The sub-issue a body names, which must belong to the parent's owner. */
function subIssueFor(ctx: Ctx, repo: RepoRecord, id: number): { repo: RepoRecord; issue: IssueRecord } {
  const found = issueById(ctx.state, id)
  if (!found || found.issue.pull || found.repo.owner.toLowerCase() !== repo.owner.toLowerCase()) {
    notFound(docsOf(ctx))
  }
  return found
}

function answer(ctx: Ctx, repo: RepoRecord, parent: IssueRecord, status = 200): Response {
  return json(renderIssue(rc(ctx), repo, parent, { single: true }), { status })
}

/** @see https://docs.github.com/rest/issues/sub-issues */
export const subIssueRoutes = [
  op('GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', (ctx) => {
    const repo = repoFor(ctx)
    const parent = issueFor(ctx, repo)
    const r = rc(ctx)
    const children = (parent.sub_issues ?? []).flatMap((id) => {
      const found = issueById(ctx.state, id)
      return found ? [renderIssue(r, found.repo, found.issue)] : []
    })
    const page = paginate(children, ctx.query, pageUrl(ctx))
    return json(page.items, page.link ? { headers: { link: page.link } } : {})
  }),

  op('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', (ctx) => {
    const repo = repoFor(ctx, 'write')
    const parent = issueFor(ctx, repo)
    const body = bodyOf(ctx)
    const id = idOf(ctx, body, 'sub_issue_id')!
    const replace = body.replace_parent === true
    const child = subIssueFor(ctx, repo, id)
    const failure = 'An error occurred while adding the sub-issue to the parent issue.'
    if (child.issue.id === parent.id) unprocessable(ctx, `${failure} Issue cannot be a sub-issue of itself`)
    const siblings = parent.sub_issues ?? []
    if (siblings.includes(id)) unprocessable(ctx, `${failure} Issue may not contain duplicate sub-issues`)
    if (child.issue.parent !== undefined && !replace) {
      unprocessable(ctx, `${failure} Sub issue may only have one parent`)
    }
    if (siblings.length >= MAX_SUB_ISSUES) {
      unprocessable(ctx, `${failure} Parent cannot have more than ${MAX_SUB_ISSUES} sub-issues`)
    }
    // An ancestor cannot become its own descendant's child.
    for (let up = parent.parent; up !== undefined; up = issueById(ctx.state, up)?.issue.parent) {
      if (up === id) unprocessable(ctx, `${failure} Sub issue cannot be an ancestor of the parent issue`)
    }
    if (child.issue.parent !== undefined) {
      const old = issueById(ctx.state, child.issue.parent)?.issue
      if (old) old.sub_issues = (old.sub_issues ?? []).filter((s) => s !== id)
    }
    parent.sub_issues = [...siblings, id]
    child.issue.parent = parent.id
    touch(ctx, parent)
    return answer(ctx, repo, parent, 201)
  }),

  op('DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue', (ctx) => {
    const repo = repoFor(ctx, 'write')
    const parent = issueFor(ctx, repo)
    const id = idOf(ctx, bodyOf(ctx), 'sub_issue_id')!
    const child = subIssueFor(ctx, repo, id)
    if (!(parent.sub_issues ?? []).includes(id)) notFound(docsOf(ctx))
    parent.sub_issues = (parent.sub_issues ?? []).filter((s) => s !== id)
    delete child.issue.parent
    touch(ctx, parent)
    return answer(ctx, repo, parent)
  }),

  op('PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority', (ctx) => {
    const repo = repoFor(ctx, 'write')
    const parent = issueFor(ctx, repo)
    const body = bodyOf(ctx)
    const id = idOf(ctx, body, 'sub_issue_id')!
    const after = idOf(ctx, body, 'after_id', false)
    const before = idOf(ctx, body, 'before_id', false)
    if ((after === undefined) === (before === undefined)) {
      unprocessable(ctx, 'Either after_id or before_id must be specified, but not both')
    }
    const order = parent.sub_issues ?? []
    const anchor = (after ?? before)!
    if (!order.includes(id) || !order.includes(anchor)) notFound(docsOf(ctx))
    const rest = order.filter((s) => s !== id)
    const at = rest.indexOf(anchor) + (after !== undefined ? 1 : 0)
    rest.splice(at, 0, id)
    parent.sub_issues = rest
    return answer(ctx, repo, parent)
  }),
]
