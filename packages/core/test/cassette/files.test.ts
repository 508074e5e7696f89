import { readdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import { decodeBody, encodeBody } from '../../src/cassette/format'
import {
  type CassetteFile,
  type CassetteStore,
  cassettePath,
  checkCassettes,
  createCassetteFile,
  createFsStore,
  createMemoryStore,
  parseCassette,
  readCassetteFile,
  safeCassetteName,
  serializeCassette,
  withCassette,
  writeCassetteFile,
} from '../../src/cassette/index'
import { startTestServer } from './server'

const interaction = (path: string, recordedAt = '2026-01-01T00:00:00.000Z') => ({
  recordedAt,
  request: { method: 'GET', url: `https://api.example.test${path}`, headers: { accept: 'application/json' } },
  response: {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    body: { json: { path } },
  },
})

describe('serializeCassette(file)', () => {
  test('pretty JSON, fixed key order, sorted headers, trailing newline, same bytes every time', () => {
    const file: CassetteFile = {
      interactions: [
        {
          response: { headers: { 'x-b': '2', 'x-a': '1' }, status: 200 },
          request: { url: 'https://x.test/', headers: { 'z-last': '1', accept: '*/*' }, method: 'GET' },
          recordedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      name: 'order',
      version: 1,
      format: 'understudy-cassette',
    }
    const text = serializeCassette(file)
    expect(text).toBe(serializeCassette(JSON.parse(text)))
    expect(text.endsWith('}\n')).toBe(true)
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'name', 'interactions'])
    const [i] = JSON.parse(text).interactions
    expect(Object.keys(i)).toEqual(['recordedAt', 'request', 'response'])
    expect(Object.keys(i.request)).toEqual(['method', 'url', 'headers'])
    expect(Object.keys(i.request.headers)).toEqual(['accept', 'z-last'])
    expect(Object.keys(i.response.headers)).toEqual(['x-a', 'x-b'])
    expect(text).toContain('\n  "interactions": [\n    {\n      "recordedAt"')
  })
})

describe('parseCassette(text, path): one clear error per broken file', () => {
  const path = '/cassettes/broken.json'
  test.each([
    [
      '{ "format": "understudy-cassette", ',
      /Failed to read cassette \/cassettes\/broken\.json: it is not valid JSON \(.+\)\. Fix the file by hand, or delete it and re-record with UNDERSTUDY_RECORD_MODE=all\./,
    ],
    ['[]', /it holds an array, not a cassette object/],
    [
      '{"log":{"entries":[]}}',
      /it is a HAR file, not an Understudy cassette\. Convert it with `understudy cassettes import --har`/,
    ],
    [
      '{"recordings":[]}',
      /it is not an Understudy cassette \("format" is undefined, expected "understudy-cassette"\)/,
    ],
    [
      '{"format":"understudy-cassette","version":2,"name":"x","interactions":[]}',
      /format version 2, and this @understudy\/core reads up to version 1\. Upgrade @understudy\/core\./,
    ],
    [
      '{"format":"understudy-cassette","version":1,"name":"x","interactions":{}}',
      /"interactions" is an object, expected an array/,
    ],
    [
      JSON.stringify({
        ...createCassetteFile('x', [
          interaction('/a'),
          { ...interaction('/b'), response: { status: 'ok' as never, headers: {} } },
        ]),
      }),
      /interactions\[1\]\.response\.status is "ok", expected an HTTP status code/,
    ],
    [
      JSON.stringify(
        createCassetteFile('x', [
          { ...interaction('/a'), request: { method: 'GET', url: 'not a url', headers: {} } },
        ]),
      ),
      /interactions\[0\]\.request\.url is "not a url", expected a URL/,
    ],
    [
      JSON.stringify(createCassetteFile('x', [{ ...interaction('/a'), recordedAt: 'yesterday' }])),
      /interactions\[0\]\.recordedAt is "yesterday", expected an ISO date/,
    ],
  ])('%s', (text, message) => {
    expect(() => parseCassette(text, path)).toThrow(message)
    try {
      parseCassette(text, path)
    } catch (error) {
      expect((error as Error).name).toBe('CassetteFormatError')
      expect((error as { path: string }).path).toBe(path)
    }
  })

  test('a corrupt cassette fails withCassette before any request is made', async () => {
    const dir = await testdir({
      'corrupt.json': '{"format":"understudy-cassette","version":1,"name":"corrupt","interactions":[{]}',
    })
    const server = await startTestServer()
    await expect(
      withCassette('corrupt', { dir: dir.path, env: {}, mode: 'once' }, () => fetch(`${server.url}/json`)),
    ).rejects.toThrow(`Failed to read cassette ${dir.join('corrupt.json')}: it is not valid JSON`)
    expect(server.hits).toHaveLength(0)
    await server.close()
  })
})

describe('safeCassetteName(name) and cassettePath(dir, name)', () => {
  test('slashes make folders; spaces become dashes; unsafe characters are replaced and hashed', () => {
    expect(safeCassetteName('github/create issue')).toBe('github/create-issue')
    expect(safeCassetteName('agent.test/triage/labels a bug')).toBe('agent.test/triage/labels-a-bug')
    expect(safeCassetteName('a: b?')).toMatch(/^a-b-[0-9a-f]{8}$/)
    expect(safeCassetteName('a: b?')).not.toBe(safeCassetteName('a* b?'))
    // `..` is no longer `_` (the literal name `_` is), so never outside the directory and still distinct.
    expect(safeCassetteName('../../etc/passwd')).toMatch(/^_-[0-9a-f]{8}\/_-[0-9a-f]{8}\/etc\/passwd$/)
    expect(safeCassetteName('.hidden')).toMatch(/^hidden-[0-9a-f]{8}$/)
    expect(safeCassetteName('con')).toBe('con_')
    expect(safeCassetteName('x.json')).toBe('x')
    expect(safeCassetteName('é')).toMatch(/^_-[0-9a-f]{8}$/)
    expect(safeCassetteName('a'.repeat(300)).length).toBeLessThan(140)
    expect(cassettePath('/c', 'a//b/')).toBe('/c/a/b.json')
  })
})

describe('cassette names never share a file', () => {
  test('names that used to collide get files of their own; simple and vitest-made names keep theirs', () => {
    const groups = [
      ['a', 'a-', '-a', 'a.', '.a', 'a--'],
      ['.', '..', '_', '/', './.'],
      ['x/a-', 'x/a.', 'x/a'],
    ]
    for (const group of groups) {
      const files = group.map((n) => safeCassetteName(n))
      expect(new Set(files).size, group.join(' ')).toBe(group.length)
    }
    // Unchanged file names: no existing cassette is orphaned.
    expect(safeCassetteName('github/create-issue')).toBe('github/create-issue')
    expect(safeCassetteName('agent.test/triage/labels a bug')).toBe('agent.test/triage/labels-a-bug')
    expect(safeCassetteName('agent.test/errors/returns 404 - not found')).toBe(
      'agent.test/errors/returns-404-not-found',
    )
    expect(safeCassetteName('con')).toBe('con_')
    expect(safeCassetteName('_')).toBe('_')
  })

  test('two names with the same readable file (a b, a-b) each keep their own cassette in the fs store', async () => {
    const dir = await testdir()
    const store = createFsStore(dir.path)
    await store.update('a b', () => createCassetteFile('a b', [interaction('/spaced')]))
    await store.update('a-b', () => createCassetteFile('a-b', [interaction('/dashed')]))
    await store.update('con', () => createCassetteFile('con', [interaction('/con')]))
    await store.update('con_', () => createCassetteFile('con_', [interaction('/con_')]))
    expect((await store.read('a b'))?.interactions[0]?.request.url).toContain('/spaced')
    expect((await store.read('a-b'))?.interactions[0]?.request.url).toContain('/dashed')
    expect((await store.read('con'))?.interactions[0]?.request.url).toContain('/con')
    expect((await store.read('con_'))?.interactions[0]?.request.url).toMatch(/\/con_$/)
    expect((await readdir(dir.path)).filter((f) => f.endsWith('.json'))).toHaveLength(4)
    // The readable file stays with the name that made it.
    expect(JSON.parse(await readFile(dir.join('a-b.json'), 'utf8')).name).toBe('a b')
  })
})

function storeContract(name: string, make: () => Promise<CassetteStore>) {
  describe(`${name} store`, () => {
    test('read() of a missing cassette is null; update() writes; list() names it', async () => {
      const store = await make()
      expect(await store.read('a/b')).toBeNull()
      await store.update('a/b', () => createCassetteFile('a/b', [interaction('/1')]))
      expect((await store.read('a/b'))?.interactions).toHaveLength(1)
      expect(await store.list()).toEqual(['a/b'])
    })

    test('update() calls run one after another and see each other', async () => {
      const store = await make()
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.update('many', (current) =>
            createCassetteFile('many', [...(current?.interactions ?? []), interaction(`/${i}`)]),
          ),
        ),
      )
      expect((await store.read('many'))?.interactions).toHaveLength(20)
    })

    test('a change that throws writes nothing', async () => {
      const store = await make()
      await expect(
        store.update('x', () => {
          throw new Error('no')
        }),
      ).rejects.toThrow('no')
      expect(await store.read('x')).toBeNull()
    })
  })
}

