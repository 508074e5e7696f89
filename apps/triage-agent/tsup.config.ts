import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { main: 'src/main.ts', sandbox: 'src/sandbox.ts', screenshot: 'src/screenshot.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  dts: false,
  // Dev-only tools stay out of the bundle: they load from node_modules when the script runs.
  external: ['playwright-core'],
})
