import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { preset } from '@understudy/test-utils/vitest-preset'
import { defineConfig, mergeConfig } from 'vitest/config'

const here = dirname(fileURLToPath(import.meta.url))
const WEB_BACKEND = resolve(here, 'src/internal/backend')
const NODE_BACKEND = resolve(here, 'src/internal/backend.node.ts')

/** What the `node` export condition ships: the same sources with ./backend swapped for node:crypto. */
const nodeBackend = {
  name: 'understudy-node-crypto-backend',
  enforce: 'pre' as const,
  resolveId(id: string, importer: string | undefined) {
    if (!importer || !id.startsWith('.')) return null
    const target = resolve(dirname(importer), id)
    return target === WEB_BACKEND || target === `${WEB_BACKEND}.ts` ? NODE_BACKEND : null
  },
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The crypto backend this project's build uses (see src/internal/backend-types.ts). */
    backend: 'webcrypto' | 'node:crypto'
  }
}

// One suite, both builds: every test and benchmark runs once on WebCrypto (the default build) and once
// on node:crypto (the `node` export condition's build).
export default mergeConfig(
  preset,
  defineConfig({
    test: {
      // The benchmark loads the built package natively (bench/verify.bench.ts says why).
      server: { deps: { external: [/\/signature-utils\/dist\//] } },
      projects: [
        { extends: true, test: { name: 'webcrypto', provide: { backend: 'webcrypto' } } },
        {
          extends: true,
          plugins: [nodeBackend],
          test: { name: 'node-crypto', provide: { backend: 'node:crypto' } },
        },
      ],
    },
  }),
)
