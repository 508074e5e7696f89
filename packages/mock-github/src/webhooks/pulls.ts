import { type Ctx, rc } from '../context'
import { renderPull } from '../fixtures/pulls'
import { webhookFields } from '../generated/webhook-fields'
import type { IssueRecord, RepoRecord } from '../state'
import { pick, pickUser, webhookRepo } from './payloads'

type Json = Record<string, unknown>

function pickBranch(branch: Json, r: ReturnType<typeof rc>, repo: RepoRecord): Json {
  return { ...branch, user: pickUser(branch.user), repo: webhookRepo(r, repo) }
}

/**
 * `pull_request` in a payload, trimmed to what the webhook schema allows: the full pull request, or the
 * simple one (no merge state, no counters) that review events carry.
 */
export function webhookPull(
  ctx: Ctx,
  repo: RepoRecord,
  issue: IssueRecord,
  options: { simple?: boolean } = {},
): Json {
  const r = rc(ctx)
  const out = pick(renderPull(r, repo, issue, options), webhookFields.pullRequest)
  out.user = pickUser(out.user)
  out.assignee = pickUser(out.assignee)
  out.assignees = (out.assignees as unknown[]).map(pickUser)
  if ('merged_by' in out) out.merged_by = pickUser(out.merged_by)
  out.labels = (out.labels as Json[]).map((l) => pick(l, webhookFields.label))
  out.head = pickBranch(out.head as Json, r, repo)
  out.base = pickBranch(out.base as Json, r, repo)
  return out
}
