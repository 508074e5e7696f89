#!/usr/bin/env node
import { keepYoungGenerationSmall } from './cli/heap'
import { runCli } from './cli/main'

// Only the process that serves: runCli is also called in-process, where the host owns its heap.
if (process.argv[2] === 'serve') keepYoungGenerationSmall()

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  },
)
