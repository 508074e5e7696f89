import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import {
  createMemoryStore,
  fromHar,
  fromVcr,
  type Har,
  readCassetteFile,
  scanForSecrets,
  toHar,
  withCassette,
} from '../../src/index'
import { nodeRequest, readChunks } from './clients'
import { SSE_EVENTS, startTestServer } from './server'

const fixtures = join(import.meta.dirname, '../../fixtures/cassette')
const fixture = (name: string) => readFile(join(fixtures, name), 'utf8')

describe('vcrpy / pytest-recording import (fixtures/cassette/vcrpy.yaml, recorded by vcrpy 4 + requests)', () => {
  test('fromVcr(yaml) reads every interaction: JSON, gzip (decompressed), !!binary, form bodies', async () => {
    const cassette = await fromVcr(await fixture('vcrpy.yaml'), {
      name: 'python/agent',
      recordedAt: '2026-01-01T00:00:00Z',
    })
    expect(
      cassette.interactions.map(
        (i) => `${i.request.method} ${new URL(i.request.url).pathname}${new URL(i.request.url).search}`,
      ),
    ).toEqual([
      'GET /api/issues?state=open',
      'POST /api/issues',
      'GET /api/gzip',
      'GET /api/binary',
      'POST /api/form',
    ])
    const [list, created, zipped, binary, form] = cassette.interactions
    expect(list!.response.body).toEqual({
      json: expect.arrayContaining([expect.objectContaining({ title: 'Crash on start' })]),
    })
    expect(created!.request.body).toEqual({ json: { title: 'Crash on start', labels: ['bug'] } })
    expect(created!.response.status).toBe(201)
    expect(zipped!.response.headers['content-encoding']).toBeUndefined()
    expect(zipped!.response.body).toEqual({ json: expect.objectContaining({ compressed: true }) })
    expect(binary!.response.body).toEqual({ base64: Buffer.from([0, 1, 2, 254, 255]).toString('base64') })
    expect(form!.request.body).toEqual({ text: 'channel=C123&text=hello+world' })
    // Transport headers vcrpy kept are gone.
    expect(Object.keys(list!.response.headers)).not.toContain('transfer-encoding')
    expect(list!.recordedAt).toBe('2026-01-01T00:00:00.000Z')
    expect(scanForSecrets(cassette)).toEqual([])
  })

  test('the imported cassette replays to node:http and fetch clients', async () => {
    const store = createMemoryStore()
    const cassette = await fromVcr(await fixture('vcrpy.yaml'), { name: 'python/agent' })
    await store.update('python/agent', () => cassette)
    await withCassette('python/agent', { store, env: {}, mode: 'none' }, async () => {
      const list = await nodeRequest('http://127.0.0.1:47311/api/issues?state=open')
      expect(JSON.parse(list.body.toString())).toHaveLength(2)
      const created = await fetch('http://127.0.0.1:47311/api/issues', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ labels: ['bug'], title: 'Crash on start' }),
      })
      expect(await created.json()).toMatchObject({ number: 3 })
      const form = await fetch('http://127.0.0.1:47311/api/form', {
        method: 'POST',
        body: new URLSearchParams({ text: 'hello world', channel: 'C123' }),
      })
      expect(await form.json()).toMatchObject({ ok: true })
    })
  })

  test('a file that is not a vcrpy cassette fails with one clear error', async () => {
    await expect(fromVcr('interactions: 3', { name: 'x', path: 'bad.yaml' })).rejects.toThrow(
      'Failed to import vcrpy cassette bad.yaml: it has no "interactions" list. Pass the text of a vcrpy/pytest-recording .yaml cassette.',
    )
    await expect(fromVcr('a: [', { name: 'x' })).rejects.toThrow(
      /Failed to import vcrpy cassette: it is not valid YAML/,
    )
  })
})

