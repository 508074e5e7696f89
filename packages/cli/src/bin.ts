#!/usr/bin/env node
import { keepYoungGenerationSmall } from './cli/heap'
import { runCli } from './cli/main'
import { UsageError } from './errors'

// Only the process that serves: runCli is also called in-process, where the host owns its heap.
function tuneHeap(): number | undefined {
  if (process.argv[2] !== 'serve') return undefined
  try {
    keepYoungGenerationSmall()
    return undefined
  } catch (error) {
    // Only a bad UNDERSTUDY_V8_TUNING throws here: a usage error, reported as runCli reports them.
    const usage = new UsageError(error instanceof Error ? error.message : String(error))
    process.stderr.write(`${usage.message.replace(/^\[understudy:cli\] /, '')}\n`)
    return usage.exitCode
  }
}

const refused = tuneHeap()
if (refused !== undefined) process.exitCode = refused
else
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
    },
  )
