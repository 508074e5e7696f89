import { preset } from '@understudy/test-utils/vitest-preset'
import type { ViteUserConfig } from 'vitest/config'

// Only the heap scenario, run by partitions.test.ts in a child process.
const config: ViteUserConfig = { ...preset, test: { ...preset.test, include: ['test/heap/*.heap.ts'] } }
export default config
