import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'

const config: Options = defineLibrary({ index: 'src/index.ts', vitest: 'src/vitest.ts', llm: 'src/llm.ts' })

export default config
