export interface SplitUrl {
  readonly origin: string
  readonly pathname: string
  /** `?a=1`, or `''`. */
  readonly search: string
}

/**
 * The origin, path and query of a Request's URL, cut from the string: the URL is already serialised
 * by the Request, so parsing it again (as `new URL` does) is work every request would pay for nothing.
 * A URL that is not http(s) goes through the URL parser.
 *
 * @example splitUrl(request.url) // { origin: 'http://127.0.0.1:4010', pathname: '/github/user', search: '?a=1' }
 */
export function splitUrl(href: string): SplitUrl {
  // A request's URL is split by each layer it passes (the server's router, then the mock): the
  // last one is kept, and the parts are the same strings each time.
  if (href === last.href) return last.split
  last = { href, split: Object.freeze(split(href)) }
  return last.split
}

let last: { href: string; split: SplitUrl } = { href: '', split: { origin: '', pathname: '/', search: '' } }

function split(href: string): SplitUrl {
  const scheme = href.startsWith('https://') ? 8 : href.startsWith('http://') ? 7 : 0
  if (scheme === 0) {
    const url = new URL(href)
    return { origin: url.origin, pathname: url.pathname, search: url.search }
  }
  const hash = href.indexOf('#')
  const end = hash === -1 ? href.length : hash
  let slash = href.indexOf('/', scheme)
  if (slash === -1 || slash > end) slash = end
  const question = href.indexOf('?', slash)
  const pathEnd = question === -1 || question > end ? end : question
  return {
    origin: href.slice(0, slash),
    pathname: href.slice(slash, pathEnd) || '/',
    search: pathEnd < end && pathEnd + 1 < end ? href.slice(pathEnd, end) : '',
  }
}
