import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'

// platform neutral: the package runs on Node, Deno, Bun, edge runtimes and browsers (WebCrypto only).
const config: Options = defineLibrary(
  {
    index: 'src/index.ts',
    github: 'src/github.ts',
    slack: 'src/slack.ts',
    stripe: 'src/stripe.ts',
    'standard-webhooks': 'src/standard-webhooks.ts',
    openai: 'src/openai.ts',
  },
  { platform: 'neutral', sourcemap: false },
)

export default config
