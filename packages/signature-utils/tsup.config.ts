import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    github: 'src/github.ts',
    slack: 'src/slack.ts',
    stripe: 'src/stripe.ts',
    'standard-webhooks': 'src/standard-webhooks.ts',
    openai: 'src/openai.ts',
  },
  format: ['esm', 'cjs'],
  tsconfig: 'tsconfig.build.json',
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  sourcemap: false,
  splitting: true,
  treeshake: true,
})
