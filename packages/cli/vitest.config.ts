import { preset } from '@understudy/test-utils/vitest-preset'
import type { ViteUserConfig } from 'vitest/config'
import { viteDashboardScript } from './dashboard-bundle'

const config: ViteUserConfig = { ...preset, plugins: [...(preset.plugins ?? []), viteDashboardScript()] }
export default config
