/**
 * Issue 15, target 4: loading and replaying a 10,000-interaction cassette through fetch in `none` mode,
 * against Polly.js (adapter-fetch, persister-fs) replaying the same traffic, and nock back for
 * reference. 10,000 recorded GETs (a ~400-byte JSON body each) from a local server; every run loads the
 * recording from disk and replays all 10,000 requests through the global fetch, one after another, then
 * stops. Then the heap each one holds: with the recording loaded, and after replaying all of it.
 * Targets, as ratios from the same run: understudy >= 5x faster than Polly, heap no larger than Polly's.
 *
 *   pnpm turbo run bench --filter=@understudy/core   (builds first; about 2 min)
 *
 * Ours is the built package (dist/), loaded natively like Polly and nock from node_modules: from source,
 * vitest's module runner would route every call between our modules through its import getters.
 * The recordings are made in a temp dir at setup, never committed: ours and nock's fixture are written
 * directly, Polly's is recorded by Polly itself (its entry ids are its own hashes).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import FetchAdapter from '@pollyjs/adapter-fetch'
import { Polly } from '@pollyjs/core'
import FSPersister from '@pollyjs/persister-fs'
import nock from 'nock'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type * as Core from '../src/index'

const { createCassetteFile, serializeCassette, startCassette } = (await import(
  /* @vite-ignore */ new URL('../dist/index.js', import.meta.url).href
)) as typeof Core
type Interaction = Core.Interaction

// nock patches the moment it is imported; keep it off except in its own runs.
nock.restore()
Polly.register(FetchAdapter)
Polly.register(FSPersister)

const TOTAL = 10_000
const body = (i: number) =>
  JSON.stringify({
    id: i,
    number: i + 1,
    title: `Issue ${i}`,
    state: i % 3 ? 'open' : 'closed',
    labels: [{ name: 'bug', color: 'd73a4a' }],
    body: 'Steps to reproduce: '.padEnd(240, 'x'),
    url: `https://api.github.com/repos/octo/hello/issues/${i + 1}`,
  })

let dir: string
let base: string
const gc = exposeGc()

function exposeGc(): () => void {
  setFlagsFromString('--expose_gc')
  return runInNewContext('gc') as () => void
}

/**
 * heapUsed once garbage from earlier runs is gone: a single gc() leaves finalizers and closing sockets
 * of the previous tool pending.
 */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 5; i++) {
    gc()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return process.memoryUsage().heapUsed
}

/** GET through whatever global fetch is installed, checking the replayed body. */
async function get(i: number): Promise<void> {
  const response = await fetch(`${base}/items/${i}`)
  const text = await response.text()
  if (response.status !== 200 || text.length < 300) throw new Error(`bad replay of ${i}: ${response.status}`)
}

async function replayAll(): Promise<void> {
  for (let i = 0; i < TOTAL; i++) await get(i)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'understudy-bench-'))
  const server = http.createServer((req, res) => {
    const i = Number(req.url!.split('/').pop())
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(body(i))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  // Ours: the file withCassette would have written.
  const interactions: Interaction[] = Array.from({ length: TOTAL }, (_, i) => ({
    recordedAt: new Date().toISOString(),
    request: { method: 'GET', url: `${base}/items/${i}`, headers: {} },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: { json: JSON.parse(body(i)) },
    },
  }))
  writeFileSync(join(dir, 'bench.json'), serializeCassette(createCassetteFile('bench', interactions)))

  // nock back: its fixture format, an array of nock.define() definitions.
  writeFileSync(
    join(dir, 'nock.json'),
    JSON.stringify(
      Array.from({ length: TOTAL }, (_, i) => ({
        scope: base,
        method: 'GET',
        path: `/items/${i}`,
        status: 200,
        response: JSON.parse(body(i)),
        rawHeaders: ['content-type', 'application/json'],
      })),
    ),
  )

  // Polly: recorded by Polly from the real server, through fetch.
  const polly = pollyFor('record')
  await replayAll()
  await polly.stop()
  server.close()
}, 600_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function pollyFor(mode: 'record' | 'replay') {
  return new Polly('bench', {
    mode,
    adapters: ['fetch'],
    adapterOptions: { fetch: { context: globalThis } },
    persister: 'fs',
    persisterOptions: { fs: { recordingsDir: join(dir, 'polly') } },
    recordIfMissing: false,
    logLevel: 'silent',
    // Match like ours does (method, url, body): no header or order matching.
    matchRequestsBy: { headers: false, order: false },
  })
}

