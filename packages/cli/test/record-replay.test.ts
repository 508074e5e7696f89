import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { Octokit } from '@octokit/rest'
import { testdir } from '@understudy/test-utils'
import { expect, test } from 'vitest'
import { createUnderstudyServer } from '../src/index'
import { startInProcess } from './helpers/cli'
import { LEAKED_TOKEN, startLiveApi } from './helpers/live-api'

// `understudy record` in front of a local stand-in for the live API, then `serve --replay` with
// that stand-in stopped: what a Python or Go agent's test setup does.

const run = promisify(execFile)
const quiet = { debug() {}, info() {}, warn() {}, error() {} }

test('record --target captures Octokit and curl traffic, redacted; serve --replay answers it with the API gone', async () => {
  const dir = await testdir()
  const live = await startLiveApi()
  const recorder = startInProcess(
    [
      'record',
      '--target',
      live.url,
      '--port',
      '0',
      '--cassette',
      'github/session',
      '--dir',
      dir.path,
      '--json',
    ],
    { cwd: dir.path },
  )
  const started = JSON.parse(await recorder.line()) as { url: string; file: string }
  expect(started.file).toBe(dir.join('github/session.json'))

  const octokit = new Octokit({ auth: 'ghp_test', baseUrl: started.url, log: quiet })
  const { data: repo } = await octokit.rest.repos.get({ owner: 'octo', repo: 'hello' })
  expect(repo.full_name).toBe('octo/hello')
  const curl = await run('curl', [
    '-sf',
    '-X',
    'POST',
    '-H',
    'Authorization: token ghp_test',
    '-H',
    'Content-Type: application/json',
    '--data',
    '{"title":"From curl"}',
    `${started.url}/repos/octo/hello/issues`,
  ])
  expect(JSON.parse(curl.stdout)).toEqual({ number: 7, title: 'From curl', state: 'open' })
  expect(live.seen.map((r) => [r.method, r.url, r.authorization])).toEqual([
    ['GET', '/repos/octo/hello', 'token ghp_test'],
    ['POST', '/repos/octo/hello/issues', 'token ghp_test'],
  ])

  expect(await recorder.stop()).toBe(0)
  expect(JSON.parse(recorder.stdout().trim().split('\n').at(-1)!)).toMatchObject({
    recorded: 2,
    refused: 0,
    failed: 0,
  })
  expect(recorder.stderr()).toMatch(/● GET {4}\/repos\/octo\/hello 200 \(1\)/)
  await live.close()

  const cassette = JSON.parse(await readFile(started.file, 'utf8'))
  expect(cassette.interactions).toHaveLength(2)
  expect(cassette.interactions[0].request).toMatchObject({
    method: 'GET',
    url: `${live.url}/repos/octo/hello`,
  })
  expect(JSON.stringify(cassette)).not.toContain('token ghp_test')

  const server = await createUnderstudyServer({ port: 0, replay: [started.file] })
  try {
    // At the server's root, as the agent pointed at the recording proxy...
    const replayed = new Octokit({ auth: 'ghp_test', baseUrl: server.url, log: quiet })
    expect((await replayed.rest.repos.get({ owner: 'octo', repo: 'hello' })).data).toEqual(repo)
    // ...and under the GitHub mount prefix, where the mocks answer what the cassette lacks.
    const mounted = new Octokit({ auth: 'ghp_test', baseUrl: `${server.url}/github`, log: quiet })
    const created = await mounted.rest.issues.create({ owner: 'octo', repo: 'hello', title: 'From curl' })
    expect(created.data).toEqual({ number: 7, title: 'From curl', state: 'open' })
    await expect(mounted.rest.repos.get({ owner: 'octo', repo: 'elsewhere' })).rejects.toMatchObject({
      status: 404,
    })
    const { requests } = await (await fetch(`${server.url}/_understudy/requests`)).json()
    expect(requests.map((r: { service: string; status: number }) => [r.service, r.status])).toEqual([
      ['cassette', 200],
      ['cassette', 201],
      ['github', 404],
    ])
    const { cassettes } = await (await fetch(`${server.url}/_understudy/cassettes`)).json()
    expect(cassettes).toMatchObject([
      { name: 'github/session', interactions: 2, replaying: true, problems: [] },
    ])
  } finally {
    await server.close()
  }
})

test('record refuses to write an exchange that holds a secret, passes it through, and exits 1', async () => {
  const dir = await testdir()
  const live = await startLiveApi()
  try {
    const recorder = startInProcess([
      'record',
      '--target',
      live.url,
      '--port',
      '0',
      '--dir',
      dir.path,
      '--json',
    ])
    const { url, file } = JSON.parse(await recorder.line()) as { url: string; file: string }
    const leak = await fetch(`${url}/leak`)
    expect(await leak.json()).toEqual({ token: LEAKED_TOKEN })
    await fetch(`${url}/repos/octo/hello`)
    expect(await recorder.stop()).toBe(1)
    expect(recorder.stderr()).toMatch(/✗ GET {4}\/leak 200 refused: .*GitHub token/)
    const cassette = await readFile(file, 'utf8')
    expect(cassette).not.toContain(LEAKED_TOKEN)
    expect(JSON.parse(cassette).interactions).toHaveLength(1)
  } finally {
    await live.close()
  }
})

test('record without --target is a usage error (exit 2)', async () => {
  const recorder = startInProcess(['record'])
  await expect(recorder.line()).rejects.toThrow(/exited 2 early: .*record needs --target/)
})
