import type { Route, RouteHandler } from '@understudy/core'
import type { GitHubConfig } from '../config'
import { type EndpointInfo, type EndpointKey, endpoints } from '../generated/endpoints'
import type { GitHubState } from '../state'

/** What a GitHub route needs besides its handler. */
export interface OperationOptions {
  /** `required`: 401 without credentials even for GET. `none`: served without looking at credentials. */
  auth?: 'required' | 'optional' | 'none'
  /** `app`: only a GitHub App's JWT is accepted (the `/app` endpoints). */
  as?: 'app'
  /** Which rate-limit bucket it counts against; `false` for calls GitHub does not count. */
  resource?: 'core' | 'search' | false
  /** Serve on this path pattern instead of the one derived from the key (a `:path*` catch-all...). */
  path?: string
}

export interface OperationMeta extends Record<string, unknown> {
  readonly docs: string
  readonly operation: EndpointKey
  readonly auth: 'required' | 'optional' | 'none'
  readonly as?: 'app'
  readonly resource: 'core' | 'search' | false
}

const DOCS_ROOT = 'https://docs.github.com/rest/'

/** The absolute docs URL of an operation (the generated list keeps most relative to the REST root). */
export function docsUrl(info: EndpointInfo): string {
  return /^https?:/.test(info.docs) ? info.docs : DOCS_ROOT + info.docs
}

/**
 * A route for one operation of the official description, named as the description names it
 * (`GET /repos/{owner}/{repo}/issues/{issue_number}`): the key is type-checked against the generated
 * list, and errors link the operation's docs page.
 *
 * @example
 * op('GET /repos/{owner}/{repo}/issues/{issue_number}', (ctx) => json(ctx, issue))
 */
export function op(
  key: EndpointKey,
  handle: RouteHandler<GitHubState, GitHubConfig>,
  options: OperationOptions = {},
): Route<GitHubState, GitHubConfig> {
  const [method, path] = key.split(' ') as [Route<GitHubState>['method'], string]
  const meta: OperationMeta = {
    docs: docsUrl(endpoints[key]),
    operation: key,
    auth: options.auth ?? (method === 'GET' ? 'optional' : 'required'),
    ...(options.as ? { as: options.as } : {}),
    resource: options.resource ?? 'core',
  }
  return {
    method,
    path: options.path ?? path.replace(/\{(\w+)\}/g, ':$1'),
    handle,
    options: { name: key, meta, ...(meta.auth === 'none' ? { auth: false } : {}) },
  }
}
