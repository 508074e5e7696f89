import { resolve } from 'node:path'
import { defineLibrary } from '@understudy/tsup-preset'
import type { Options } from 'tsup'

const entry = {
  index: 'src/index.ts',
  github: 'src/github.ts',
  slack: 'src/slack.ts',
  stripe: 'src/stripe.ts',
  'standard-webhooks': 'src/standard-webhooks.ts',
  openai: 'src/openai.ts',
}

const NODE_BACKEND = resolve('src/internal/backend.node.ts')

/** Swaps the WebCrypto backend for node:crypto; every other module is the same source. */
const nodeBackend = {
  name: 'understudy-node-crypto-backend',
  setup(build: { onResolve(options: { filter: RegExp }, callback: () => { path: string }): void }) {
    build.onResolve({ filter: /^\.\/backend$/ }, () => ({ path: NODE_BACKEND }))
  },
}

// Two builds with one API and one set of declarations: dist/ is platform neutral (WebCrypto only) for
// browsers, Deno, Bun and edge runtimes; dist/node/ uses node:crypto and is what the `node` export
// condition picks. The neutral build cleans dist/ but leaves dist/node/ to the other.
const config: Options[] = [
  defineLibrary(entry, { platform: 'neutral', sourcemap: false, clean: ['!node/**'] }),
  defineLibrary(entry, {
    platform: 'node',
    sourcemap: false,
    outDir: 'dist/node',
    dts: false,
    esbuildPlugins: [nodeBackend],
  }),
]

export default config
