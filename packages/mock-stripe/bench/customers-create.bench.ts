import { startServer } from '@understudy/core'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'
import { afterAll, test } from 'vitest'
import { customerDefaults } from '../src/fixtures/customer'
import { createStripeMock } from '../src/index'

/*
 * stripe-node's `customers.create` answered by the stateful mock and by a floor that returns a constant
 * customer with no mock work at all: in-process, a bare msw handler; over HTTP (as `understudy serve`
 * runs it), a bare node:http server. The ratios show what the mock itself costs.
 *
 * stripe-mock is not compared: it is a Go binary shipped through Docker, Homebrew and GitHub releases,
 * not the npm registry, so it cannot be installed here.
 */

// The same object the mock builds, so both sides serialize the same fields.
const CUSTOMER = { ...customerDefaults('cus_bench', 1_767_225_600, 'BENCH001'), email: 'bench@example.com' }

const mock = createStripeMock({ logLimit: 1000 })
const server = setupServer(
  ...mock.handlers,
  http.post('https://bare.stripe.test/v1/customers', () => HttpResponse.json(CUSTOMER)),
)
server.listen({ onUnhandledFrame: 'error' })
const overHttp = await startServer(mock.handle)

const viaMock = new Stripe('sk_test_123', { maxNetworkRetries: 0 })
const viaBare = new Stripe('sk_test_123', { host: 'bare.stripe.test', maxNetworkRetries: 0 })
const viaHttp = new Stripe('sk_test_123', {
  host: '127.0.0.1',
  port: overHttp.port,
  protocol: 'http',
  maxNetworkRetries: 0,
})

// The HTTP floor: a plain node:http server answering the same constant.
const bareHttp = await startServer(async () => Response.json(CUSTOMER))
const viaBareHttp = new Stripe('sk_test_123', {
  host: '127.0.0.1',
  port: bareHttp.port,
  protocol: 'http',
  maxNetworkRetries: 0,
})
let mswListening = true

afterAll(async () => {
  if (mswListening) server.close()
  await overHttp.close()
  await bareHttp.close()
})

const BARE = 'bare msw handler (constant answer)'
const MOCK = '@understudy/mock-stripe in-process (msw)'
const HTTP = '@understudy/mock-stripe over HTTP (startServer)'
const BARE_HTTP = 'bare HTTP server (constant answer)'
const options = { time: 1500, warmupTime: 300 }
const rates = new Map<string, number>()
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

test('stripe.customers.create in-process: the mock against a bare msw handler', async ({ bench }) => {
  const results = await bench.compare(
    bench(BARE, async () => {
      await viaBare.customers.create({ email: 'bench@example.com' })
    }),
    bench(MOCK, async () => {
      await viaMock.customers.create({ email: 'bench@example.com', metadata: { run: 'bench' } })
    }),
    options,
  )
  for (const name of [BARE, MOCK] as const) rates.set(name, results.get(name).throughput.mean)
})

test('stripe.customers.create over HTTP (msw not listening, as with understudy serve)', async ({ bench }) => {
  server.close()
  mswListening = false
  const results = await bench.compare(
    bench(BARE_HTTP, async () => {
      await viaBareHttp.customers.create({ email: 'bench@example.com' })
    }),
    bench(HTTP, async () => {
      await viaHttp.customers.create({ email: 'bench@example.com', metadata: { run: 'bench' } })
    }),
    options,
  )
  for (const name of [BARE_HTTP, HTTP] as const) rates.set(name, results.get(name).throughput.mean)
  const bareHttpRate = rates.get(BARE_HTTP)!
  const bare = rates.get(BARE)!
  console.log(
    [
      'stripe.customers.create, calls/s:',
      `  bare msw handler        ${fmt(bare)}`,
      `  mock in-process (msw)   ${fmt(rates.get(MOCK)!)}  (bare / mock = ${(bare / rates.get(MOCK)!).toFixed(2)}x)`,
      `  bare HTTP server        ${fmt(bareHttpRate)}`,
      `  mock over HTTP          ${fmt(rates.get(HTTP)!)}  (bare HTTP / mock = ${(bareHttpRate / rates.get(HTTP)!).toFixed(2)}x)`,
      '  stripe-mock: not run (a Go binary, not on the npm registry)',
    ].join('\n'),
  )
})
