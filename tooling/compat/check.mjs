#!/usr/bin/env node
// The compat check: a package that only works inside the monorepo is a defect. Each published package
// is packed the way `pnpm publish` packs it, the tarballs are installed with npm into a temp project
// (msw 2, since msw 3 needs Node 22), and every entry of every `exports` map is loaded with `require`
// and with `import` on the Node this script runs on: the system Node 20 when `npm test` starts it.
//
// Plain ESM with no dependencies, so it runs on Node 20 outside the workspace.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

// turbo runs this task under the toolchain's Node 24; the check is about the Node the machine came
// with, which the bootstrap names in UNDERSTUDY_SYSTEM_NODE.
const systemNode = process.env.UNDERSTUDY_SYSTEM_NODE
if (systemNode && systemNode !== process.execPath && existsSync(systemNode)) {
  const result = spawnSync(systemNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  process.exit(result.status ?? 1)
}
const MSW_FOR_NODE_20 = '2.12.7'
const NPM_CACHE = join(root, '.cache', 'npm-compat')
// vitest 3 is the newest that installs on Node 20; the published types must hold with it too (peer >=1).
const TYPE_PEERS = { vitest: '^3.2.0', '@types/node': '^20.19.0' }

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`)
  }
  return result.stdout
}

function publishedPackages() {
  const dir = join(root, 'packages')
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => existsSync(join(path, 'package.json')))
    .map((path) => ({ path, manifest: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
}

function entryPoints(manifest) {
  return Object.keys(manifest.exports ?? { '.': null })
    .filter((key) => key !== './package.json' && !key.includes('*'))
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`))
}

// `npx understudy serve --port 0 --json` from the installed tarball: it must print where it listens,
// answer /_understudy/health, and exit 0 on SIGTERM. Bounded: 30 s to start, 15 s to stop.
// npx does not pass signals on, so SIGTERM goes to the server's own pid (from its --json line) and
// npx's exit code must then be the server's 0. Its own process group lets a failure kill both.
async function checkServe(project) {
  const child = spawn('npx', ['--no-install', 'understudy', 'serve', '--port', '0', '--json'], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...binEnv(), NO_COLOR: '1' },
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)))
  const timeout = (ms, what) =>
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms).unref(),
    )
  try {
    const firstLine = new Promise((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk) => {
        out += chunk
        const newline = out.indexOf('\n')
        if (newline >= 0) resolve(out.slice(0, newline))
      })
      exited.then((code) => reject(new Error(`exited (${code}) before listening`)))
    })
    const info = JSON.parse(await Promise.race([firstLine, timeout(30_000, 'waiting for serve to listen')]))
    const response = await fetch(`${info.url}/_understudy/health`)
    const body = await response.json()
    if (!response.ok || body.ok !== true)
      throw new Error(`health answered ${response.status} ${JSON.stringify(body)}`)
    // A mock's answer through the server's light request and buffered response path, on this Node.
    const user = await fetch(`${info.url}/github/user`, { headers: { authorization: 'token ghp_test' } })
    const login = (await user.json()).login
    if (
      user.status !== 200 ||
      login !== 'octocat' ||
      !REQUEST_ID.test(user.headers.get('x-github-request-id') ?? '')
    )
      throw new Error(`GET /github/user answered ${user.status}, login ${login}`)
    process.kill(info.pid, 'SIGTERM')
    const code = await Promise.race([exited, timeout(15_000, 'waiting for serve to stop on SIGTERM')])
    if (code !== 0) throw new Error(`exited ${code} on SIGTERM`)
    return { ok: true, detail: `${info.url} healthy, GET /github/user 200, exit 0 on SIGTERM` }
  } catch (error) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {}
    return { ok: false, detail: `${error.message}${stderr ? `\n${stderr.trim()}` : ''}` }
  } finally {
    child.stdout.destroy()
    child.stderr.destroy()
  }
}

const REQUEST_ID = /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/

