import { testdir } from '@understudy/test-utils'
import { expect, test } from 'vitest'
import { withCassette } from '../../src/cassette/index'
import { startTestServer } from './server'

test('smoke', async () => {
  const dir = await testdir()
  const server = await startTestServer()
  const first = await withCassette('smoke', { dir: dir.path, mode: 'once', env: {} }, async () => {
    const res = await fetch(`${server.url}/gzip`)
    return res.json()
  })
  await server.close()
  const { readFile } = await import('node:fs/promises')
  console.log(await readFile(dir.join('smoke.json'), 'utf8'))
  const second = await withCassette('smoke', { dir: dir.path, mode: 'none', env: {} }, async () => {
    const res = await fetch(`${server.url}/gzip`)
    return res.json()
  })
  expect(second).toEqual(first)
})
