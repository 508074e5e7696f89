import { preset } from '@understudy/test-utils/vitest-preset'

export default preset