storeContract('fs', async () => createFsStore((await testdir()).path))
storeContract('memory', async () => createMemoryStore())

describe('fs store writes', () => {
  test('atomically: no temp or lock files are left next to the cassette', async () => {
    const dir = await testdir()
    const store = createFsStore(dir.path)
    await store.update('clean', () => createCassetteFile('clean', [interaction('/1')]))
    await store.update('clean', (c) => createCassetteFile('clean', [...c!.interactions, interaction('/2')]))
    expect(await readdir(dir.path)).toEqual(['clean.json'])
  })

  test('writeCassetteFile refuses secrets; readCassetteFile reads it back', async () => {
    const dir = await testdir()
    const file = createCassetteFile('w', [interaction('/1')])
    await writeCassetteFile(dir.join('sub/w.json'), file)
    expect(await readCassetteFile(dir.join('sub/w.json'))).toEqual(JSON.parse(serializeCassette(file)))
    const leaky = createCassetteFile('w', [
      {
        ...interaction('/1'),
        request: { ...interaction('/1').request, headers: { 'x-key': `sk_live_${'x'.repeat(24)}` } },
      },
    ])
    await expect(writeCassetteFile(dir.join('leak.json'), leaky)).rejects.toMatchObject({
      name: 'SecretLeakError',
    })
    await expect(readCassetteFile(dir.join('nope.json'))).rejects.toThrow(
      /Failed to read cassette .*nope\.json: no such file/,
    )
  })

  test('a stale lock left by a crashed writer is taken over', async () => {
    const dir = await testdir()
    await writeFile(dir.join('stale.json.lock'), '999999999\nsome-other-host\n0\n')
    const { utimes } = await import('node:fs/promises')
    await utimes(dir.join('stale.json.lock'), new Date(0), new Date(0))
    const store = createFsStore(dir.path, { staleLockMs: 1000 })
    await store.update('stale', () => createCassetteFile('stale', [interaction('/1')]))
    expect(await readdir(dir.path)).toEqual(['stale.json'])
  })

  test('a writer whose lock was taken over releases only its own: the new holder keeps the lock', async () => {
    const dir = await testdir()
    const store = createFsStore(dir.path)
    const newHolder = `${process.pid + 1}\nelsewhere\n${Date.now()}\nnonce\n`
    await store.update('taken', async () => {
      // While this writer works, another judges its lock stale and takes it over.
      await writeFile(dir.join('taken.json.lock'), newHolder)
      return createCassetteFile('taken')
    })
    expect(await readFile(dir.join('taken.json.lock'), 'utf8')).toBe(newHolder)
  })

  test('a lock of a writer on this host that is gone is taken over', async () => {
    const dir = await testdir()
    const { spawnSync } = await import('node:child_process')
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString()
    await writeFile(dir.join('dead.json.lock'), `${gone}\n${hostname()}\n${Date.now()}\nnonce\n`)
    await createFsStore(dir.path).update('dead', () => createCassetteFile('dead', [interaction('/1')]))
    expect(await readdir(dir.path)).toEqual(['dead.json'])
  })

  test('a lock held too long gives up with a message that names the lock file', async () => {
    const dir = await testdir({ 'held.json.lock': `${process.pid}\nhere\n${Date.now()}\n` })
    const store = createFsStore(dir.path, { lockTimeoutMs: 50 })
    await expect(store.update('held', () => createCassetteFile('held'))).rejects.toThrow(
      /Failed to lock cassette .*held\.json: another writer has held .*held\.json\.lock for over 0 s\. If no test run is writing it, delete the lock file\./,
    )
  })
})

