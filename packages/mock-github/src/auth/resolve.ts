import type { Ctx, Viewer } from '../context'
import { GitHubApiError } from '../errors'
import { looksLikeJwt, verifyAppJwt } from './jwt'

export interface TokenPolicy {
  /** `any` (default): unknown tokens act as the default user. `known`: only seeded and issued tokens work. */
  tokens: 'any' | 'known'
}

function badCredentials(): never {
  throw new GitHubApiError(401, 'Bad credentials', { documentationUrl: 'https://docs.github.com/rest' })
}

/** Who the request's credential stands for; throws GitHub's 401 for credentials it refuses. */
export function resolveViewer(ctx: Ctx, policy: TokenPolicy): Viewer | Promise<Viewer> {
  const token = ctx.credential
  if (!token) return { kind: 'anonymous' }
  // Only an app's JWT needs a signature check (asynchronous); tokens are looked up at once, so most
  // requests cost no promise here. Bad credentials throw synchronously then.
  if (looksLikeJwt(token)) return verifyAppJwt(ctx.state, token).then((app) => ({ kind: 'app', app: app.id }))
  const issued = ctx.state.installationTokens.get(token)
  if (issued) {
    if (issued.expires_at <= ctx.clock.now()) badCredentials()
    const installation = ctx.state.installations.get(issued.installation)
    const app = installation ? ctx.state.apps.get(installation.app) : undefined
    if (!installation || !app) badCredentials()
    return {
      kind: 'installation',
      installation: installation.id,
      app: app.id,
      login: `${app.slug}[bot]`,
      repositories: issued.repositories,
    }
  }
  // An installation token the mock never issued (or one from a reset mock) is as bad as a revoked one.
  if (token.startsWith('ghs_')) badCredentials()
  const login = ctx.state.tokens.get(token)
  if (login) return { kind: 'user', login }
  if (policy.tokens === 'known') badCredentials()
  return { kind: 'user', login: ctx.state.viewer }
}
