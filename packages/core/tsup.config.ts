import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'

const config: Options = defineLibrary({
  index: 'src/index.ts',
  vitest: 'src/vitest.ts',
  mock: 'src/entries/mock.ts',
  node: 'src/entries/node.ts',
  cassette: 'src/entries/cassette.ts',
})

export default config
