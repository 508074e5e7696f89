import { type Ctx, json, viewerOf } from '../context'
import { peek } from '../rate-limit'
import { op } from './define'

const ZEN = 'Practicality beats purity.'

function root(ctx: Ctx): Record<string, string> {
  const api = ctx.baseUrl
  return {
    current_user_url: `${api}/user`,
    current_user_authorizations_html_url: 'https://github.com/settings/connections/applications{/client_id}',
    authorizations_url: `${api}/authorizations`,
    code_search_url: `${api}/search/code?q={query}{&page,per_page,sort,order}`,
    commit_search_url: `${api}/search/commits?q={query}{&page,per_page,sort,order}`,
    emails_url: `${api}/user/emails`,
    emojis_url: `${api}/emojis`,
    events_url: `${api}/events`,
    feeds_url: `${api}/feeds`,
    followers_url: `${api}/user/followers`,
    following_url: `${api}/user/following{/target}`,
    gists_url: `${api}/gists{/gist_id}`,
    hub_url: 'https://api.github.com/hub',
    issue_search_url: `${api}/search/issues?q={query}{&page,per_page,sort,order}`,
    issues_url: `${api}/issues`,
    keys_url: `${api}/user/keys`,
    label_search_url: `${api}/search/labels?q={query}&repository_id={repository_id}{&page,per_page}`,
    notifications_url: `${api}/notifications`,
    organization_url: `${api}/orgs/{org}`,
    organization_repositories_url: `${api}/orgs/{org}/repos{?type,page,per_page,sort}`,
    organization_teams_url: `${api}/orgs/{org}/teams`,
    public_gists_url: `${api}/gists/public`,
    rate_limit_url: `${api}/rate_limit`,
    repository_url: `${api}/repos/{owner}/{repo}`,
    repository_search_url: `${api}/search/repositories?q={query}{&page,per_page,sort,order}`,
    current_user_repositories_url: `${api}/user/repos{?type,page,per_page,sort}`,
    starred_url: `${api}/user/starred{/owner}{/repo}`,
    starred_gists_url: `${api}/gists/starred`,
    topic_search_url: `${api}/search/topics?q={query}{&page,per_page}`,
    user_url: `${api}/users/{user}`,
    user_organizations_url: `${api}/user/orgs`,
    user_repositories_url: `${api}/users/{user}/repos{?type,page,per_page,sort}`,
    user_search_url: `${api}/search/users?q={query}{&page,per_page,sort,order}`,
  }
}

/** `/`, `/zen` and `/rate_limit`; `GET /rate_limit` does not count against the limit, as on GitHub. */
export const metaRoutes = [
  op('GET /', (ctx) => json(root(ctx)), { resource: false }),
  op('GET /zen', () => new Response(ZEN, { headers: { 'content-type': 'text/plain;charset=utf-8' } }), {
    resource: false,
  }),
  op(
    'GET /rate_limit',
    (ctx) => {
      const viewer = viewerOf(ctx)
      const core = peek(ctx.state, ctx.config.rateLimits, viewer, 'core')
      const search = peek(ctx.state, ctx.config.rateLimits, viewer, 'search')
      const entry = (s: typeof core) => ({
        limit: s.limit,
        used: s.used,
        remaining: s.remaining,
        reset: s.reset,
      })
      const idle = (limit: number) => ({ limit, used: 0, remaining: limit, reset: core.reset })
      return json({
        resources: {
          core: entry(core),
          search: entry(search),
          graphql: idle(5000),
          integration_manifest: idle(5000),
          source_import: idle(100),
          code_scanning_upload: idle(1000),
          actions_runner_registration: idle(10000),
          scim: idle(15000),
          dependency_snapshots: idle(100),
          code_search: idle(10),
        },
        rate: entry(core),
      })
    },
    { resource: false },
  ),
]
