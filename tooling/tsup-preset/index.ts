import type { Options } from 'tsup'

/**
 * The build every published package shares: ESM + CJS + d.ts per entry for Node >= 20.19, with msw
 * and vitest left to the user's install (peers). `overrides` adds what one package needs.
 *
 * @example
 * export default defineLibrary({ index: 'src/index.ts' })
 */
export function defineLibrary(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    tsconfig: 'tsconfig.build.json',
    dts: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    treeshake: true,
    external: ['msw', 'vitest'],
    ...overrides,
  }
}