describe('HAR 1.2', () => {
  test('fromHar reads a Playwright recordHar file (fixtures/cassette/playwright.har, Chromium)', async () => {
    const cassette = await fromHar(await fixture('playwright.har'), { name: 'browser' })
    expect(
      cassette.interactions.map(
        (i) => `${i.request.method} ${new URL(i.request.url).pathname} ${i.response.status}`,
      ),
    ).toEqual(['GET /api/issues 200', 'POST /api/issues 201', 'GET /api/gzip 200'])
    expect(cassette.interactions[1]!.request.body).toEqual({
      json: { title: 'From the browser', labels: ['triage'] },
    })
    // Chromium stores the decoded body but keeps Content-Encoding: it must not survive.
    expect(cassette.interactions[2]!.response.headers['content-encoding']).toBeUndefined()
    expect(cassette.interactions[2]!.response.body).toEqual({
      json: expect.objectContaining({ compressed: true }),
    })
    expect(cassette.interactions[0]!.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  test('fromHar reads a Polly.js recording (fixtures/cassette/polly.har)', async () => {
    const cassette = await fromHar(await fixture('polly.har'), { name: 'polly' })
    expect(cassette.interactions).toHaveLength(2)
    expect(cassette.interactions[1]!.request.body).toEqual({ json: { title: 'From Polly', labels: ['bug'] } })
    expect(cassette.interactions[1]!.response.body).toEqual({
      json: expect.objectContaining({ number: 3, title: 'From Polly' }),
    })
  })

  test('toHar → fromHar keeps requests, responses, binary bodies and SSE chunks', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    await withCassette('round', { dir: dir.path, env: {}, mode: 'once' }, async () => {
      await fetch(`${server.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      })
      await fetch(`${server.url}/binary`)
      await readChunks(await fetch(`${server.url}/sse`))
    })
    await server.close()
    const original = await readCassetteFile(dir.join('round.json'))
    const har: Har = JSON.parse(JSON.stringify(toHar(original)))
    expect(har.log.version).toBe('1.2')
    expect(har.log.entries[0]!.request.postData).toEqual({ mimeType: 'application/json', text: '{"a":1}' })
    expect(har.log.entries[1]!.response.content).toMatchObject({
      encoding: 'base64',
      mimeType: 'application/octet-stream',
    })
    expect(har.log.entries[2]!.response.content.text).toBe(SSE_EVENTS.join(''))
    const back = await fromHar(har, { name: 'round' })
    expect(back.interactions).toEqual(original.interactions)
  })

  test('fromHar applies the default redaction (DevTools HARs carry cookies and tokens) and skips non-HTTP entries', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            time: 1,
            request: {
              method: 'GET',
              url: 'https://api.example.test/me',
              httpVersion: 'h2',
              headers: [
                { name: ':authority', value: 'api.example.test' },
                { name: 'authorization', value: 'Bearer abc' },
                { name: 'cookie', value: 'sid=1' },
              ],
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 200,
              statusText: '',
              httpVersion: 'h2',
              headers: [
                { name: 'set-cookie', value: 'sid=2' },
                { name: 'content-type', value: 'application/json' },
              ],
              content: { size: 2, mimeType: 'application/json', text: '{}' },
              cookies: [],
              redirectURL: '',
              headersSize: -1,
              bodySize: -1,
            },
            cache: {},
            timings: { send: 0, wait: 0, receive: 0 },
          },
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            request: { method: 'GET', url: 'data:text/plain,hi' },
            response: { status: 200 },
          },
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            request: { method: 'GET', url: 'https://blocked.test/' },
            response: { status: 0 },
          },
        ],
      },
    }
    const cassette = await fromHar(har as unknown as Har, { name: 'devtools' })
    expect(cassette.interactions).toHaveLength(1)
    expect(cassette.interactions[0]!.request.headers).toEqual({})
    expect(cassette.interactions[0]!.response.headers).toEqual({ 'content-type': 'application/json' })
  })

  test('a file that is not HAR fails with one clear error', async () => {
    await expect(fromHar('{"entries":[]}', { name: 'x' })).rejects.toThrow(
      'Failed to import HAR: it has no "log.entries" array. Pass a HAR 1.2 file (Polly recording, Playwright recordHar, DevTools "Save all as HAR").',
    )
  })
})
