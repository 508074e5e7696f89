import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cassetteDirFor, cassetteNameFor, createCassetteTest, useCassette } from '../../src/vitest'
import { startTestServer, type TestServer } from './server'

// Cassettes of this file go to a temp dir (absolute `dir`), removed at the end.
const dir = mkdtempSync(join(tmpdir(), 'understudy-vitest-'))
let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('use cassette hooks', () => {
  const cassette = useCassette({ dir, mode: 'once', env: {} })

  test('records a request', async () => {
    expect(cassette.current?.name).toBe('vitest-integration.test/use cassette hooks/records a request')
    expect(cassette.current?.mode).toBe('once')
    await fetch(`${server.url}/json`)
  })

  test('each test gets its own cassette, named after it', () => {
    expect(existsSync(join(dir, 'vitest-integration.test/use-cassette-hooks/records-a-request.json'))).toBe(
      true,
    )
    expect(cassette.current?.name).toBe(
      'vitest-integration.test/use cassette hooks/each test gets its own cassette, named after it',
    )
  })
})

const recordingTest = createCassetteTest({ dir, mode: 'once', env: {} })
const replayingTest = createCassetteTest({
  dir,
  mode: 'none',
  env: {},
  name: () => 'vitest-integration.test/fixture records',
})

recordingTest('fixture records', async ({ cassette }) => {
  expect(cassette.name).toBe('vitest-integration.test/fixture records')
  expect(await (await fetch(`${server.url}/counter`)).json()).toEqual({ count: 1 })
})

replayingTest('the fixture replays without the network', async ({ cassette }) => {
  const before = server.hits.length
  expect(cassette.mode).toBe('none')
  expect(await (await fetch(`${server.url}/counter`)).json()).toEqual({ count: 1 })
  expect(server.hits.length).toBe(before)
})

// The JSDoc example of createCassetteTest, on a recording run: the count is exact right after the call.
const exampleTest = createCassetteTest({ dir, mode: 'all', env: {} })
exampleTest('the documented stats example holds on a recording run', async ({ cassette }) => {
  await (await fetch(`${server.url}/json`)).json()
  expect(cassette.stats.recorded + cassette.stats.replayed).toBe(1)
})

test('cassetteNameFor / cassetteDirFor follow pytest-recording: beside the test file, one folder per file', () => {
  const file = { filepath: '/repo/test/agent.test.ts' }
  const task = {
    name: 'labels a bug',
    file,
    suite: { name: 'triage', suite: { name: 'agent.test.ts', filepath: '/repo/test/agent.test.ts' } },
  }
  expect(cassetteNameFor(task)).toBe('agent.test/triage/labels a bug')
  expect(cassetteNameFor({ name: 'a/b', file })).toBe('agent.test/a-b')
  expect(cassetteDirFor(task)).toBe('/repo/test/__cassettes__')
  expect(cassetteDirFor(task, 'cassettes')).toBe('/repo/test/cassettes')
  expect(cassetteDirFor(task, '/abs')).toBe('/abs')
})
