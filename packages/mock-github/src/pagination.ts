/**
 * Page-number pagination as GitHub does it: `per_page` (default 30, at most 100) and `page`, with a
 * `Link` header listing prev, next, last and first, in that order, on the base the request came in on.
 *
 * @see https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
 * @module
 */

export interface Page<T> {
  items: T[]
  /** The `Link` header value, or undefined when everything fits on one page. */
  link: string | undefined
}

export interface PageParams {
  perPage: number
  page: number
}

/** Reads `per_page`/`page` as GitHub does: junk falls back to the defaults, per_page is capped at 100. */
export function pageParams(query: URLSearchParams, defaultPerPage = 30): PageParams {
  const perPageRaw = Number.parseInt(query.get('per_page') ?? '', 10)
  const pageRaw = Number.parseInt(query.get('page') ?? '', 10)
  const perPage = Number.isFinite(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 100) : defaultPerPage
  const page = Number.isFinite(pageRaw) && pageRaw > 0 ? pageRaw : 1
  return { perPage, page }
}

/**
 * Slices `all` to the requested page and builds the Link header.
 *
 * @example
 * const { items, link } = paginate(issues, ctx.query, `${ctx.baseUrl}${ctx.path}`)
 */
export function paginate<T>(
  all: readonly T[],
  query: URLSearchParams,
  pageUrl: string,
  maxItems?: number,
): Page<T> {
  const { perPage, page } = pageParams(query)
  const total = maxItems === undefined ? all.length : Math.min(all.length, maxItems)
  const items = all.slice((page - 1) * perPage, Math.min(page * perPage, total))
  const last = Math.max(1, Math.ceil(total / perPage))
  if (last === 1 && page === 1) return { items, link: undefined }
  const url = (n: number) => {
    const params = new URLSearchParams(query)
    params.set('page', String(n))
    return `<${pageUrl}?${params.toString()}>`
  }
  const parts: string[] = []
  if (page > 1) parts.push(`${url(Math.min(page - 1, last))}; rel="prev"`)
  if (page < last) parts.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`)
  if (page > 1) parts.push(`${url(1)}; rel="first"`)
  return { items, link: parts.length ? parts.join(', ') : undefined }
}
