import { compilePattern, type Route, route } from '@understudy/core'
import type { GitHubConfig } from '../config'
import { accessTo, type Ctx, docsOf } from '../context'
import { notFound } from '../errors'
import type { GitHubState } from '../state'
import type { OperationMeta } from './define'

/**
 * `/repositories/{id}/...`: GitHub's own spelling of repository URLs in Link headers (what
 * `octokit.paginate` follows). Each request is served by the `/repos/{owner}/{repo}/...` route it
 * stands for.
 */
export function repositoryAliasRoutes(
  routes: () => readonly Route<GitHubState, GitHubConfig>[],
): Route<GitHubState, GitHubConfig>[] {
  let table:
    | Array<{
        route: Route<GitHubState, GitHubConfig>
        match: (path: string) => Record<string, string> | undefined
      }>
    | undefined
  const serve = (ctx: Ctx) => {
    table ??= routes()
      .filter((r) => r.path.startsWith('/repos/:owner/:repo'))
      .map((r) => ({ route: r, match: compilePattern(r.path).match }))
    const repo = ctx.state.reposById.get(Number(ctx.params.repository_id))
    if (!repo || accessTo(ctx, repo) === 'none') notFound(docsOf(ctx))
    const rest = ctx.params.rest ? `/${ctx.params.rest}` : ''
    const path = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}${rest}`
    const method = ctx.method === 'HEAD' ? 'GET' : ctx.method
    for (const { route: target, match } of table) {
      if (target.method !== method) continue
      const params = match(path)
      if (params) return target.handle({ ...ctx, path, params, routeOptions: target.options })
    }
    return notFound(docsOf(ctx))
  }
  const meta: Partial<OperationMeta> = {
    docs: 'https://docs.github.com/rest',
    auth: 'optional',
    resource: 'core',
  }
  return [
    route.all('/repositories/:repository_id', serve, { name: 'repositories alias', meta }),
    route.all('/repositories/:repository_id/:rest*', serve, { name: 'repositories alias', meta }),
  ]
}
