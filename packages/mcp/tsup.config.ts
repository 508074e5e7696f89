import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'

const config: Options = defineLibrary({ index: 'src/index.ts' })

export default config
