import { isIP } from 'node:net'

/**
 * Who may use the admin API and the dashboard. A web page the developer happens to open must not
 * drive them: not by posting to `127.0.0.1:4010` from another origin (cross-site request), and not
 * by pointing its own domain at 127.0.0.1 (DNS rebinding, which makes the browser send that
 * domain as `Host`). The checks are those of Vite's and webpack-dev-server's host checks.
 */
export interface AccessPolicy {
  /**
   * Host names allowed besides localhost names, IP addresses and the bound address: `'ci.local'`
   * exactly, `'.example.test'` for it and every subdomain, or `true` to allow any (only behind a
   * network you trust).
   */
  readonly allowedHosts?: readonly string[] | true
  /** The interface the server is bound to (`--host`). */
  readonly boundHost: string
}

/** Why a request was refused, for the 403 body. */
export type Refusal = { status: 403; reason: string }

function hostnameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(host.trim())
  if (!match) return undefined
  return match[1]!
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase()
}

/** Whether a Host name is one the admin API answers to. */
export function isAllowedHostname(hostname: string, policy: AccessPolicy): boolean {
  if (policy.allowedHosts === true) return true
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true
  // A rebinding attack needs a domain name; an address literal cannot be rebound.
  if (isIP(hostname) !== 0) return true
  const bound = policy.boundHost.replace(/^\[|\]$/g, '').toLowerCase()
  if (hostname === bound) return true
  for (const entry of policy.allowedHosts ?? []) {
    const allowed = entry.toLowerCase()
    if (
      allowed.startsWith('.')
        ? hostname === allowed.slice(1) || hostname.endsWith(allowed)
        : hostname === allowed
    )
      return true
  }
  return false
}

const HINT =
  'The admin API and the dashboard answer only local callers. If you reach the server under another name, start it with --allowed-hosts <name> (option allowedHosts); see SECURITY.md.'

/**
 * Checks a request for the admin API or the dashboard: a Host it may be reached under, and no
 * cross-origin browser behind it (`Origin` of another origin, or `Sec-Fetch-Site: cross-site`/
 * `same-site`). Returns why it is refused, or undefined when it may pass.
 */
export function checkAccess(
  headers: { host?: string | undefined; origin?: string | undefined; 'sec-fetch-site'?: string | undefined },
  policy: AccessPolicy,
): Refusal | undefined {
  const host = headers.host
  const hostname = host ? hostnameOf(host) : undefined
  if (!host || !hostname || !isAllowedHostname(hostname, policy))
    return { status: 403, reason: `Host "${host ?? ''}" is not allowed. ${HINT}` }
  const site = headers['sec-fetch-site']
  if (site && site !== 'same-origin' && site !== 'none')
    return { status: 403, reason: `Cross-site requests (Sec-Fetch-Site: ${site}) are refused. ${HINT}` }
  const origin = headers.origin
  if (origin !== undefined) {
    let originHost: string | undefined
    try {
      const url = new URL(origin)
      originHost = url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : undefined
    } catch {
      originHost = undefined
    }
    // Same origin (the dashboard itself), or a page on a host the user allowed by name.
    const sameOrigin = originHost !== undefined && originHost === host.toLowerCase()
    const listed =
      originHost !== undefined &&
      Array.isArray(policy.allowedHosts) &&
      isListed(hostnameOf(originHost) ?? '', policy.allowedHosts)
    if (!sameOrigin && !listed)
      return { status: 403, reason: `Requests from the page at ${origin} are refused. ${HINT}` }
  }
  return undefined
}

function isListed(hostname: string, list: readonly string[]): boolean {
  return list.some((entry) => {
    const allowed = entry.toLowerCase()
    return allowed.startsWith('.')
      ? hostname === allowed.slice(1) || hostname.endsWith(allowed)
      : hostname === allowed
  })
}

/** Paths the access policy guards: the admin API (health aside) and the dashboard. */
export function isGuardedPath(path: string): boolean {
  const query = path.indexOf('?')
  const pathname = query === -1 ? path : path.slice(0, query)
  if (pathname === '/_understudy/health') return false
  return (
    pathname === '/' ||
    pathname === '/index.html' ||
    pathname === '/_understudy' ||
    pathname.startsWith('/_understudy/')
  )
}
