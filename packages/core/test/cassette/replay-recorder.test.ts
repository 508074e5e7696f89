import { readFile } from 'node:fs/promises'
import { testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import {
  type CassetteMissError,
  createRecorder,
  createReplayHandler,
  readCassetteFile,
} from '../../src/cassette/index'
import { readChunks } from './clients'
import { SSE_EVENTS, startTestServer } from './server'

describe('createRecorder(name) + createReplayHandler(cassette): the record proxy and serve --replay', () => {
  test('a proxy records request/response pairs with the same redaction, and the handler replays them', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    const recorder = await createRecorder('proxy/session', { dir: dir.path, filterBody: ['$.text'] })
    // What a record proxy does: forward with fetch, hand both to the recorder.
    for (const [path, init] of [
      [
        '/echo',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
          body: '{"text":"hi"}',
        },
      ],
      ['/gzip', {}],
      ['/sse', {}],
    ] as const) {
      const request = new Request(`${server.url}${path}`, init)
      const upstream = await fetch(request.clone())
      await recorder.record(request, upstream, { decoded: true })
    }
    expect(recorder.interactions).toHaveLength(3)
    expect(await recorder.save()).toBe(true)
    await server.close()

    const file = await readCassetteFile(recorder.path)
    expect(file.interactions[0]!.request.headers.authorization).toBeUndefined()
    expect(file.interactions[0]!.request.body).toEqual({ json: { text: '[FILTERED]' } })
    expect(file.interactions[1]!.response.body).toEqual({
      json: expect.objectContaining({ encoding: 'gzip' }),
    })

    const misses: CassetteMissError[] = []
    const replay = createReplayHandler(file, { filterBody: ['$.text'], onMiss: (e) => misses.push(e) })
    const echoed = await replay(
      new Request(`${server.url}/echo`, {
        method: 'POST',
        body: '{"text":"anything"}',
        headers: { 'content-type': 'application/json' },
      }),
    )
    expect(echoed?.status).toBe(201)
    expect(await readChunks((await replay(new Request(`${server.url}/sse`)))!)).toEqual(SSE_EVENTS)
    expect(await replay(new Request(`${server.url}/nothing`))).toBeUndefined()
    expect(misses[0]?.message).toContain(
      `Failed to replay GET ${server.url}/nothing: cassette "proxy/session" has no matching interaction`,
    )
  })

  test('replace: true records the cassette anew', async () => {
    const dir = await testdir()
    const server = await startTestServer()
    for (const replace of [false, true]) {
      const recorder = await createRecorder('r', { dir: dir.path, replace })
      const request = new Request(`${server.url}/counter`)
      await recorder.record(request, await fetch(request.clone()))
      await recorder.save()
    }
    await server.close()
    const file = JSON.parse(await readFile(dir.join('r.json'), 'utf8'))
    expect(
      file.interactions.map((i: { response: { body: { json: unknown } } }) => i.response.body.json),
    ).toEqual([{ count: 2 }])
  })
})