describe('checkCassettes(dir)', () => {
  test('reports corrupt files, secrets and expired recordings in one pass', async () => {
    const ok = serializeCassette(createCassetteFile('ok', [interaction('/1', '2026-06-01T00:00:00.000Z')]))
    const old = serializeCassette({
      ...createCassetteFile('old', [interaction('/1', '2026-01-01T00:00:00.000Z')]),
      expiresIn: '30d',
    })
    const leak = serializeCassette(
      createCassetteFile('leak', [
        {
          ...interaction('/1'),
          request: { ...interaction('/1').request, headers: { 'x-token': `ghp_${'a'.repeat(36)}` } },
        },
      ]),
    )
    const dir = await testdir({
      'ok.json': ok,
      'nested/old.json': old,
      'leak.json': leak,
      'bad.json': 'nope',
    })
    const result = await checkCassettes(dir.path, { now: () => new Date('2026-03-01T00:00:00Z') })
    expect(result.cassettes).toBe(4)
    expect(result.ok).toBe(false)
    expect(result.problems.map((p) => [p.kind, p.name])).toEqual([
      ['corrupt', 'bad'],
      ['secret', 'leak'],
      ['expired', 'nested/old'],
    ])
    expect(result.problems[1]!.message).toContain(
      "GitHub token (ghp_aaaa… (40 chars)) at $.interactions[0].request.headers['x-token']",
    )
    expect(result.problems[2]!.message).toContain(
      '1 of 1 recordings are older than 30d (oldest from 2026-01-01T00:00:00.000Z)',
    )
    expect(await checkCassettes((await testdir({ 'ok.json': ok })).path)).toEqual({
      ok: true,
      cassettes: 1,
      problems: [],
    })
  })
})

