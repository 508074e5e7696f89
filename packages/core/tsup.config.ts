import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'

const config: Options = defineLibrary(
  {
    index: 'src/index.ts',
    vitest: 'src/vitest.ts',
    jest: 'src/jest.ts',
    'node-test': 'src/node-test.ts',
    mock: 'src/entries/mock.ts',
    node: 'src/entries/node.ts',
    cassette: 'src/entries/cassette.ts',
    llm: 'src/llm.ts',
  },
  // `node:test` has no unprefixed form: keep every `node:` specifier as written.
  { removeNodeProtocol: false },
)

export default config
