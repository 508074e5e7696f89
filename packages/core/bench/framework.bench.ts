/**
 * (a) One request through a framework-defined route (the toy service of test/mock: route table,
 * body parsing, partition, auth hook, finalize, request log) vs a bare msw handler returning the same
 * JSON constant, both through global fetch and msw. Target: the framework route within 1.3x.
 *
 *   pnpm bench bench/framework.bench.ts     (in packages/core)
 */
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, test } from 'vitest'
import { createServiceMock } from '../src/index'
import { toyService } from '../test/mock/toy-service'

const toy = createServiceMock(toyService, {
  seed: { notes: [{ text: 'one' }, { text: 'two' }] },
  logLimit: 1000,
})
const constant = (await toy
  .fetch('https://api.toy.test/v1/notes', { headers: { authorization: 'Bearer sk_test_123' } })
  .then((r) => r.json())) as unknown
toy.reset()
const server = setupServer(
  ...toy.handlers,
  http.get('https://bare.test/v1/notes', () => HttpResponse.json(constant as Record<string, unknown>)),
)
server.listen({ onUnhandledFrame: 'error' })
afterAll(() => server.close())

const headers = { authorization: 'Bearer sk_test_123' }

const BARE = 'bare msw handler returning a constant'
const ROUTE = 'framework-defined route'

test('GET /v1/notes through msw: framework route vs bare handler', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE, async () => {
      await (await fetch('https://bare.test/v1/notes', { headers })).json()
    }),
    bench(ROUTE, async () => {
      await (await fetch('https://api.toy.test/v1/notes', { headers })).json()
    }),
    { time: 1500, warmupTime: 300 },
  )
  const bare = results.get(BARE).throughput.mean
  const route = results.get(ROUTE).throughput.mean
  console.log(
    [
      'GET /v1/notes via fetch + msw:',
      `  ${BARE.padEnd(38)} ${Math.round(bare).toLocaleString('en-US')} req/s`,
      `  ${ROUTE.padEnd(38)} ${Math.round(route).toLocaleString('en-US')} req/s`,
      `  ratio bare / route: ${(bare / route).toFixed(2)}x (target <= 1.3x)`,
    ].join('\n'),
  )
})
