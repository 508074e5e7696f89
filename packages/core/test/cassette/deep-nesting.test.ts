import { writeFile } from 'node:fs/promises'
import { testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import {
  checkCassettes,
  createCassetteFile,
  MAX_JSON_DEPTH,
  readCassetteFile,
  scanForSecrets,
  serializeCassette,
  withCassette,
} from '../../src/cassette/index'
import { diffValues } from '../../src/matching/closest'
import { stableStringify } from '../../src/matching/normalize'
import { replaceAtPath } from '../../src/model/json-path'
import { startTestServer } from './server'

const deepText = (depth: number, leaf = '1') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
const deepValue = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

describe('deeply nested bodies never overflow the stack', () => {
  test.each([5_000, 10_000, 100_000])(
    'a %i-deep JSON response records and replays byte for byte',
    async (depth) => {
      const dir = await testdir()
      const body = deepText(depth)
      const server = await startTestServer({
        '/deep': (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(body)
        },
      })
      const run = (mode: 'once' | 'none') =>
        withCassette('deep', { dir: dir.path, env: {}, mode }, async () =>
          (await fetch(`${server.url}/deep`)).text(),
        )
      expect(await run('once')).toBe(body)
      await server.close()
      expect(await run('none')).toBe(body)
      const file = await readCassetteFile(dir.join('deep.json'))
      expect(file.interactions[0]!.response.body).toEqual({ text: body })
      expect((await checkCassettes(dir.path)).ok).toBe(true)
    },
    60_000,
  )

  test('a body at the limit is still stored as JSON', async () => {
    const dir = await testdir()
    const body = deepText(MAX_JSON_DEPTH)
    const server = await startTestServer({
      '/deep': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(body)
      },
    })
    await withCassette('at-limit', { dir: dir.path, env: {}, mode: 'once' }, () =>
      fetch(`${server.url}/deep`),
    )
    await server.close()
    const file = await readCassetteFile(dir.join('at-limit.json'))
    expect(file.interactions[0]!.response.body).toHaveProperty('json')
  })

  test('a hand-made 10,000-deep cassette is a typed format error, and `cassettes check` reports it', async () => {
    const dir = await testdir()
    const inner = deepText(10_000)
    const text = `{"format":"understudy-cassette","version":1,"name":"deep","interactions":[{"recordedAt":"2025-01-01T00:00:00.000Z","request":{"method":"GET","url":"https://api.test/","headers":{}},"response":{"status":200,"headers":{},"body":{"json":${inner}}}}]}`
    await writeFile(dir.join('deep.json'), text)
    await expect(readCassetteFile(dir.join('deep.json'))).rejects.toMatchObject({
      name: 'CassetteFormatError',
      message: expect.stringContaining(`more than ${MAX_JSON_DEPTH} levels deep`),
    })
    const result = await checkCassettes(dir.path)
    expect(result.problems).toMatchObject([{ kind: 'corrupt', name: 'deep' }])
  })

  test('serializing a too-deep value (from a hook, or by hand) is a typed error, not a RangeError', () => {
    const file = createCassetteFile('hand', [
      {
        recordedAt: '2025-01-01T00:00:00.000Z',
        request: { method: 'GET', url: 'https://api.test/', headers: {} },
        response: { status: 200, headers: {}, body: { json: deepValue(10_000) } },
      },
    ])
    expect(() => serializeCassette(file)).toThrow(/more than 512 levels deep \(the limit, MAX_JSON_DEPTH\)/)
  })

  test('the scanner walks any depth and finds a secret at the bottom', () => {
    const secret = `ghp_${'A1b2C3d4E5'.repeat(4).slice(0, 36)}`
    expect(scanForSecrets(deepValue(100_000, secret)).map((f) => f.kind)).toEqual(['github-token'])
  })

  test('every other walk over a body is iterative too: stable stringify, JSONPath filters, the closest-match diff', () => {
    const depth = 100_000
    expect(stableStringify(JSON.parse(deepText(depth)))).toBe(deepText(depth))
    const value = deepValue(depth, { token: 'x' }) as Record<string, unknown>
    expect(replaceAtPath(value, '$..token', () => '[FILTERED]')).toBe(1)
    const diffs = diffValues(deepValue(depth, 1), deepValue(depth, 2))
    expect(diffs).toHaveLength(1)
    expect(diffs[0]).toMatchObject({ recorded: '1', actual: '2' })
  })
})
