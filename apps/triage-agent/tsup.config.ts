import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { main: 'src/main.ts', sandbox: 'src/sandbox.ts', screenshot: 'src/screenshot.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  dts: false,
})
