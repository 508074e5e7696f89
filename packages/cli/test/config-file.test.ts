import { testdir } from '@understudy/test-utils'
import { expect, test } from 'vitest'
import { parseConfig } from '../src/index'
import { startInProcess } from './helpers/cli'

// `understudy serve --config`: every mock's options from a file, checked like seeds (#15, #13).

async function hammer(url: string, total: number, concurrency = 32): Promise<Map<number, number>> {
  const statuses = new Map<number, number>()
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++
        const response = await fetch(url, { headers: { authorization: 'token ghp_load' } })
        await response.arrayBuffer()
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      }
    }),
  )
  return statuses
}

test('serve --config lifts GitHub rate limit: 6,000 requests with one token all get through', {
  timeout: 120_000,
}, async () => {
  const dir = await testdir({
    'understudy.yaml': [
      '# yaml-language-server: $schema=../config.schema.json',
      'services: [github]',
      'seed: { github: { repos: [{ full_name: octo/hello }] } }',
      'github:',
      '  rateLimits: { core: 1000000 }',
      '',
    ].join('\n'),
  })
  const serve = startInProcess(['serve', '--port', '0', '--json', '--config', 'understudy.yaml'], {
    cwd: dir.path,
  })
  const info = JSON.parse(await serve.line()) as { url: string; services: string[] }
  expect(info.services).toEqual(['github'])
  const statuses = await hammer(`${info.url}/github/repos/octo/hello`, 6000)
  expect(Object.fromEntries(statuses)).toEqual({ 200: 6000 })
  const last = await fetch(`${info.url}/github/repos/octo/hello`, {
    headers: { authorization: 'token ghp_load' },
  })
  expect(last.headers.get('x-ratelimit-limit')).toBe('1000000')
  expect(last.headers.get('x-ratelimit-remaining')).toBe(String(1_000_000 - 6001))
  expect(await serve.stop()).toBe(0)
})

test('serve --config sets the mock options it names, and flags override the file', async () => {
  const dir = await testdir({
    'config.json': JSON.stringify({
      $schema: 'https://unpkg.com/@understudy/cli/config.schema.json',
      services: ['slack'],
      seed: 'seed.json',
      github: { rateLimits: { core: 3 } },
    }),
    'seed.json': JSON.stringify({ github: { repos: [{ full_name: 'octo/hello' }] } }),
  })
  // --services on the command line wins over the file's services.
  const serve = startInProcess(
    ['serve', '--port', '0', '--json', '--config', 'config.json', '--services', 'github'],
    {
      cwd: dir.path,
    },
  )
  const info = JSON.parse(await serve.line()) as { url: string; services: string[] }
  expect(info.services).toEqual(['github'])
  const statuses = await hammer(`${info.url}/github/repos/octo/hello`, 4, 1)
  expect(Object.fromEntries(statuses)).toEqual({ 200: 3, 403: 1 })
  expect(await serve.stop()).toBe(0)
})

test('a bad config refuses to start (exit 2), naming the file and the path', async () => {
  const dir = await testdir({
    'understudy.yaml': 'github:\n  rateLimit:\n    core: 100000\n',
    'types.json': JSON.stringify({ slack: { events: { requestUrl: 'not a url' } }, port: 'x' }),
  })
  const serve = startInProcess(['serve', '--port', '0', '--config', 'understudy.yaml'], { cwd: dir.path })
  await expect(serve.line()).rejects.toThrow(
    /exited 2 early: .*Invalid config .*understudy\.yaml: github\.rateLimit: unknown key "rateLimit"; did you mean "rateLimits"\? The server did not start\./,
  )
  const types = startInProcess(['serve', '--config', 'types.json'], { cwd: dir.path })
  await expect(types.line()).rejects.toThrow(/exited 2 early: .*Invalid config .*types\.json \(2 problems/)
  expect(() => parseConfig({ slack: { events: { requestUrl: 'not a url' } } }, 'c.json', '/')).toThrowError(
    expect.objectContaining({
      name: 'ConfigFileError',
      exitCode: 2,
      message: expect.stringContaining(
        'slack.events.requestUrl: expected an absolute URL like "http://127.0.0.1:3000/webhooks", got "not a url"',
      ),
    }),
  )
})
