import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A secret-shaped token, built at run time so no such literal sits in the sources. */
export const LEAKED_TOKEN = ['gh', 'p_', 'Ab12'.repeat(9)].join('')

/**
 * A local HTTP server that stands in for a live API (GitHub-shaped answers) while recording: the
 * tests never touch the network.
 */
export async function startLiveApi() {
  const seen: Array<{ method: string; url: string; authorization?: string }> = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      })
      const json = (status: number, value: unknown) =>
        res
          .writeHead(status, {
            'content-type': 'application/json; charset=utf-8',
            'x-github-request-id': 'LIVE:1',
          })
          .end(JSON.stringify(value))
      if (req.method === 'GET' && req.url === '/repos/octo/hello')
        return json(200, { id: 1, full_name: 'octo/hello', private: false })
      if (req.method === 'POST' && req.url === '/repos/octo/hello/issues')
        return json(201, { number: 7, title: (JSON.parse(body) as { title: string }).title, state: 'open' })
      if (req.method === 'GET' && req.url === '/leak') return json(200, { token: LEAKED_TOKEN })
      json(404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
