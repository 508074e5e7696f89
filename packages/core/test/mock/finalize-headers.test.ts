import { setupServer } from 'msw/node'
import { expect, test } from 'vitest'
import { createServiceMock, defineService, mount, route, startServer } from '../../src/index'

const errors = {
  notFound: () => Response.json({}, { status: 404 }),
  fault: (_c: unknown, { status }: { status: number }) => Response.json({}, { status }),
  rateLimited: () => Response.json({}, { status: 429 }),
  internal: () => Response.json({}, { status: 500 }),
}
function make(kind: string) {
  return createServiceMock(
    defineService({
      name: 'exp',
      hosts: ['https://exp.example.com'],
      createState: () => ({}),
      routes: [
        route.get('/json', () => Response.json({ ok: true })),
        route.get(
          '/sse',
          () => new Response('data: 1\n\n', { headers: { 'content-type': 'text/event-stream' } }),
        ),
      ],
      errors,
      finalize(_ctx, response) {
        if (kind === 'mutate') {
          response.headers.set('request-id', 'req_1')
          return response
        }
        if (kind === 'rebuild-body') {
          const r = new Response(response.body, response)
          r.headers.set('request-id', 'req_1')
          return r
        }
        const headers = new Headers(response.headers)
        headers.set('request-id', 'req_1')
        return new Response(response.body, { status: response.status, headers })
      },
    }),
  )
}
// Headers a service's finalize sets, on the route's Response or on a rebuilt one, reach the client in
// every transport: msw in-process, the node:http adapter, mock.fetch, and the request log.
for (const kind of ['mutate', 'rebuild-body', 'rebuild-headers'])
  for (const path of ['/json', '/sse'])
    test(`finalize (${kind}) headers survive every transport: ${path}`, async () => {
      const mock = make(kind)
      const server = setupServer(...mock.handlers)
      server.listen()
      const inproc = await fetch(`https://exp.example.com${path}`)
      server.close()
      const started = await startServer(mount([{ prefix: '/exp', target: mock }]))
      const http = await fetch(`${started.url}/exp${path}`)
      await started.close()
      const direct = await mock.fetch(`https://exp.example.com${path}`)
      expect({
        inProcess: inproc.headers.get('request-id'),
        http: http.headers.get('request-id'),
        fetch: direct.headers.get('request-id'),
        log: mock.requests.at(-1)?.responseHeaders['request-id'],
      }).toEqual({ inProcess: 'req_1', http: 'req_1', fetch: 'req_1', log: 'req_1' })
      expect(await inproc.text()).toBe(await direct.text())
    })
