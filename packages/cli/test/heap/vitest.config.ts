import { preset } from '@understudy/test-utils/vitest-preset'

// Only the heap scenario, run by partitions.test.ts in a child process.
export default { ...preset, test: { ...preset.test, include: ['test/heap/*.heap.ts'] } }
