import { http } from 'msw'

/** An msw request handler, typed loosely so it fits msw 2 and msw 3. */
export type MswHandler = ReturnType<typeof http.all>

/**
 * One catch-all msw handler per base: the mock answers everything under the host, unknown paths
 * included (with the service's own 404), as the real host would.
 */
export function createMswHandlers(
  bases: readonly string[],
  handle: (request: Request) => Promise<Response>,
): MswHandler[] {
  return [...new Set(bases)].map((base) =>
    http.all(`${base.replace(/\/+$/, '')}/*`, ({ request }) => handle(request)),
  )
}
