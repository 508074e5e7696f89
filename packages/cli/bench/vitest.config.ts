import { preset } from '@understudy/test-utils/vitest-preset'
import { defineConfig } from 'vitest/config'
import { viteDashboardScript } from '../dashboard-bundle'

// The load benchmarks: run by `pnpm bench`, never by `pnpm test`.
export default defineConfig({
  ...preset,
  plugins: [...(preset.plugins ?? []), viteDashboardScript()],
  test: { ...preset.test, include: ['bench/**/*.bench.ts'], testTimeout: 180_000, hookTimeout: 60_000 },
})