/** Each tool's load: start replaying from the file on disk; resolves to its stop. */
const loaders = {
  async understudy() {
    const cassette = await startCassette('bench', { dir, mode: 'none', env: {} })
    return () => cassette.stop()
  },
  async polly() {
    const polly = pollyFor('replay')
    return () => polly.stop()
  },
  async 'nock back'() {
    nock.back.fixtures = dir
    nock.back.setMode('lockdown')
    const { nockDone } = await nock.back('nock.json')
    return async () => {
      nockDone()
      nock.cleanAll()
      nock.enableNetConnect()
      nock.restore()
    }
  },
} satisfies Record<string, () => Promise<() => Promise<void>>>

type Tool = keyof typeof loaders
const TOOLS = Object.keys(loaders) as Tool[]

const run = (tool: Tool) => async () => {
  const stop = await loaders[tool]()
  await replayAll()
  await stop()
}

test('load + replay a 10,000-interaction cassette through fetch, mode none', async ({ bench }) => {
  // Each one replays correctly (get() checks every body) before it is timed, which also warms it up.
  await run('understudy')()
  await run('polly')()
  const result = await bench.compare(bench('understudy', run('understudy')), bench('polly', run('polly')), {
    iterations: 3,
    warmupIterations: 0,
    time: 0,
    warmupTime: 0,
  })
  // nock back takes about 2 minutes a run on a loaded 2-core machine: timed once, for reference.
  const started = performance.now()
  await run('nock back')()
  const nockMs = performance.now() - started
  const mean = (tool: 'understudy' | 'polly') => result.get(tool).latency.mean
  const ours = mean('understudy')
  console.log(
    [
      'load + replay 10,000 through fetch:',
      `  understudy  ${ours.toFixed(0)} ms (mean of 3)`,
      `  polly       ${mean('polly').toFixed(0)} ms (mean of 3)  -> understudy is ${(mean('polly') / ours).toFixed(1)}x faster (target >= 5x)`,
      `  nock back   ${nockMs.toFixed(0)} ms (one run)  -> understudy is ${(nockMs / ours).toFixed(1)}x faster`,
    ].join('\n'),
  )
  expect(ours).toBeGreaterThan(0)
}, 900_000)

test('heap held with the 10,000-interaction cassette loaded, and after replaying it all', async () => {
  /** Heap growth over the baseline after loading (first request served) and after the full replay. */
  const measure = async (tool: Tool) => {
    const before = await settledHeap()
    const stop = await loaders[tool]()
    await get(0) // Polly reads the recording on the first request
    const loaded = (await settledHeap()) - before
    for (let i = 1; i < TOTAL; i++) await get(i)
    const replayed = (await settledHeap()) - before
    await stop()
    return { loaded, replayed }
  }
  // A first, unreported pass: what setup left behind (Polly's recording run, idle keep-alive sockets
  // that close after a few seconds) is freed during it and made the first tool measured come out negative.
  await measure('understudy')
  const heaps = {} as Record<Tool, { loaded: number; replayed: number }>
  for (const tool of TOOLS) heaps[tool] = await measure(tool)
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  const line = (tool: Tool) =>
    `  ${tool.padEnd(10)}  loaded ${mb(heaps[tool].loaded).padStart(8)}   after replay ${mb(heaps[tool].replayed).padStart(8)}`
  const ratio = (key: 'loaded' | 'replayed') => (heaps.understudy[key] / heaps.polly[key]).toFixed(2)
  console.log(
    [
      'heap growth (heapUsed after gc):',
      ...TOOLS.map(line),
      `  understudy / polly: loaded ${ratio('loaded')}x, after replay ${ratio('replayed')}x (target <= 1)`,
    ].join('\n'),
  )
  expect(Number.isFinite(heaps.understudy.loaded)).toBe(true)
}, 600_000)
