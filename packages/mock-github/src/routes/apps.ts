import { bodyOf, type Ctx, docsOf, json, pageUrl, rc, viewerOf } from '../context'
import { GitHubApiError, notFound, validationFailed } from '../errors'
import { renderApp, renderInstallation } from '../fixtures/apps'
import { renderRepo } from '../fixtures/repos'
import { locals } from '../locals'
import { paginate } from '../pagination'
import { findRepo, type InstallationRecord, installationCovers, isoTime } from '../state'
import { op } from './define'

function appOf(ctx: Ctx) {
  const viewer = viewerOf(ctx)
  const app = viewer.kind === 'app' ? ctx.state.apps.get(viewer.app) : undefined
  if (!app)
    throw new GitHubApiError(401, 'A JSON web token could not be decoded', { documentationUrl: docsOf(ctx) })
  return app
}

function installationFor(ctx: Ctx): InstallationRecord {
  const app = appOf(ctx)
  const installation = ctx.state.installations.get(Number(ctx.params.installation_id))
  if (!installation || installation.app !== app.id) notFound(docsOf(ctx))
  return installation
}

function accountInstallation(ctx: Ctx, account: string) {
  const app = appOf(ctx)
  const installation = [...ctx.state.installations.values()].find(
    (i) => i.app === app.id && i.account.toLowerCase() === account.toLowerCase(),
  )
  if (!installation) notFound(docsOf(ctx))
  return json(renderInstallation(rc(ctx), installation))
}

function coveredRepos(ctx: Ctx, installation: InstallationRecord, only?: 'all' | string[]) {
  return [...ctx.state.repos.values()].filter((repo) => installationCovers(installation, repo, only))
}

export const appRoutes = [
  op('GET /app', (ctx) => json(renderApp(rc(ctx), appOf(ctx))), { as: 'app' }),

  op(
    'GET /app/installations',
    (ctx) => {
      const app = appOf(ctx)
      const all = [...ctx.state.installations.values()].filter((i) => i.app === app.id)
      const page = paginate(all, ctx.query, pageUrl(ctx))
      const r = rc(ctx)
      return json(
        page.items.map((i) => renderInstallation(r, i)),
        page.link ? { headers: { link: page.link } } : {},
      )
    },
    { as: 'app' },
  ),

  op(
    'GET /app/installations/{installation_id}',
    (ctx) => json(renderInstallation(rc(ctx), installationFor(ctx))),
    { as: 'app' },
  ),

  op(
    'POST /app/installations/{installation_id}/access_tokens',
    (ctx) => {
      const installation = installationFor(ctx)
      const body = bodyOf(ctx)
      let only: 'all' | string[] = 'all'
      const names = Array.isArray(body.repositories) ? (body.repositories as unknown[]) : undefined
      const ids = Array.isArray(body.repository_ids) ? (body.repository_ids as unknown[]) : undefined
      if (names || ids) {
        const covered = coveredRepos(ctx, installation)
        const picked = covered.filter(
          (repo) =>
            names?.some((n) => String(n).toLowerCase() === repo.name.toLowerCase()) || ids?.includes(repo.id),
        )
        if (picked.length !== (names?.length ?? 0) + (ids?.length ?? 0)) {
          validationFailed(
            [
              {
                resource: 'Installation',
                code: 'custom',
                message:
                  'There is at least one repository that does not exist or is not accessible to the parent installation.',
              },
            ],
            docsOf(ctx),
          )
        }
        only = picked.map((repo) => `${repo.owner}/${repo.name}`)
      }
      const permissions = (body.permissions as Record<string, string> | undefined) ?? installation.permissions
      const token = ctx.ids.next('ghs_', 36)
      locals(ctx).onIssue?.(token)
      const expires = ctx.clock.now() + 3600_000
      ctx.state.installationTokens.set(token, {
        token,
        installation: installation.id,
        expires_at: expires,
        repositories: only,
        permissions,
      })
      const r = rc(ctx)
      const selection = only === 'all' ? installation.repositories : only
      return json(
        {
          token,
          expires_at: isoTime(expires),
          permissions,
          repository_selection: selection === 'all' ? 'all' : 'selected',
          ...(selection === 'all'
            ? {}
            : { repositories: coveredRepos(ctx, installation, only).map((repo) => renderRepo(r, repo)) }),
        },
        { status: 201 },
      )
    },
    { as: 'app' },
  ),

  op(
    'GET /repos/{owner}/{repo}/installation',
    (ctx) => {
      const app = appOf(ctx)
      const repo = findRepo(ctx.state, ctx.params.owner ?? '', ctx.params.repo ?? '')
      const installation = repo
        ? [...ctx.state.installations.values()].find((i) => i.app === app.id && installationCovers(i, repo))
        : undefined
      if (!installation) notFound(docsOf(ctx))
      return json(renderInstallation(rc(ctx), installation))
    },
    { as: 'app' },
  ),

  op('GET /orgs/{org}/installation', (ctx) => accountInstallation(ctx, ctx.params.org ?? ''), { as: 'app' }),
  op('GET /users/{username}/installation', (ctx) => accountInstallation(ctx, ctx.params.username ?? ''), {
    as: 'app',
  }),

  op(
    'GET /installation/repositories',
    (ctx) => {
      const viewer = viewerOf(ctx)
      if (viewer.kind !== 'installation') {
        throw new GitHubApiError(
          403,
          'You must authenticate with an installation access token in order to list repositories for an installation.',
          {
            documentationUrl: docsOf(ctx),
          },
        )
      }
      const installation = ctx.state.installations.get(viewer.installation)!
      const all = coveredRepos(ctx, installation, viewer.repositories)
      const page = paginate(all, ctx.query, pageUrl(ctx))
      const r = rc(ctx)
      return json(
        {
          total_count: all.length,
          repository_selection: installation.repositories === 'all' ? 'all' : 'selected',
          repositories: page.items.map((repo) => renderRepo(r, repo)),
        },
        page.link ? { headers: { link: page.link } } : {},
      )
    },
    { auth: 'required' },
  ),
]
