import { Octokit } from '@octokit/rest'
import { testdir } from '@understudy/test-utils'
import { expect, test } from 'vitest'
import { startInProcess } from './helpers/cli'

// `understudy serve` flags, run in this process and stopped as Ctrl+C would.

const quiet = { debug() {}, info() {}, warn() {}, error() {} }

test('serve --seed seed.yaml --services github --verbose', async () => {
  const dir = await testdir({
    'seed.yaml':
      'github:\n  repos:\n    - full_name: octo/hello\n      issues:\n        - { title: From YAML, labels: [bug] }\n',
  })
  const serve = startInProcess(
    ['serve', '--port', '0', '--json', '--seed', 'seed.yaml', '--services', 'github', '--verbose'],
    {
      cwd: dir.path,
    },
  )
  const info = JSON.parse(await serve.line()) as {
    url: string
    services: string[]
    baseUrls: Record<string, string>
  }
  expect(info.services).toEqual(['github'])
  expect(info.baseUrls).toEqual({ github: `${info.url}/github` })

  const octokit = new Octokit({ auth: 'ghp_test_123', baseUrl: info.baseUrls.github, log: quiet })
  const { data } = await octokit.rest.issues.get({ owner: 'octo', repo: 'hello', issue_number: 1 })
  expect(data).toMatchObject({ title: 'From YAML', labels: [{ name: 'bug' }] })
  // Not mounted: the server says what is.
  const slack = await fetch(`${info.url}/slack/api/auth.test`, { method: 'POST' })
  expect(slack.status).toBe(404)
  expect((await slack.json()).error).toContain('Mounted services: github at /github/')

  expect(await serve.stop()).toBe(0)
  expect(serve.stderr()).toMatch(
    /^GET {4}\/github\/repos\/octo\/hello\/issues\/1 200 [\d.]+ms github ghp_…123$/m,
  )
  expect(serve.stderr()).toContain('Stopping (aborted)')
})

test('serve --seed with an unknown service key fails (exit 2) and says which keys exist', async () => {
  const dir = await testdir({ 'seed.json': '{"gitlab":{}}' })
  const serve = startInProcess(['serve', '--port', '0', '--seed', 'seed.json'], { cwd: dir.path })
  await expect(serve.line()).rejects.toThrow(
    /exited 2 early: .*unknown key "gitlab". Use github, slack, stripe, openai/,
  )
})

test('serve --seed with a bad seed file refuses to start (exit 2), naming the file and the path (#13)', async () => {
  const dir = await testdir({
    'seed.json': JSON.stringify({ github: { repos: [{ full_name: 'octo/hello', isues: [] }] } }),
    'seed.yaml': 'slack:\n  channels:\n    - name: general\n      members: [ghost]\n',
  })
  const serve = startInProcess(['serve', '--port', '0', '--seed', 'seed.json'], { cwd: dir.path })
  await expect(serve.line()).rejects.toThrow(
    /exited 2 early: .*Failed to load seed from .*seed\.json: github\.repos\[0\]\.isues: unknown key "isues"; did you mean "issues"\?/,
  )
  // A seed that only fails against the state (a member nobody seeded) also stops the start.
  const yaml = startInProcess(['serve', '--port', '0', '--seed', 'seed.yaml'], { cwd: dir.path })
  await expect(yaml.line()).rejects.toThrow(
    /exited 2 early: .*Failed to load seed from .*seed\.yaml: slack: .*channels\[0\]\.members\[0\]: channel "#general" lists member "ghost", who is not seeded/,
  )
})

test('serve prints where each service is, for people', async () => {
  const serve = startInProcess(['serve', '--port', '0'])
  const first = await serve.line()
  expect(first).toMatch(/^● understudy \S+ serving on http:\/\/127\.0\.0\.1:\d+$/)
  await serve.line()
  const lines = [await serve.line(), await serve.line(), await serve.line(), await serve.line()]
  expect(lines.map((l) => l.trim().split(/\s+/)[0])).toEqual(['github', 'slack', 'stripe', 'openai'])
  expect(lines[2]).toMatch(/new Stripe\(key, \{ host: '127\.0\.0\.1', port: \d+, protocol: 'http' \}\)/)
  expect(await serve.stop()).toBe(0)
})

test('serve --allowed-hosts lets the admin API answer to that name; others are refused', async () => {
  const serve = startInProcess([
    'serve',
    '--port',
    '0',
    '--json',
    '--services',
    'github',
    '--allowed-hosts',
    'understudy',
  ])
  const info = JSON.parse(await serve.line()) as { url: string; port: number }
  const { rawRequest } = await import('./helpers/raw-http')
  const ok = await rawRequest(info.url, {
    path: '/_understudy/info',
    headers: { host: `understudy:${info.port}` },
  })
  expect(ok.status).toBe(200)
  const refused = await rawRequest(info.url, {
    path: '/_understudy/info',
    headers: { host: `other:${info.port}` },
  })
  expect(refused.status).toBe(403)
  expect(await serve.stop()).toBe(0)
})

test('serve --max-partitions must be a whole number', async () => {
  const serve = startInProcess(['serve', '--port', '0', '--max-partitions', 'many'])
  await expect(serve.line()).rejects.toThrow(/--max-partitions takes a whole number/)
})
