#!/usr/bin/env node
// `npm test` for the Python package: runs Debian's python3 -m pytest (not a pyenv or venv python, which
// lacks the Debian client packages) against the CLI built by turbo, and closes with a vitest-style
// "Tests  N passed" line so .ci/run counts the Python tests with the rest.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = join(dirname(fileURLToPath(import.meta.url)), '..')
const python = process.env.UNDERSTUDY_PYTHON || '/usr/bin/python3'
const cliBin = join(here, '..', 'cli', 'dist', 'bin.js')

// Module → Debian package: the clients the tests drive.
const needed = {
  pytest: 'python3-pytest',
  httpx: 'python3-httpx',
  github: 'python3-github',
  stripe: 'python3-stripe',
}

function fail(message) {
  console.error(`pytest-understudy: ${message}`)
  console.log('      Tests  0 passed | 1 failed (1)')
  process.exit(1)
}

if (!existsSync(python)) fail(`${python} is missing. Install Debian's Python: apt-get install python3.`)
const probe = spawnSync(
  python,
  [
    '-c',
    `import importlib.util as u; print(",".join(m for m in ${JSON.stringify(Object.keys(needed))} if u.find_spec(m) is None))`,
  ],
  { encoding: 'utf8' },
)
const missing = probe.stdout.trim().split(',').filter(Boolean)
if (probe.status !== 0 || missing.length > 0)
  fail(
    `${python} lacks ${missing.join(', ') || 'a working import system'}. Install: apt-get install ${(missing.length ? missing : Object.keys(needed)).map((m) => needed[m]).join(' ')}`,
  )
if (!existsSync(cliBin))
  fail(`${cliBin} is missing: build the CLI first (pnpm turbo run build --filter=@understudy/cli).`)

const child = spawn(
  python,
  [
    '-m',
    'pytest',
    '-p',
    'no:understudy',
    '-p',
    'pytest_understudy.plugin',
    '-p',
    'no:cacheprovider',
    '-q',
    ...process.argv.slice(2),
  ],
  {
    cwd: here,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PYTHONPATH: join(here, 'src'),
      PYTHONDONTWRITEBYTECODE: '1',
      // This Node running the built CLI; the single-file binary is tested on its own (tests/test_binary.py).
      UNDERSTUDY_BIN:
        process.env.UNDERSTUDY_BIN || `${JSON.stringify(process.execPath)} ${JSON.stringify(cliBin)}`,
    },
  },
)
let summary = ''
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  summary = (summary + chunk).slice(-4000)
})
child.on('exit', (code) => {
  // pytest's own closing line ("1 failed, 4 passed, 1 skipped in 3.2s"), not a pytester run's inside it.
  const closing =
    summary.split('\n').findLast((line) => /\d+ (passed|failed|errors?|skipped)\b.* in [\d.]+s/.test(line)) ??
    ''
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(closing)?.[1] ?? 0)
  const passed = count('passed')
  // A run that failed without a closing line (a crash, an interrupted session) still counts as failed.
  const failed = count('failed') + count('error') || (code === 0 ? 0 : 1)
  const skipped = count('skipped')
  console.log(
    `      Tests  ${failed ? `${failed} failed | ` : ''}${passed} passed${skipped ? ` | ${skipped} skipped` : ''} (${passed + failed + skipped})`,
  )
  process.exit(code ?? 1)
})
