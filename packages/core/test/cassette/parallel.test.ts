import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { testdir } from '@understudy/test-utils'
import { expect, test } from 'vitest'
import { parseCassette, withCassette } from '../../src/cassette/index'
import { startTestServer } from './server'

const child = (script: string, args: string[]) =>
  new Promise<void>((resolve, reject) => {
    // Children run this package's TypeScript sources directly (Node 24 type transform + a resolve hook).
    const proc = spawn(
      process.execPath,
      [
        '--experimental-transform-types',
        '--no-warnings',
        '--import',
        join(import.meta.dirname, 'child/ts-hooks.mjs'),
        join(import.meta.dirname, 'child', script),
        ...args,
      ],
      { stdio: ['ignore', 'inherit', 'pipe'] },
    )
    let stderr = ''
    proc.stderr.on('data', (d) => (stderr += d))
    proc.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited ${code}: ${stderr}`)),
    )
  })

test('several processes writing one cassette at once never corrupt it and lose nothing', async () => {
  const dir = await testdir()
  const workers = 4
  const writes = 25
  await Promise.all(
    Array.from({ length: workers }, (_, id) => child('writer.ts', [dir.path, String(id), String(writes)])),
  )
  const file = parseCassette(await readFile(dir.join('shared.json'), 'utf8'))
  expect(file.interactions).toHaveLength(workers * writes)
  const seen = new Set(file.interactions.map((i) => i.request.url))
  expect(seen.size).toBe(workers * writes)
  // Each worker's own writes stay in order.
  for (let id = 0; id < workers; id++) {
    const mine = file.interactions
      .filter((i) => i.request.url.includes(`/${id}/`))
      .map((i) => Number(i.request.url.split('/').pop()))
    expect(mine).toEqual([...mine].sort((a, b) => a - b))
  }
  expect(await readdir(dir.path)).toEqual(['shared.json'])
}, 60_000)

test('parallel workers recording real traffic into the same cassette (new_episodes) merge their episodes', async () => {
  const dir = await testdir()
  const server = await startTestServer()
  await Promise.all([0, 1, 2].map((id) => child('recorder.ts', [dir.path, server.url, String(id)])))
  await server.close()
  const file = parseCassette(await readFile(dir.join('recorded.json'), 'utf8'))
  expect(file.interactions).toHaveLength(15)
  expect(new Set(file.interactions.map((i) => i.request.url)).size).toBe(15)
}, 60_000)

test('16 workers re-recording one cassette in mode all keep all 160 interactions, replace the old ones and do not grow', async () => {
  const dir = await testdir()
  const server = await startTestServer()
  // A recording from an earlier run that this run does not repeat: it goes.
  await withCassette('shared-all', { dir: dir.path, env: {}, mode: 'once' }, () =>
    fetch(`${server.url}/json`),
  )
  const workers = 16
  const requests = 10
  const run = (tag: string) =>
    Promise.all(
      Array.from({ length: workers }, (_, id) =>
        child('all-recorder.ts', [dir.path, server.url, String(id), String(requests), tag]),
      ),
    )
  const read = async () => parseCassette(await readFile(dir.join('shared-all.json'), 'utf8'))
  await run(`first-${dir.path}`)
  const first = await read()
  expect(first.interactions).toHaveLength(workers * requests)
  expect(new Set(first.interactions.map((i) => i.request.url)).size).toBe(workers * requests)
  expect(first.interactions.some((i) => i.request.url.endsWith('/json'))).toBe(false)
  await run(`second-${dir.path}`)
  const second = await read()
  expect(second.interactions).toHaveLength(workers * requests)
  expect(second.interactions.every((i) => JSON.stringify(i.request.body).includes('second'))).toBe(true)
  await server.close()
}, 400_000)
