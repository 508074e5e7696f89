// Which build a runtime gets is decided by the export map: Node's `node` condition picks dist/node
// (node:crypto); browsers, workers and Deno, and anything without a `node` condition, get the WebCrypto
// build. Checked on the built package (`pnpm build` first; turbo runs it before the tests).

import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, inject, test } from 'vitest'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const subpaths = ['', '/github', '/slack', '/stripe', '/standard-webhooks', '/openai']

/** Resolves every subpath, from ESM and from CJS, in a fresh Node started with `conditions`. */
function resolveAll(conditions: string[]): { import: string[]; require: string[] } {
  const script = `
    import { createRequire } from 'node:module'
    import { fileURLToPath } from 'node:url'
    const require = createRequire(import.meta.url)
    const names = ${JSON.stringify(subpaths)}.map((s) => '@understudy/signature-utils' + s)
    console.log(JSON.stringify({
      import: names.map((n) => fileURLToPath(import.meta.resolve(n))),
      require: names.map((n) => require.resolve(n)),
    }))`
  const args = [...conditions.map((c) => `--conditions=${c}`), '--input-type=module', '-e', script]
  const out = execFileSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8' })
  const resolved = JSON.parse(out) as { import: string[]; require: string[] }
  const rel = (files: string[]) => files.map((file) => relative(packageDir, file).replaceAll('\\', '/'))
  return { import: rel(resolved.import), require: rel(resolved.require) }
}

const files = (dir: string, ext: string) =>
  subpaths.map((s) => `${dir}/${s === '' ? 'index' : s.slice(1)}.${ext}`)

// About the package, not a backend: run in one of the two projects.
const built = existsSync(join(packageDir, 'dist/node/index.js'))
describe.runIf(built && inject('backend') === 'node:crypto')('the export map', () => {
  test('Node picks the node:crypto build, from import and require, for every subpath', () => {
    expect(resolveAll([])).toEqual({ import: files('dist/node', 'js'), require: files('dist/node', 'cjs') })
  })

  test.each(['browser', 'worker', 'deno'])('the %s condition picks the WebCrypto build', (condition) => {
    expect(resolveAll([condition])).toEqual({ import: files('dist', 'js'), require: files('dist', 'cjs') })
  })

  test('the node build verifies what node:crypto signs, from ESM and CJS', () => {
    const script = `
      import { createHmac } from 'node:crypto'
      import { createRequire } from 'node:module'
      import { github } from '@understudy/signature-utils'
      const cjs = createRequire(import.meta.url)('@understudy/signature-utils/github')
      const body = '{"zen":"ok"}'
      const header = 'sha256=' + createHmac('sha256', 'gh_webhook_test').update(body).digest('hex')
      console.log(JSON.stringify([
        await github.verify('gh_webhook_test', body, header),
        await cjs.verify('gh_webhook_test', body, header),
        await github.verify('other', body, header),
      ]))`
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      encoding: 'utf8',
    })
    expect(JSON.parse(out)).toEqual([true, true, false])
  })
})
