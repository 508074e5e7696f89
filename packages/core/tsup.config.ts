import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'

const config: Options = defineLibrary({ index: 'src/index.ts', vitest: 'src/vitest.ts' })

export default config
