import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

test('many credentials under a 96 MB heap: partitions are bounded, the process survives', () => {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'test/heap/vitest.config.ts'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=96', CI: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 170_000,
  })
  expect(run.stdout + run.stderr).toMatch(/1 passed/)
  expect(run.status).toBe(0)
}, 180_000)
