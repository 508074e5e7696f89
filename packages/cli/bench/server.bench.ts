import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mount, type StartedServer, startServer } from '@understudy/core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createUnderstudyServer, type UnderstudyServer } from '../src/index'
import { type LoadResult, load, table } from './load'

// Throughput and p99 latency of a simple GET through `understudy serve`, against a raw node:http
// server answering the same JSON on the same machine in the same run. autocannon runs in a child
// process; each pair is measured twice, interleaved, and the better run of each counts, which
// evens out noise from other work on the machine. Loopback only; about 40 s in all.

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4)
const CONNECTIONS = 64
const TARGET_RATIO = 0.7

let understudy: UnderstudyServer
let bare: StartedServer | undefined
const raws: Server[] = []
const results: LoadResult[] = []

async function rawServer(body: string, headers: Record<string, string>): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve))
  raws.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

beforeAll(async () => {
  understudy = await createUnderstudyServer({
    port: 0,
    seed: { github: { repos: [{ full_name: 'octo/hello' }] } },
    logLimit: 1000,
    // GitHub's real 5,000 requests an hour would end the run early.
    serviceOptions: { github: { rateLimits: { core: 1_000_000_000 } } },
  })
})
afterAll(async () => {
  await understudy?.close()
  await bare?.close()
  for (const server of raws) await new Promise((resolve) => server.close(resolve))
  if (results.length) process.stdout.write(`\n${table(results)}\n`)
})

type Kind = 'raw' | 'understudy' | 'bare mock'

/**
 * `bareUrl`: the same mock instance served by core's `startServer(mount(...))` alone, which tells
 * the server layer's own cost apart from the mock's.
 */
async function compare(name: string, path: string, headers: Record<string, string> = {}, bareUrl?: string) {
  const sample = await fetch(`${understudy.url}${path}`, { headers })
  expect(sample.status).toBe(200)
  const rawUrl = await rawServer(await sample.text(), { 'content-type': sample.headers.get('content-type')! })
  const best: Partial<Record<Kind, LoadResult>> = {}
  const kinds: Kind[] = bareUrl ? ['raw', 'understudy', 'bare mock'] : ['raw', 'understudy']
  for (let round = 0; round < 2; round++) {
    for (const kind of kinds) {
      const url =
        kind === 'raw'
          ? `${rawUrl}${path}`
          : kind === 'bare mock'
            ? `${bareUrl}${path}`
            : `${understudy.url}${path}`
      const result = await load(url, {
        title: `${name} (${kind})`,
        connections: CONNECTIONS,
        durationS: DURATION_S,
        headers,
      })
      expect(result.errors + result.timeouts + result.non2xx).toBe(0)
      if (!best[kind] || result.rps > best[kind]!.rps) best[kind] = result
    }
  }
  results.push(...kinds.map((kind) => best[kind]!))
  const ratio = best.understudy!.rps / best.raw!.rps
  const layer = best['bare mock']
    ? `; the same mock behind core's bare startServer: ${best['bare mock'].rps.toFixed(0)} req/s, so the server layer keeps ${(best.understudy!.rps / best['bare mock'].rps).toFixed(2)}x of it`
    : ''
  process.stdout.write(
    `${name}: understudy ${best.understudy!.rps.toFixed(0)} req/s (p99 ${best.understudy!.p99} ms) vs raw node:http ${best.raw!.rps.toFixed(0)} req/s (p99 ${best.raw!.p99} ms): ratio ${ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})${layer}\n`,
  )
  return ratio
}

test(`GET /_understudy/health at ${CONNECTIONS} connections vs raw node:http`, async () => {
  await compare('GET /_understudy/health', '/_understudy/health')
})

test(`GET /github/repos/octo/hello at ${CONNECTIONS} connections vs raw node:http`, async () => {
  bare = await startServer(mount([{ prefix: '/github', target: understudy.mocks.github! }]), { port: 0 })
  const auth = { authorization: 'token ghp_test' }
  await compare('GET /github/repos/octo/hello', '/github/repos/octo/hello', auth, bare.url)
})

test('holds 1,000 concurrent connections without errors', async () => {
  const result = await load(`${understudy.url}/_understudy/health`, {
    title: 'GET /_understudy/health (1000 conns)',
    connections: 1000,
    durationS: DURATION_S,
  })
  results.push(result)
  expect(result.requests).toBeGreaterThan(1000)
  expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
    errors: 0,
    timeouts: 0,
    non2xx: 0,
  })
})
