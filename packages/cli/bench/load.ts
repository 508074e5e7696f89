import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const AUTOCANNON = join(dirname(require.resolve('autocannon/package.json')), 'autocannon.js')

export interface LoadResult {
  title: string
  connections: number
  durationS: number
  /** Mean requests per second. */
  rps: number
  p50: number
  p99: number
  max: number
  requests: number
  errors: number
  timeouts: number
  non2xx: number
}

/**
 * Loads `url` with autocannon in a child process, so the load generator never shares the event
 * loop (or the CPU time slice) of the server it measures.
 */
export function load(
  url: string,
  options: {
    title: string
    connections: number
    durationS: number
    headers?: Record<string, string>
    /** Send this many requests in all instead of running for `durationS`. */
    amount?: number
  },
): Promise<LoadResult> {
  const args = [AUTOCANNON, '-j', '-c', String(options.connections), '-t', '10']
  if (options.amount !== undefined) args.push('-a', String(options.amount))
  else args.push('-d', String(options.durationS))
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`)
  args.push(url)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`))
      const r = JSON.parse(out) as {
        requests: { average: number; total: number }
        latency: { p50: number; p99: number; max: number }
        errors: number
        timeouts: number
        non2xx: number
      }
      resolve({
        title: options.title,
        connections: options.connections,
        durationS: options.durationS,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        max: r.latency.max,
        requests: r.requests.total,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
      })
    })
  })
}

export function table(results: readonly LoadResult[]): string {
  const header = ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'errors', 'non-2xx']
  const rows = results.map((r) => [
    r.title,
    String(r.connections),
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.max),
    String(r.requests),
    String(r.errors + r.timeouts),
    String(r.non2xx),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
