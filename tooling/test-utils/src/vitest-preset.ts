import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const packagesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../packages')

/**
 * Tests import the other workspace packages from their sources (`@understudy/core/vitest` →
 * packages/core/src/vitest.ts), so a test run never depends on another package's build.
 */
const workspaceSources = {
  name: 'understudy-workspace-sources',
  enforce: 'pre' as const,
  resolveId(id: string) {
    const match = /^@understudy\/([\w-]+)(?:\/([\w-]+))?$/.exec(id)
    if (!match || match[1] === 'test-utils' || match[1] === 'tsconfig') return null
    const file = join(packagesDir, match[1]!, 'src', `${match[2] ?? 'index'}.ts`)
    return existsSync(file) ? file : null
  },
}

/** Shared vitest settings: unit tests beside their source, behaviour tests in test/. */
export const preset = defineConfig({
  plugins: [workspaceSources],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
})
