// Lets a plain `node` child process import this package's TypeScript sources, whose imports have
// no file extension (bundler resolution): try the specifier as written, then with `.ts`.
import { registerHooks } from 'node:module'

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context)
    } catch (error) {
      if (!specifier.startsWith('.')) throw error
      return nextResolve(`${specifier}.ts`, context)
    }
  },
})