test('cassette files are written with a format version', async () => {
  const dir = await testdir()
  const server = await startTestServer()
  await withCassette('versioned', { dir: dir.path, env: {}, mode: 'once' }, () => fetch(`${server.url}/json`))
  await server.close()
  const file = JSON.parse(await readFile(dir.join('versioned.json'), 'utf8'))
  expect(file).toMatchObject({ format: 'understudy-cassette', version: 1, name: 'versioned' })
})

describe('encodeBody(bytes, contentType)', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)
  test('JSON is stored as JSON, escapes (Slack writes \\/) included', () => {
    expect(
      encodeBody(bytes('{"url":"https:\\/\\/slack.com","n":1.5,"e":1e3}'), 'application/json; charset=utf-8'),
    ).toEqual({
      json: { url: 'https://slack.com', n: 1.5, e: 1000 },
    })
    expect(encodeBody(bytes('[1,2]'), 'application/vnd.github+json')).toEqual({ json: [1, 2] })
  })

  test('JSON whose numbers would lose precision stays text, byte for byte', () => {
    const text = '{"id":12345678901234567890,"ok":true}'
    expect(encodeBody(bytes(text), 'application/json')).toEqual({ text })
    expect(encodeBody(bytes('{"id":"12345678901234567890"}'), 'application/json')).toEqual({
      json: { id: '12345678901234567890' },
    })
  })

  test('text as text, binary as base64, empty as nothing', () => {
    expect(encodeBody(bytes('hello'), 'text/plain')).toEqual({ text: 'hello' })
    expect(encodeBody(bytes('not json {'), 'application/json')).toEqual({ text: 'not json {' })
    expect(encodeBody(new Uint8Array([0, 159, 146, 150]), 'application/octet-stream')).toEqual({
      base64: 'AJ+Slg==',
    })
    expect(encodeBody(new Uint8Array(), 'text/plain')).toBeUndefined()
  })

  test('a body that starts with a byte-order mark replays byte for byte', () => {
    for (const [text, type] of [
      ['\uFEFFhello', 'text/plain'],
      ['\uFEFF{"a":1}', 'application/json'],
    ]) {
      const raw = bytes(text!)
      expect(decodeBody(encodeBody(raw, type))).toEqual(raw)
    }
  })
})
