import type { CliIO } from './io'

/**
 * Resolves when a long-running command should stop: SIGINT/SIGTERM (when the IO handles signals) or
 * the IO's abort signal. A second SIGINT while stopping exits at once, as users expect of Ctrl+C.
 */
export function waitForStop(io: CliIO): Promise<string> {
  return new Promise((resolve) => {
    const cleanups: Array<() => void> = []
    const done = (how: string) => {
      for (const cleanup of cleanups) cleanup()
      if (io.handleSignals) {
        process.once('SIGINT', () => process.exit(130))
      }
      resolve(how)
    }
    if (io.signal) {
      if (io.signal.aborted) return done('aborted')
      const onAbort = () => done('aborted')
      io.signal.addEventListener('abort', onAbort, { once: true })
      cleanups.push(() => io.signal?.removeEventListener('abort', onAbort))
    }
    if (io.handleSignals) {
      for (const name of ['SIGINT', 'SIGTERM'] as const) {
        const onSignal = () => done(name)
        process.once(name, onSignal)
        cleanups.push(() => process.off(name, onSignal))
      }
    }
  })
}
