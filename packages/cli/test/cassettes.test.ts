import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { testdir } from '@understudy/test-utils'
import { describe, expect, test } from 'vitest'
import { runInProcess } from './helpers/cli'
import { LEAKED_TOKEN } from './helpers/live-api'

// `understudy cassettes check|list|import|export` on files in temp folders.

const DAY = 86_400_000

function cassette(name: string, options: { recordedAt?: string; expiresIn?: string; body?: unknown } = {}) {
  return `${JSON.stringify(
    {
      format: 'understudy-cassette',
      version: 1,
      name,
      ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
      interactions: [
        {
          recordedAt: options.recordedAt ?? new Date().toISOString(),
          request: {
            method: 'GET',
            url: 'https://api.github.com/repos/octo/hello',
            headers: { accept: 'application/json' },
          },
          response: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: { json: options.body ?? { full_name: 'octo/hello' } },
          },
        },
      ],
    },
    null,
    2,
  )}\n`
}

const HAR = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'DevTools', version: '1' },
    entries: [
      {
        startedDateTime: '2026-01-02T03:04:05.000Z',
        time: 12,
        request: {
          method: 'POST',
          url: 'https://api.github.com/repos/octo/hello/issues',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: [
            { name: 'Content-Type', value: 'application/json' },
            { name: 'Authorization', value: 'token ghp_test' },
          ],
          queryString: [],
          postData: { mimeType: 'application/json', text: '{"title":"Bug"}' },
          headersSize: -1,
          bodySize: 15,
        },
        response: {
          status: 201,
          statusText: 'Created',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          content: { size: 25, mimeType: 'application/json', text: '{"number":1,"title":"Bug"}' },
          redirectURL: '',
          headersSize: -1,
          bodySize: 25,
        },
        cache: {},
        timings: { send: 0, wait: 12, receive: 0 },
      },
    ],
  },
})

const VCR = `interactions:
- request:
    body: '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}'
    headers:
      Authorization:
      - Bearer sk-test
      Content-Type:
      - application/json
    method: POST
    uri: https://api.openai.com/v1/chat/completions
  response:
    body:
      string: '{"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello"}}]}'
    headers:
      Content-Type:
      - application/json
    status:
      code: 200
      message: OK
version: 1
`

describe('cassettes check', () => {
  test('a clean folder passes (exit 0)', async () => {
    const dir = await testdir({ 'github/ok.json': cassette('github/ok', { expiresIn: '30d' }) })
    const { code, stdout } = await runInProcess(['cassettes', 'check', dir.path])
    expect(code).toBe(0)
    expect(stdout).toMatch(/✓ 1 cassette checked in .*: no problems/)
  })

  test('expired, secret-bearing and corrupt cassettes are findings (exit 1), also as --json', async () => {
    const dir = await testdir({
      'ok.json': cassette('ok'),
      'old.json': cassette('old', {
        expiresIn: '7d',
        recordedAt: new Date(Date.now() - 30 * DAY).toISOString(),
      }),
      'leaky.json': cassette('leaky', { body: { token: LEAKED_TOKEN } }),
      'broken.json': '{ "format": "understudy-cassette", ',
    })
    const text = await runInProcess(['cassettes', 'check', dir.path])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/✗ expired +old/)
    expect(text.stdout).toMatch(/✗ secret +leaky .*GitHub token/)
    expect(text.stdout).toMatch(/✗ corrupt +broken/)
    expect(text.stdout).toMatch(/4 cassettes checked in .*: 1 expired, 1 with secrets, 1 corrupt/)
    expect(text.stdout).not.toContain(LEAKED_TOKEN)

    const json = await runInProcess(['cassettes', 'check', dir.path, '--json'])
    expect(json.code).toBe(1)
    const report = JSON.parse(json.stdout)
    expect(report).toMatchObject({ ok: false, cassettes: 4 })
    expect(report.problems.map((p: { kind: string; name: string }) => `${p.kind}:${p.name}`).sort()).toEqual([
      'corrupt:broken',
      'expired:old',
      'secret:leaky',
    ])
  })
})

test('cassettes list shows interactions and expiry; --json for scripts', async () => {
  const dir = await testdir({
    'github/ok.json': cassette('github/ok', { expiresIn: '30d' }),
    'old.json': cassette('old', {
      expiresIn: '1d',
      recordedAt: new Date(Date.now() - 3 * DAY).toISOString(),
    }),
  })
  const text = await runInProcess(['cassettes', 'list', dir.path])
  expect(text.code).toBe(0)
  expect(text.stdout).toMatch(/^github\/ok +1 +\d+ s ago +expires in 30 d +ok/m)
  expect(text.stdout).toMatch(/^old +1 +3 d ago +expired 2 d ago +expired/m)
  const json = JSON.parse((await runInProcess(['cassettes', 'list', dir.path, '--json'])).stdout)
  expect(json.cassettes).toMatchObject([
    { name: 'github/ok', interactions: 1, expired: false, expiresIn: '30d' },
    { name: 'old', interactions: 1, expired: true, problems: [{ kind: 'expired' }] },
  ])
})

