import { execFileSync } from 'node:child_process'
import { expect, test } from 'vitest'
import { environmentFor, formatEnvironment } from '../src/cli/environment'
import { runInProcess, startInProcess } from './helpers/cli'

// `understudy env` asks a running server what it mounts and prints the SDKs' variables for it.

async function serving(args: string[] = []) {
  const serve = startInProcess(['serve', '--port', '0', '--json', ...args])
  const info = JSON.parse(await serve.line()) as { url: string; env: Record<string, string> }
  return { serve, info }
}

test('env prints export lines for every mounted service, and serve --json carries the same env', async () => {
  const { serve, info } = await serving()
  try {
    const { code, stdout } = await runInProcess(['env', '--url', info.url])
    expect(code).toBe(0)
    expect(stdout).toBe(
      [
        `export GITHUB_API_URL='${info.url}/github'`,
        "export GITHUB_TOKEN='ghp_understudy'",
        `export SLACK_API_URL='${info.url}/slack/api/'`,
        "export SLACK_BOT_TOKEN='xoxb-understudy'",
        `export STRIPE_API_BASE='${info.url}'`,
        "export STRIPE_API_KEY='sk_test_understudy'",
        `export OPENAI_BASE_URL='${info.url}/openai/v1'`,
        "export OPENAI_API_KEY='sk-understudy'",
        `export ANTHROPIC_BASE_URL='${info.url}/anthropic'`,
        "export ANTHROPIC_API_KEY='sk-ant-understudy'",
        `export GOOGLE_GEMINI_BASE_URL='${info.url}/gemini'`,
        "export GEMINI_API_KEY='understudy-gemini'",
        '',
      ].join('\n'),
    )
    const json = await runInProcess(['env', '--json'], { env: { UNDERSTUDY_URL: info.url } })
    expect(JSON.parse(json.stdout)).toEqual({
      url: info.url,
      services: ['github', 'slack', 'stripe', 'openai', 'anthropic', 'gemini'],
      env: info.env,
    })
  } finally {
    await serve.stop()
  }
})

test('env prints only the services the server mounts, and the lines work in a real shell', async () => {
  const { serve, info } = await serving(['--services', 'openai'])
  try {
    const { stdout } = await runInProcess(['env'], { env: { UNDERSTUDY_PORT: new URL(info.url).port } })
    expect(stdout).not.toContain('GITHUB')
    const seen = execFileSync('/bin/sh', ['-c', `${stdout}\nprintf %s "$OPENAI_BASE_URL $OPENAI_API_KEY"`], {
      encoding: 'utf8',
      env: {},
    })
    expect(seen).toBe(`${info.url}/openai/v1 sk-understudy`)
  } finally {
    await serve.stop()
  }
})

test('each shell quotes values its own way', () => {
  const vars = [{ name: 'X', value: "it's a \\ path", service: 'github' }]
  expect(formatEnvironment(vars, 'sh')).toBe(`export X='it'\\''s a \\ path'`)
  expect(formatEnvironment(vars, 'fish')).toBe(`set -gx X 'it\\'s a \\\\ path'`)
  expect(formatEnvironment(vars, 'powershell')).toBe(`$env:X = 'it''s a \\ path'`)
  expect(formatEnvironment(vars, 'dotenv')).toBe(`X="it's a \\\\ path"`)
  const url = environmentFor('http://127.0.0.1:4010/', ['openai', 'future-service'])
  expect(formatEnvironment(url, 'dotenv')).toBe(
    'OPENAI_BASE_URL=http://127.0.0.1:4010/openai/v1\nOPENAI_API_KEY=sk-understudy',
  )
})

test('env without a server, or with bad flags, says what to do', async () => {
  const down = await runInProcess(['env', '--url', 'http://127.0.0.1:9'])
  expect(down.code).toBe(1)
  expect(down.stderr).toContain('No understudy server answers at http://127.0.0.1:9')
  expect(down.stderr).toContain('understudy serve')
  const shell = await runInProcess(['env', '--shell', 'zsh'])
  expect(shell.code).toBe(2)
  expect(shell.stderr).toContain('--shell takes one of sh, fish, powershell, dotenv, not "zsh"')
  const url = await runInProcess(['env', '--url', 'localhost'])
  expect(url.code).toBe(2)
  expect(url.stderr).toContain('--url must be')
  const help = await runInProcess(['env', '--help'])
  expect(help.stdout).toMatch(/^Usage$/m)
})
