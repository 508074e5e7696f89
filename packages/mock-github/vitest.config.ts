import { preset } from '@understudy/test-utils/vitest-preset'
import { mergeConfig } from 'vitest/config'

// The fidelity tests compile parts of the OpenAPI description and the webhook schemas with ajv; on
// two cores shared with the other packages' suites that alone can pass the preset's 20 s.
export default mergeConfig(preset, { test: { testTimeout: 60_000 } })
