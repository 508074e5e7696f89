import type { GitHubState, IssueRecord, RepoRecord } from '../state'

/** An issue by its global id (`sub_issue_id` names issues so), with its repository. */
export function issueById(
  state: GitHubState,
  id: number,
): { repo: RepoRecord; issue: IssueRecord } | undefined {
  for (const repo of state.reposById.values()) {
    for (const issue of repo.issues.values()) if (issue.id === id) return { repo, issue }
  }
  return undefined
}

/** `sub_issues_summary`: how many sub-issues, how many closed, and the share closed in whole percent. */
export function subIssuesSummary(state: GitHubState, issue: IssueRecord) {
  const children = (issue.sub_issues ?? [])
    .map((id) => issueById(state, id)?.issue)
    .filter((c) => c !== undefined)
  const completed = children.filter((c) => c.state === 'closed').length
  return {
    total: children.length,
    completed,
    percent_completed: children.length ? Math.floor((completed * 100) / children.length) : 0,
  }
}
