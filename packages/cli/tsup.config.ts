import { readFileSync } from 'node:fs'
import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'
import { esbuildDashboardScript } from './dashboard-bundle'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

const config: Options = defineLibrary(
  { index: 'src/index.ts', bin: 'src/bin.ts' },
  {
    define: { __UNDERSTUDY_CLI_VERSION__: JSON.stringify(version) },
    // The dashboard's typed browser script, bundled into the page as a string.
    esbuildPlugins: [esbuildDashboardScript()],
  },
)

export default config
