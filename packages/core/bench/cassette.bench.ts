/**
 * Cassette load + replay against Polly.js and nock back, on the same traffic: 10,000 recorded GETs
 * (a ~400-byte JSON body each) against a local server, the same node:http client for all three.
 * Each iteration loads the recording from disk and replays 1,000 of its requests (every 10th).
 * Then the heap each one holds with the 10k recording loaded.
 *
 *   pnpm bench             (in packages/core)
 *
 * The recordings are made in a temp dir at setup, never committed: ours and nock's fixture are
 * written directly, Polly's is recorded by Polly itself (its entry ids are its own hashes).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import NodeHttpAdapter from '@pollyjs/adapter-node-http'
import { Polly } from '@pollyjs/core'
import FSPersister from '@pollyjs/persister-fs'
import nock from 'nock'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createCassetteFile, type Interaction, serializeCassette, startCassette } from '../src/cassette/index'

// nock patches node:http the moment it is imported; keep it off except in its own runs.
nock.restore()
Polly.register(NodeHttpAdapter)
Polly.register(FSPersister)

const TOTAL = 10_000
const SAMPLE = Array.from({ length: TOTAL / 10 }, (_, i) => i * 10)
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

const get = (url: string) =>
  new Promise<string>((resolve, reject) => {
    http
      .get(url, (res) => {
        let data = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (data += c))
        res.on('end', () => resolve(data))
      })
      .on('error', reject)
  })

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

  // Polly: recorded by Polly from the real server.
  const polly = pollyFor('record')
  for (let i = 0; i < TOTAL; i++) await get(`${base}/items/${i}`)
  await polly.stop()
  server.close()
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function pollyFor(mode: 'record' | 'replay') {
  return new Polly('bench', {
    mode,
    adapters: ['node-http'],
    persister: 'fs',
    persisterOptions: { fs: { recordingsDir: join(dir, 'polly') } },
    recordIfMissing: false,
    logLevel: 'silent',
    // Match like ours does (method, url, body): no header or order matching.
    matchRequestsBy: { headers: false, order: false },
  })
}

const runs = {
  async understudy() {
    const cassette = await startCassette('bench', { dir, mode: 'none', env: {} })
    for (const i of SAMPLE) await get(`${base}/items/${i}`)
    await cassette.stop()
  },
  async polly() {
    const polly = pollyFor('replay')
    for (const i of SAMPLE) await get(`${base}/items/${i}`)
    await polly.stop()
  },
  async nockBack() {
    nock.back.fixtures = dir
    nock.back.setMode('lockdown')
    const { nockDone } = await nock.back('nock.json')
    for (const i of SAMPLE) await get(`${base}/items/${i}`)
    nockDone()
    nock.cleanAll()
    nock.enableNetConnect()
    nock.restore()
  },
}

test('load + replay a 10,000-interaction cassette (1,000 requests replayed per run)', async ({ bench }) => {
  // Each one replays correctly before it is timed.
  for (const run of Object.values(runs)) await run()
  const result = await bench.compare(
    bench('understudy', runs.understudy),
    bench('polly', runs.polly),
    bench('nock back', runs.nockBack),
    { iterations: 5, warmupIterations: 1, time: 0, warmupTime: 0 },
  )
  const mean = (name: 'understudy' | 'polly' | 'nock back') => result.get(name).latency.mean
  const line = `load+replay mean: understudy ${mean('understudy').toFixed(0)} ms, polly ${mean('polly').toFixed(0)} ms (${(mean('polly') / mean('understudy')).toFixed(1)}x), nock back ${mean('nock back').toFixed(0)} ms (${(mean('nock back') / mean('understudy')).toFixed(1)}x)`
  console.log(line)
  expect(mean('understudy')).toBeGreaterThan(0)
}, 600_000)

test('heap held with the 10,000-interaction cassette loaded', async () => {
  const measure = async (load: () => Promise<() => Promise<void>>) => {
    gc()
    const before = process.memoryUsage().heapUsed
    const unload = await load()
    gc()
    const delta = process.memoryUsage().heapUsed - before
    await unload()
    return delta
  }
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  const ours = await measure(async () => {
    const cassette = await startCassette('bench', { dir, mode: 'none', env: {} })
    await get(`${base}/items/0`)
    return () => cassette.stop()
  })
  const polly = await measure(async () => {
    const p = pollyFor('replay')
    await get(`${base}/items/0`) // Polly reads the recording on the first request
    return () => p.stop()
  })
  const nocked = await measure(async () => {
    nock.back.fixtures = dir
    nock.back.setMode('lockdown')
    const { nockDone } = await nock.back('nock.json')
    await get(`${base}/items/0`)
    return async () => {
      nockDone()
      nock.cleanAll()
      nock.enableNetConnect()
      nock.restore()
    }
  })
  console.log(
    `heap delta with the cassette loaded: understudy ${mb(ours)}, polly ${mb(polly)}, nock back ${mb(nocked)}`,
  )
  expect(ours).toBeGreaterThan(0)
})
