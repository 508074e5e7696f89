import { type Ctx, docsOf, json, viewerOf } from '../context'
import { GitHubApiError, notFound } from '../errors'
import { renderContext } from '../fixtures/context'
import { renderFullUser } from '../fixtures/users'
import { getUser } from '../state'
import { op } from './define'

function authenticatedUser(ctx: Ctx) {
  const viewer = viewerOf(ctx)
  if (viewer.kind === 'installation') {
    throw new GitHubApiError(403, 'Resource not accessible by integration', { documentationUrl: docsOf(ctx) })
  }
  if (viewer.kind !== 'user')
    throw new GitHubApiError(401, 'Requires authentication', { documentationUrl: docsOf(ctx) })
  return getUser(ctx.state, viewer.login) ?? notFound(docsOf(ctx))
}

export const userRoutes = [
  op(
    'GET /user',
    (ctx) => json(renderFullUser(renderContext(ctx.state, ctx.baseUrl), authenticatedUser(ctx), true)),
    {
      auth: 'required',
    },
  ),
  op('GET /users/{username}', (ctx) => {
    const user = getUser(ctx.state, ctx.params.username ?? '') ?? notFound(docsOf(ctx))
    return json(renderFullUser(renderContext(ctx.state, ctx.baseUrl), user, false))
  }),
]

export { authenticatedUser }
