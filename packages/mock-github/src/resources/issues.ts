/**
 * State changes on issues shared by several routes (issues, labels, pulls), each with the webhook
 * events GitHub sends for it.
 *
 * @module
 */

import { actorLogin, appOf, type Ctx, rc } from '../context'
import {
  ensureLabel,
  type IssueRecord,
  type LabelRecord,
  nextId,
  nodeId,
  now,
  type RepoRecord,
} from '../state'
import { emitRepoEvent } from '../webhooks/deliver'
import { webhookIssue, webhookLabel, webhookUser } from '../webhooks/payloads'
import { webhookPull } from '../webhooks/pulls'

/** The event name and payload key for an issue or a pull request. */
export function issueEvent(issue: IssueRecord): 'issues' | 'pull_request' {
  return issue.pull ? 'pull_request' : 'issues'
}

/** Sends `issues.<action>` (or `pull_request.<action>`), with the issue as it is now. */
export async function emitIssue(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (issue.pull) {
    await emitRepoEvent(ctx, repo, 'pull_request', {
      action,
      number: issue.number,
      pull_request: webhookPull(ctx, repo, issue),
      ...extra,
    })
    return
  }
  await emitRepoEvent(ctx, repo, 'issues', { action, issue: webhookIssue(rc(ctx), repo, issue), ...extra })
}

/** Label names from any form GitHub takes: `["bug"]`, `{ labels: ["bug"] }`, `[{ name: "bug" }]`. */
export function labelNames(body: unknown): string[] | undefined {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? (body as { labels?: unknown }).labels
      : undefined
  if (list === undefined || list === null) return undefined
  const items = Array.isArray(list) ? list : [list]
  return items
    .map((item) =>
      typeof item === 'string'
        ? item
        : item && typeof item === 'object'
          ? (item as { name?: unknown }).name
          : undefined,
    )
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '')
    .map((name) => name.trim())
}

/** Adds labels (creating missing ones, as GitHub does) and sends one `labeled` event per new label. */
export async function addLabels(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  names: readonly string[],
): Promise<void> {
  const added: LabelRecord[] = []
  for (const name of names) {
    const label = ensureLabel(ctx.state, repo, name)
    if (issue.labels.includes(label.id)) continue
    issue.labels.push(label.id)
    added.push(label)
  }
  if (added.length) touch(ctx, issue)
  for (const label of added)
    await emitIssue(ctx, repo, issue, 'labeled', { label: webhookLabel(rc(ctx), repo, label) })
}

/** Replaces the labels; `unlabeled` and `labeled` events for what changed. */
export async function setLabels(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  names: readonly string[],
): Promise<void> {
  const wanted = names.map((name) => ensureLabel(ctx.state, repo, name))
  const wantedIds = new Set(wanted.map((l) => l.id))
  const removed = issue.labels.filter((id) => !wantedIds.has(id))
  for (const id of removed) await removeLabel(ctx, repo, issue, id)
  await addLabels(
    ctx,
    repo,
    issue,
    wanted.map((l) => l.name),
  )
}

export async function removeLabel(ctx: Ctx, repo: RepoRecord, issue: IssueRecord, id: number): Promise<void> {
  const label = repo.labels.get(id)
  issue.labels = issue.labels.filter((l) => l !== id)
  touch(ctx, issue)
  if (label) await emitIssue(ctx, repo, issue, 'unlabeled', { label: webhookLabel(rc(ctx), repo, label) })
}

export async function setAssignees(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  logins: readonly string[],
): Promise<void> {
  const before = issue.assignees
  const after = [...new Set(logins)]
  issue.assignees = after
  const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()))
  const beforeSet = lower(before)
  const afterSet = lower(after)
  if (before.length !== after.length || after.some((a) => !beforeSet.has(a.toLowerCase()))) touch(ctx, issue)
  for (const login of before) {
    if (!afterSet.has(login.toLowerCase()))
      await emitIssue(ctx, repo, issue, 'unassigned', { assignee: webhookUser(rc(ctx), login) })
  }
  for (const login of after) {
    if (!beforeSet.has(login.toLowerCase()))
      await emitIssue(ctx, repo, issue, 'assigned', { assignee: webhookUser(rc(ctx), login) })
  }
}

export function touch(ctx: Ctx, issue: IssueRecord): void {
  issue.updated_at = now(ctx.state)
}

export async function closeIssue(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  reason: IssueRecord['state_reason'],
): Promise<void> {
  if (issue.state === 'closed') {
    if (reason && reason !== issue.state_reason) issue.state_reason = reason
    return
  }
  issue.state = 'closed'
  issue.state_reason = issue.pull ? null : (reason ?? 'completed')
  issue.closed_at = now(ctx.state)
  issue.closed_by = actorLogin(ctx)
  touch(ctx, issue)
  await emitIssue(ctx, repo, issue, 'closed')
}

export async function reopenIssue(ctx: Ctx, repo: RepoRecord, issue: IssueRecord): Promise<void> {
  if (issue.state === 'open') return
  issue.state = 'open'
  issue.state_reason = issue.pull ? null : 'reopened'
  issue.closed_at = null
  issue.closed_by = null
  touch(ctx, issue)
  await emitIssue(ctx, repo, issue, 'reopened')
}

/** A new issue (or the issue half of a pull request), numbered in the repository's shared sequence. */
export function newIssue(
  ctx: Ctx,
  repo: RepoRecord,
  input: { title: string; body: string | null },
): IssueRecord {
  const at = now(ctx.state)
  const number = repo.nextNumber++
  const via = appOf(ctx)
  const issue: IssueRecord = {
    id: nextId(ctx.state, 'issue'),
    node_id: nodeId(ctx.state, 'Issue'),
    number,
    title: input.title,
    body: input.body,
    user: actorLogin(ctx),
    labels: [],
    assignees: [],
    state: 'open',
    state_reason: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    created_at: at,
    updated_at: at,
    closed_at: null,
    closed_by: null,
    reactions: [],
    ...(via !== undefined ? { via_app: via } : {}),
  }
  repo.issues.set(number, issue)
  return issue
}