// A mock behind msw 2 on this Node, through both clients SDKs use (fetch, and node:https as
// stripe-node and axios do): status, headers, a cloned body, the body, and a 404's error body. Mocks
// answer with their own Response implementation; this is where msw 2 and Node 20's undici meet it.
const MSW_SMOKE = `
import https from 'node:https'
import { setupServer } from 'msw/node'
import { createGitHubMock } from '@understudy/mock-github'
const github = createGitHubMock({ seed: { repos: [{ full_name: 'octo/hello' }] } })
const server = setupServer(...github.handlers)
server.listen({ onUnhandledRequest: 'error' })
const fail = (what) => { throw new Error(what) }
const headers = { authorization: 'token ghp_test' }
const url = 'https://api.github.com/repos/octo/hello'
const answer = await fetch(url, { headers })
if (answer.status !== 200 || !answer.ok) fail('fetch: status ' + answer.status)
if (!(answer.headers.get('content-type') ?? '').startsWith('application/json')) fail('fetch: content-type')
if (!${REQUEST_ID}.test(answer.headers.get('x-github-request-id') ?? '')) fail('fetch: request id')
if ((await answer.clone().json()).full_name !== 'octo/hello') fail('fetch: cloned body')
if ((await answer.json()).full_name !== 'octo/hello') fail('fetch: body')
const missing = await fetch('https://api.github.com/repos/octo/nope', { headers })
if (missing.status !== 404 || (await missing.json()).message !== 'Not Found') fail('fetch: 404')
const viaHttps = await new Promise((resolve, reject) =>
  https.get(url, { headers }, (res) => {
    let text = ''
    res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve({ res, text }))
  }).on('error', reject),
)
if (viaHttps.res.statusCode !== 200) fail('https: status ' + viaHttps.res.statusCode)
if (Number(viaHttps.res.headers['content-length']) !== Buffer.byteLength(viaHttps.text)) fail('https: content-length')
if (JSON.parse(viaHttps.text).full_name !== 'octo/hello') fail('https: body')
server.close()
`

// Bins start with `#!/usr/bin/env node`: this Node goes first on PATH so they run on it (the system
// Node 20 under `npm test`), not on the toolchain's Node that may come first otherwise.
function binEnv() {
  return {
    ...process.env,
    PATH: `${dirname(process.execPath)}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}`,
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

// Every entry's published declarations, type-checked as a strict user project would see them:
// `skipLibCheck: false`, node16 resolution, once from ESM and once from CommonJS. A declaration that
// only compiles with skipLibCheck (a type re-exported as a value, a missing peer type) fails here.
function typeCheck(project, packages) {
  const dir = join(project, 'typecheck')
  mkdirSync(dir, { recursive: true })
  // Data entries (JSON Schemas) have no declarations to check.
  const entries = packages
    .flatMap(({ manifest }) => entryPoints(manifest))
    .filter((e) => !e.endsWith('.json'))
  const esm = entries.map((entry, i) => `import * as m${i} from ${JSON.stringify(entry)}\nvoid m${i}\n`)
  const cjs = entries.map((entry, i) => `import m${i} = require(${JSON.stringify(entry)})\nvoid m${i}\n`)
  writeFileSync(join(dir, 'esm.mts'), esm.join(''))
  writeFileSync(join(dir, 'cjs.cts'), cjs.join(''))
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2022',
        lib: ['es2023', 'dom'],
        types: ['node'],
      },
      files: ['esm.mts', 'cjs.cts'],
    }),
  )
  // The workspace's own TypeScript: the one the packages were built with.
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], {
    cwd: project,
    encoding: 'utf8',
  })
  // Only our declarations are ours to fix: vitest's own index.d.cts, for one, cannot be required.
  const diagnostics = `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((line) => /error TS\d+/.test(line))
  const ours = diagnostics.filter(
    (line) => !line.startsWith('node_modules/') || line.includes('/@understudy/'),
  )
  const detail = `${entries.length} entries' declarations, skipLibCheck false, ESM and CJS`
  if (result.status === 0 || (ours.length === 0 && diagnostics.length > 0))
    return {
      ok: true,
      detail: diagnostics.length ? `${detail} (${diagnostics.length} in other packages' own types)` : detail,
    }
  return {
    ok: false,
    detail: `tsc with skipLibCheck false:\n${(ours.length ? ours : [result.stdout + result.stderr]).join('\n')}`,
  }
}

