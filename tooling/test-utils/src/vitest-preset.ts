import { defineConfig } from 'vitest/config'

/** Shared vitest settings: unit tests beside their source, behaviour tests in test/. */
export const preset = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
})
