import { type Route, RouteTable } from './route'
import type { ServiceDefinition } from './types'
import { EndpointIndex, type KnownEndpoint } from './unimplemented'

/** How much of the real API a mock implements, per area of the spec. */
export interface EndpointCoverage {
  readonly total: number
  readonly implemented: number
  /** One row per area, in the order of the spec's list. */
  readonly areas: ReadonlyArray<{
    readonly area: string
    readonly total: number
    readonly implemented: number
  }>
  /** The spec's endpoints that some route serves. */
  readonly implementedEndpoints: readonly KnownEndpoint[]
  /** Routes that serve no endpoint of the spec: hosted pages, aliases, mock-only helpers. */
  readonly unlisted: ReadonlyArray<{ readonly method: string; readonly path: string; readonly name?: string }>
}

// A concrete path for a pattern: every parameter becomes one segment, so `{id}` meets `:id` (and `:rest*`).
const sample = (pattern: string) =>
  pattern
    .replace(/\{\w+\}/g, 'x0')
    .replace(/:\w+\*?/g, 'x0')
    .replace(/(^|\/)\*(?=\/|$)/g, '$1x0')

/**
 * Compares a service's routes with the endpoints of its spec: which endpoints are implemented, per
 * area, and which routes serve something the spec does not list.
 *
 * @example
 * const { implemented, total } = endpointCoverage(service) // 40 of 1223
 */
export function endpointCoverage<S, Seed, C>(definition: ServiceDefinition<S, Seed, C>): EndpointCoverage {
  const endpoints = definition.endpoints ?? []
  const table = new RouteTable(definition.routes)
  const index = new EndpointIndex(endpoints)
  const areas = new Map<string, { area: string; total: number; implemented: number }>()
  const implementedEndpoints: KnownEndpoint[] = []
  for (const endpoint of endpoints) {
    const area = endpoint.area ?? 'other'
    const row = areas.get(area) ?? { area, total: 0, implemented: 0 }
    areas.set(area, row)
    row.total += 1
    const match = table.match(endpoint.method === '*' ? 'POST' : endpoint.method, sample(endpoint.path))
    if (match && !match.methodMismatch) {
      row.implemented += 1
      implementedEndpoints.push(endpoint)
    }
  }
  const unlisted = definition.routes
    .filter(
      (route: Route<S, C>) => !index.match(route.method === '*' ? 'POST' : route.method, sample(route.path)),
    )
    .map((route) => ({
      method: route.method,
      path: route.path,
      ...(route.options.name ? { name: route.options.name } : {}),
    }))
  return {
    total: endpoints.length,
    implemented: implementedEndpoints.length,
    areas: [...areas.values()],
    implementedEndpoints,
    unlisted,
  }
}

/**
 * The coverage as a Markdown table for a README: each area the mock implements something of, one row
 * for the areas it has nothing of (named below the table), and the total.
 *
 * @example
 * coverageTable(endpointCoverage(service), { source: '@octokit/openapi 23.0.2' })
 */
export function coverageTable(coverage: EndpointCoverage, options: { source: string }): string {
  const covered = coverage.areas.filter((a) => a.implemented > 0).sort((a, b) => a.area.localeCompare(b.area))
  const untouched = coverage.areas
    .filter((a) => a.implemented === 0)
    .sort((a, b) => a.area.localeCompare(b.area))
  const percent = coverage.total ? Math.round((coverage.implemented / coverage.total) * 100) : 0
  const lines = [
    `Endpoints implemented, out of those in ${options.source}. Every other endpoint answers \`501\` with \`x-understudy-unimplemented: 1\`.`,
    '',
    '| Area | Implemented | Endpoints |',
    '| --- | ---: | ---: |',
    ...covered.map((a) => `| ${a.area} | ${a.implemented} | ${a.total} |`),
  ]
  if (untouched.length > 0) {
    const total = untouched.reduce((sum, a) => sum + a.total, 0)
    lines.push(`| ${untouched.length} other areas | 0 | ${total} |`)
  }
  lines.push(`| **Total** | **${coverage.implemented}** (${percent}%) | **${coverage.total}** |`)
  if (untouched.length > 0) lines.push('', `Other areas: ${untouched.map((a) => a.area).join(', ')}.`)
  return lines.join('\n')
}
