import { preset } from '@understudy/test-utils/vitest-preset'
import { defineConfig, mergeConfig } from 'vitest/config'

// The cassette benchmark loads the built package natively (bench/cassette.bench.ts says why).
export default mergeConfig(
  preset,
  defineConfig({ test: { server: { deps: { external: [/\/core\/dist\//] } } } }),
)
