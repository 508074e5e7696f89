import { preset } from '@understudy/test-utils/vitest-preset'
import { defineConfig } from 'vitest/config'

// The load benchmarks: run by `pnpm bench`, never by `pnpm test`.
export default defineConfig({
  ...preset,
  test: { ...preset.test, include: ['bench/**/*.bench.ts'], testTimeout: 180_000, hookTimeout: 60_000 },
})
