import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { testdir } from '@understudy/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'

// A server that counts every TCP connection, not only HTTP requests: a TLS or HTTP/2 handshake
// reaching it is a leak too.
let connections = 0
let requests = 0
const server = createServer((_req, res) => {
  requests++
  res.end('live')
})
server.on('connection', () => connections++)
let url = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
)

// One process per mode: a fresh module graph whose imports (named ESM ones included) are bound
// before anything is patched, as in an application. The forms run one after another inside it.
const runForms = (forms: string[], dir: string, mode: string) =>
  new Promise<Record<string, { client: string; outer: string }>>((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [
        '--experimental-transform-types',
        '--no-warnings',
        '--import',
        join(import.meta.dirname, 'child/ts-hooks.mjs'),
        join(import.meta.dirname, 'child/client-forms.ts'),
        forms.join(','),
        url,
        dir,
        mode,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    proc.stdout.on('data', (d) => (out += d))
    proc.stderr.on('data', (d) => (err += d))
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`client-forms (${mode}) exited ${code}: ${err}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!))
    })
  })

const FORMS = [
  'fetch',
  'fetch-captured',
  'undici-request',
  'undici-fetch',
  'undici-agent',
  'http-default',
  'http-named-request',
  'http-named-get',
  'https-named-request',
  'http-require-destructured',
  'axios',
  'http2',
  'net',
]

test('mode none: nothing reaches the network, whatever the client; the call and withCassette reject naming the cassette', async () => {
  const dir = await testdir()
  const before = { connections, requests }
  const results = await runForms(FORMS, dir.path, 'none')
  expect({ connections: connections - before.connections, requests: requests - before.requests }).toEqual({
    connections: 0,
    requests: 0,
  })
  for (const form of FORMS) {
    const { client, outer } = results[form]!
    expect(client, form).toContain(`cassette "forms/${form}"`)
    expect(outer, form).toMatch(
      new RegExp(
        `^(CassetteMissError|NetConnectNotAllowedError): \\[understudy:core\\].*cassette "forms/${form}"`,
        's',
      ),
    )
  }
}, 120_000)

test('disableNetConnect(): every client is refused with its target; allowLoopback lets loopback through', async () => {
  const dir = await testdir()
  const before = { connections, requests }
  const results = await runForms(FORMS, dir.path, 'guard')
  expect({ connections: connections - before.connections, requests: requests - before.requests }).toEqual({
    connections: 0,
    requests: 0,
  })
  for (const form of FORMS) {
    const { client } = results[form]!
    expect(client, form).toMatch(
      /NetConnectNotAllowedError: \[understudy:core\] Failed to send .*127\.0\.0\.1:\d+/s,
    )
    expect(client, form).toContain('allowLoopback: true')
  }
  const allowed = await runForms(['fetch', 'http-named-request'], dir.path, 'guard-loopback')
  expect(allowed).toEqual({
    fetch: { client: 'ok', outer: 'ok' },
    'http-named-request': { client: 'ok', outer: 'ok' },
  })
  expect(requests - before.requests).toBe(2)
}, 120_000)
