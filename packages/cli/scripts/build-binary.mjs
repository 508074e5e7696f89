#!/usr/bin/env node
// Builds `understudy` as a Node single executable application (SEA): the CLI bundled into one CommonJS
// file, injected into a copy of a Node binary, so it runs where no Node is installed.
//   pnpm --filter @understudy/cli build:binary   → bin/understudy-<platform>-<arch>[.exe]
// The Node embedded is the one running this script (the toolchain Node 24), or UNDERSTUDY_SEA_NODE.
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inject } from 'postject'
import { build } from 'tsup'
// Node (>= 22.18, as this script requires a Node that can embed) strips the types of this module itself.
import { esbuildDashboardScript } from '../dashboard-bundle.ts'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const work = join(packageDir, 'bin', '.sea')
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
const node = process.env.UNDERSTUDY_SEA_NODE || process.execPath
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
const major = Number(nodeVersion.slice(1).split('.')[0])
if (!(major >= 22)) {
  console.error(
    `build:binary needs Node 22 or newer to embed (SEA with code cache); ${node} is ${nodeVersion}.`,
  )
  process.exit(1)
}
const exe = process.platform === 'win32' ? '.exe' : ''
const output = join(packageDir, 'bin', `understudy-${process.platform}-${process.arch}${exe}`)

rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })

// One CommonJS file with every dependency inside: a SEA's require() only knows Node's built-ins.
await build({
  config: false,
  entry: { understudy: join(packageDir, 'src', 'bin.ts') },
  format: ['cjs'],
  platform: 'node',
  target: `node${major}`,
  outDir: work,
  noExternal: [/.*/],
  splitting: false,
  dts: false,
  sourcemap: false,
  minify: false,
  silent: true,
  define: { __UNDERSTUDY_CLI_VERSION__: JSON.stringify(version) },
  // The dashboard's browser script, bundled into the page as in the package build.
  esbuildPlugins: [esbuildDashboardScript()],
})
const main = join(work, 'understudy.cjs')
// A SEA runs its main script as a function body, where a shebang line is a syntax error.
writeFileSync(main, readFileSync(main, 'utf8').replace(/^#!.*\n/, ''))

const blob = join(work, 'understudy.blob')
writeFileSync(
  join(work, 'sea-config.json'),
  JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
)
execFileSync(node, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: 'inherit' })

const staging = join(work, `understudy${exe}`)
copyFileSync(node, staging)
chmodSync(staging, 0o755)
// macOS refuses to run a modified signed binary: drop the signature, inject, sign ad hoc.
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', staging])
await inject(staging, 'NODE_SEA_BLOB', readFileSync(blob), {
  sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
})
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', staging])
renameSync(staging, output)
rmSync(work, { recursive: true, force: true })
console.log(`${output} (${nodeVersion}, ${(readFileSync(output).length / 1e6).toFixed(0)} MB)`)