async function main() {
  const packages = publishedPackages()
  const work = mkdtempSync(join(tmpdir(), 'understudy-compat-'))
  try {
    const tarballs = join(work, 'tarballs')
    mkdirSync(tarballs)
    const files = {}
    for (const { path, manifest } of packages) {
      if (!existsSync(join(path, 'dist')))
        throw new Error(`${manifest.name} has no dist/: run the build first.`)
      const out = sh('pnpm', ['pack', '--pack-destination', tarballs], { cwd: path })
      const file = out.trim().split('\n').pop().trim()
      files[manifest.name] = file.startsWith('/') ? file : join(tarballs, file)
    }
    const project = join(work, 'project')
    mkdirSync(project)
    const specs = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, `file:${file}`]))
    // overrides make the tarballs satisfy the packages' dependencies on each other, unpublished versions included.
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'compat',
          private: true,
          dependencies: { ...specs, msw: MSW_FOR_NODE_20 },
          // What a TypeScript user of the packages has installed: the optional vitest peer and Node's types.
          devDependencies: TYPE_PEERS,
          overrides: specs,
        },
        null,
        2,
      ),
    )
    // A cache of its own, kept under the git-ignored .cache/: nothing else writes to it while turbo runs
    // tasks in parallel, and it stays warm between runs.
    // npm runs on this (the system's) Node, as `npm test` started it: npm reads its global npmrc
    // (registry, cafile for a TLS-inspecting proxy) from next to the Node that runs it, and the
    // toolchain's Node that turbo puts first on PATH has none (SELF_SIGNED_CERT_IN_CHAIN, which npm
    // then reports as `ERESOLVE … Found: msw@undefined`).
    sh(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', '--cache', NPM_CACHE],
      { cwd: project, env: binEnv() },
    )

    let failures = 0
    const lines = [
      `compat: Node ${process.version}, msw ${MSW_FOR_NODE_20}, ${packages.length} packages from packed tarballs`,
    ]
    // What would be published must hold no credential: scan every file of every tarball with the
    // packed core's own secret scanner (the shapes that also stop a cassette from being written).
    const { scanForSecrets } = await import(
      pathToFileURL(join(project, 'node_modules', '@understudy', 'core', 'dist', 'index.js')).href
    )
    for (const [name, tarball] of Object.entries(files)) {
      const unpacked = join(work, 'unpacked', name)
      mkdirSync(unpacked, { recursive: true })
      sh('tar', ['-xzf', tarball, '-C', unpacked])
      const findings = filesUnder(unpacked).flatMap((file) =>
        scanForSecrets(readFileSync(file, 'latin1'), file.slice(unpacked.length + 1)),
      )
      if (findings.length) failures++
      lines.push(
        findings.length
          ? `  FAIL secrets  ${name}: ${findings.map((f) => `${f.label} in ${f.path} (${f.preview})`).join('; ')}`
          : `  ok   secrets  ${name}: no credential shapes in ${filesUnder(unpacked).length} files`,
      )
    }
    writeFileSync(join(project, 'msw-smoke.mjs'), MSW_SMOKE)
    const smoke = spawnSync(process.execPath, ['msw-smoke.mjs'], { cwd: project, encoding: 'utf8' })
    if (smoke.status !== 0) failures++
    lines.push(
      smoke.status === 0
        ? '  ok   msw     a GitHub mock behind msw 2: fetch and node:https, status, headers, clone, body, 404'
        : `  FAIL msw     a GitHub mock behind msw 2:\n${`${smoke.stdout}${smoke.stderr}`.trim()}`,
    )
    const typed = typeCheck(project, packages)
    if (!typed.ok) failures++
    lines.push(`  ${typed.ok ? 'ok  ' : 'FAIL'} types   ${typed.detail}`)
    for (const { manifest } of packages) {
      for (const entry of entryPoints(manifest)) {
        for (const [kind, code] of [
          [
            'require',
            `const m = require(${JSON.stringify(entry)}); if (!Object.keys(m).length) throw new Error('no exports')`,
          ],
          [
            'import',
            // A JSON entry is imported as JSON, the way ESM requires.
            `const m = await import(${JSON.stringify(entry)}${entry.endsWith('.json') ? ", { with: { type: 'json' } }" : ''}); if (!Object.keys(m).length) throw new Error('no exports')`,
          ],
        ]) {
          const args = kind === 'import' ? ['--input-type=module', '-e', code] : ['-e', code]
          const result = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8' })
          const ok = result.status === 0
          if (!ok) failures++
          lines.push(
            `  ${ok ? 'ok  ' : 'FAIL'} ${kind.padEnd(7)} ${entry}${ok ? '' : `\n${result.stderr.trim()}`}`,
          )
        }
      }
      for (const bin of Object.keys(manifest.bin ?? {})) {
        const result = spawnSync(join(project, 'node_modules', '.bin', bin), ['--version'], {
          cwd: project,
          encoding: 'utf8',
          env: binEnv(),
        })
        const ok = result.status === 0
        if (!ok) failures++
        lines.push(
          `  ${ok ? 'ok  ' : 'FAIL'} bin     ${bin} --version ${ok ? result.stdout.trim() : result.stderr.trim()}`,
        )
        if (bin === 'understudy') {
          const serve = await checkServe(project)
          if (!serve.ok) failures++
          lines.push(`  ${serve.ok ? 'ok  ' : 'FAIL'} bin     npx understudy serve --port 0: ${serve.detail}`)
        }
      }
    }
    lines.push(`compat: ${failures === 0 ? 'all entry points load' : `${failures} failed`}`)
    process.stdout.write(`${lines.join('\n')}\n`)
    process.exitCode = failures === 0 ? 0 : 1
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
