import { expect, test } from 'vitest'
import { createServiceMock, defineService, route } from '../../src/index'

const errors = {
  notFound: () => Response.json({}, { status: 404 }),
  fault: () => Response.json({}, { status: 500 }),
  rateLimited: () => Response.json({}, { status: 429 }),
  internal: (_ctx: unknown, error: unknown) => Response.json({ error: String(error) }, { status: 500 }),
}

// Hooks and routes may answer synchronously, with a promise, or with any thenable: all are waited for.
test('sync, async and thenable answers from hooks, routes and finalize', async () => {
  const mock = createServiceMock(
    defineService({
      name: 'hooks',
      hosts: ['https://hooks.example.com'],
      createState: () => ({}),
      authenticate: (ctx) =>
        ctx.headers.get('authorization') ? undefined : Response.json({ refused: true }, { status: 401 }),
      beforeRoute: async (ctx) => (ctx.path === '/blocked' ? Response.json({}, { status: 403 }) : undefined),
      routes: [
        route.get('/sync', () => Response.json({ how: 'sync' })),
        route.get('/async', async () => Response.json({ how: 'async' })),
        route.get(
          '/thenable',
          () =>
            ({
              // biome-ignore lint/suspicious/noThenProperty: the point is a non-native thenable
              then: (resolve: (r: Response) => void) => resolve(Response.json({ how: 'thenable' })),
            }) as unknown as Promise<Response>,
        ),
        route.get('/blocked', () => Response.json({})),
      ],
      finalize: async (_ctx, response) => {
        response.headers.set('x-finalized', '1')
        return response
      },
      errors,
    }),
  )
  const get = (path: string, auth = true) =>
    mock.fetch(`https://hooks.example.com${path}`, auth ? { headers: { authorization: 'Bearer t' } } : {})
  for (const how of ['sync', 'async', 'thenable']) {
    const response = await get(`/${how}`)
    expect(await response.json()).toEqual({ how })
    expect(response.headers.get('x-finalized')).toBe('1')
  }
  expect((await get('/sync', false)).status).toBe(401)
  expect((await get('/blocked')).status).toBe(403)
})