describe('cassettes import and export', () => {
  test('import --har writes a redacted cassette; export --har gives the entries back', async () => {
    const dir = await testdir({ 'session.har': HAR })
    const imported = await runInProcess(['cassettes', 'import', '--har', 'session.har', '--json'], {
      cwd: dir.path,
    })
    expect(imported.code).toBe(0)
    expect(imported.stderr).toMatch(/Reading .*session\.har \(\d+(\.\d)? (B|KB)\)…/)
    const result = JSON.parse(imported.stdout)
    expect(result).toMatchObject({
      cassette: 'session',
      interactions: 1,
      file: dir.join('__cassettes__', 'session.json'),
    })
    const file = JSON.parse(await readFile(result.file, 'utf8'))
    expect(file.interactions[0]).toMatchObject({
      recordedAt: '2026-01-02T03:04:05.000Z',
      request: {
        method: 'POST',
        url: 'https://api.github.com/repos/octo/hello/issues',
        body: { json: { title: 'Bug' } },
      },
      response: { status: 201, body: { json: { number: 1, title: 'Bug' } } },
    })
    expect(JSON.stringify(file)).not.toContain('ghp_test')

    const again = await runInProcess(['cassettes', 'import', '--har', 'session.har'], { cwd: dir.path })
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists. Pass --force to overwrite it')

    const exported = await runInProcess(
      ['cassettes', 'export', '--har', 'session', '-o', 'out.har', '--json'],
      { cwd: dir.path },
    )
    expect(exported.code).toBe(0)
    const har = JSON.parse(await readFile(dir.join('out.har'), 'utf8'))
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: '@understudy/cli' } })
    expect(har.log.entries).toMatchObject([
      {
        request: { method: 'POST', url: 'https://api.github.com/repos/octo/hello/issues' },
        response: { status: 201, content: { text: '{"number":1,"title":"Bug"}' } },
      },
    ])
    const toStdout = await runInProcess([
      'cassettes',
      'export',
      '--har',
      dir.join('__cassettes__', 'session.json'),
      '-o',
      '-',
    ])
    expect(JSON.parse(toStdout.stdout).log.entries).toHaveLength(1)
  })

  test('import --vcr converts a vcrpy cassette', async () => {
    const dir = await testdir({ 'test_chat.yaml': VCR })
    const { code, stdout } = await runInProcess(
      ['cassettes', 'import', '--vcr', 'test_chat.yaml', '--cassette', 'openai/chat', '--dir', 'cassettes'],
      { cwd: dir.path },
    )
    expect(code).toBe(0)
    expect(stdout).toContain('cassettes/openai/chat.json (1 interactions from vcrpy test_chat.yaml)')
    const file = JSON.parse(await readFile(dir.join('cassettes/openai/chat.json'), 'utf8'))
    expect(file.interactions[0]).toMatchObject({
      request: { method: 'POST', url: 'https://api.openai.com/v1/chat/completions' },
      response: { status: 200, body: { json: { choices: [{ message: { content: 'Hello' } }] } } },
    })
    expect(JSON.stringify(file)).not.toContain('Bearer sk-test')
  })

  test('an import that would write a secret is refused and writes nothing', async () => {
    const leaky = HAR.replace('{\\"number\\":1,\\"title\\":\\"Bug\\"}', `{\\"token\\":\\"${LEAKED_TOKEN}\\"}`)
    expect(leaky).toContain(LEAKED_TOKEN)
    const dir = await testdir({ 'leaky.har': leaky })
    const { code, stderr } = await runInProcess(['cassettes', 'import', '--har', 'leaky.har'], {
      cwd: dir.path,
    })
    expect(code).toBe(1)
    expect(stderr).toMatch(/GitHub token/)
    expect(stderr).not.toContain(LEAKED_TOKEN)
    expect(existsSync(dir.join('__cassettes__', 'leaky.json'))).toBe(false)
  })

  test('usage errors: no file flag, both flags, no subcommand', async () => {
    expect((await runInProcess(['cassettes', 'import'])).code).toBe(2)
    expect((await runInProcess(['cassettes', 'import', '--har', 'a', '--vcr', 'b'])).code).toBe(2)
    expect((await runInProcess(['cassettes', 'export'])).code).toBe(2)
    expect((await runInProcess(['cassettes'])).code).toBe(2)
    expect((await runInProcess(['cassettes', 'prune'])).code).toBe(2)
  })
})
