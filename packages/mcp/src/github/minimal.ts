import type { Json } from '../types'

// github-mcp-server trims REST objects into its Minimal* types (pkg/github/minimal_types.go) before
// answering; these do the same, with Go's `omitempty` (empty strings, zeros, false and nil left out).

export function omitEmpty(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && v !== 0 && v !== false,
    ),
  )
}

/** Go's time.RFC3339 for a UTC time: no milliseconds. */
export const rfc3339 = (value: unknown) =>
  typeof value === 'string' ? value.replace(/\.\d+Z$/, 'Z') : undefined

export function minimalUser(user: Json) {
  if (!user) return undefined
  return omitEmpty({
    login: user.login ?? '',
    id: user.id,
    profile_url: user.html_url,
    avatar_url: user.avatar_url,
  })
}

function minimalReactions(r: Json) {
  if (!r) return undefined
  return {
    total_count: r.total_count ?? 0,
    '+1': r['+1'] ?? 0,
    '-1': r['-1'] ?? 0,
    laugh: r.laugh ?? 0,
    confused: r.confused ?? 0,
    heart: r.heart ?? 0,
    hooray: r.hooray ?? 0,
    rocket: r.rocket ?? 0,
    eyes: r.eyes ?? 0,
  }
}

/** convertToMinimalIssue */
export function minimalIssue(issue: Json): Record<string, unknown> {
  const labels = (issue.labels ?? []).map((l: Json) => (typeof l === 'string' ? l : l?.name))
  return {
    ...omitEmpty({
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      draft: issue.draft,
      locked: issue.locked,
      html_url: issue.html_url,
      user: minimalUser(issue.user),
      author_association: issue.author_association,
      labels: labels.length ? labels : undefined,
    }),
    // `assignees` has no omitempty: always present.
    assignees: (issue.assignees ?? []).map((a: Json) => a.login),
    ...omitEmpty({
      milestone: issue.milestone?.title,
      comments: issue.comments,
      reactions: minimalReactions(issue.reactions),
      created_at: rfc3339(issue.created_at),
      updated_at: rfc3339(issue.updated_at),
      closed_at: rfc3339(issue.closed_at),
      closed_by: issue.closed_by?.login,
      issue_type: issue.type?.name,
    }),
    // state is not omitempty either.
    state: issue.state,
  }
}

/** convertToMinimalIssueComment */
export function minimalIssueComment(comment: Json): Record<string, unknown> {
  return {
    id: comment.id,
    ...omitEmpty({ body: comment.body }),
    html_url: comment.html_url,
    ...omitEmpty({
      user: minimalUser(comment.user),
      author_association: comment.author_association,
      reactions: minimalReactions(comment.reactions),
      created_at: rfc3339(comment.created_at),
      updated_at: rfc3339(comment.updated_at),
    }),
  }
}
