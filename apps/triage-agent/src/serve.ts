import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Serves a web-standard handler on node:http. The agent needs only this much of a server; a real
 * deployment could use Hono or any platform that speaks Request/Response instead.
 */
export function serve(
  handler: (request: Request) => Promise<Response>,
  options: { port?: number; host?: string } = {},
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const body = Buffer.concat(chunks)
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value)
        else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
      }
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body.length ? { body } : {}),
      })
      const response = await handler(request)
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: (error as Error).message }))
    }
  })
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo
      resolve({
        server,
        url: `http://${host}:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
  })
}
