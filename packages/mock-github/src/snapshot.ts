import { fullName, type GitHubState } from './state'

/** A JSON-safe, readable view of a partition for the dashboard and the admin API. */
export function snapshotState(state: GitHubState): unknown {
  return {
    viewer: state.viewer,
    users: [...state.users.values()].map((u) => ({ login: u.login, id: u.id, type: u.type })),
    repos: [...state.repos.values()].map((repo) => ({
      full_name: fullName(repo),
      id: repo.id,
      private: repo.private,
      default_branch: repo.default_branch,
      labels: [...repo.labels.values()].map((l) => ({ name: l.name, color: l.color })),
      issues: [...repo.issues.values()].map((i) => ({
        number: i.number,
        title: i.title,
        state: i.state,
        user: i.user,
        labels: i.labels.map((id) => repo.labels.get(id)?.name).filter(Boolean),
        assignees: i.assignees,
        comments: [...repo.comments.values()]
          .filter((c) => c.issue === i.number)
          .map((c) => ({ id: c.id, user: c.user, body: c.body })),
        ...(i.pull
          ? {
              pull_request: {
                head: i.pull.head,
                base: i.pull.base,
                merged: i.pull.merged,
                draft: i.pull.draft,
              },
            }
          : {}),
      })),
      hooks: [...repo.hooks.values()].map((h) => ({
        id: h.id,
        url: h.config.url,
        events: h.events,
        active: h.active,
        last_response: h.last_response,
      })),
      branches: Object.fromEntries(
        [...repo.branches].map(([name, sha]) => [
          name,
          { sha, files: [...(repo.commits.get(sha)?.files.keys() ?? [])] },
        ]),
      ),
    })),
    apps: [...state.apps.values()].map((a) => ({ id: a.id, slug: a.slug, owner: a.owner })),
    installations: [...state.installations.values()].map((i) => ({
      id: i.id,
      app: i.app,
      account: i.account,
      repositories: i.repositories,
    })),
    rate_limits: Object.fromEntries(state.rate),
  }
}
