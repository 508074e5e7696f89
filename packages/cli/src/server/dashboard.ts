import { DASHBOARD_HTML } from '../dashboard/page'

/** `GET /`: the dashboard, one self-contained page. */
export function dashboardResponse(request: Request): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } })
  return new Response(request.method === 'HEAD' ? null : DASHBOARD_HTML, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // Everything is inline; nothing may load from elsewhere.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src data:",
    },
  })
}
