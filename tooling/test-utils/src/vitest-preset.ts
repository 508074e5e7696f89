import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
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

/**
 * The cli's dashboard inlines its browser script as the module `virtual:dashboard-script`, bundled
 * by packages/cli/dashboard-bundle.ts. A test that imports the cli from its sources (the example
 * apps do) needs that module too; the bundler is loaded only then (Node strips its types).
 */
const DASHBOARD_SCRIPT_ID = 'virtual:dashboard-script'
const dashboardScript = {
  name: 'understudy-dashboard-script',
  resolveId: (id: string) => (id === DASHBOARD_SCRIPT_ID ? `\0${DASHBOARD_SCRIPT_ID}` : null),
  async load(id: string) {
    if (id !== `\0${DASHBOARD_SCRIPT_ID}`) return null
    const bundler = pathToFileURL(join(packagesDir, 'cli', 'dashboard-bundle.ts')).href
    const { bundleDashboardScript } = (await import(bundler)) as { bundleDashboardScript(): Promise<string> }
    return `export const DASHBOARD_SCRIPT = ${JSON.stringify(await bundleDashboardScript())}\n`
  },
}

/** Shared vitest settings: unit tests beside their source, behaviour tests in test/. */
export const preset = defineConfig({
  plugins: [workspaceSources, dashboardScript],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
})
