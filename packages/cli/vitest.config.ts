import { preset } from '@understudy/test-utils/vitest-preset'

// The preset serves `virtual:dashboard-script` (the dashboard's bundled browser script) itself.
export default preset
