import { preset } from '@understudy/test-utils/vitest-preset'
import type { ViteUserConfig } from 'vitest/config'
import { viteDashboardScript } from '../../dashboard-bundle'

// Only the heap scenario, run by partitions.test.ts in a child process.
const config: ViteUserConfig = {
  ...preset,
  plugins: [...(preset.plugins ?? []), viteDashboardScript()],
  test: { ...preset.test, include: ['test/heap/*.heap.ts'] },
}
export default config
