import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** The standalone jar the npm package `wiremock` ships. */
function wiremockJar(): string {
  const pkg = require('wiremock/package.json') as { version: string }
  return join(
    dirname(require.resolve('wiremock/package.json')),
    'build',
    `wiremock-standalone-${pkg.version}.jar`,
  )
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export interface WireMock {
  readonly url: string
  close(): Promise<void>
}

/**
 * WireMock standalone (Java) with one stub: `GET path` answered with `body` and `headers`. Its request
 * journal keeps as many entries as Understudy's log in the bench, so both remember what they served.
 */
export async function startWireMock(
  path: string,
  body: string,
  headers: Record<string, string>,
  journal: number,
): Promise<WireMock> {
  const root = await mkdtemp(join(tmpdir(), 'understudy-bench-wiremock-'))
  await mkdir(join(root, 'mappings'))
  await writeFile(
    join(root, 'mappings', 'stub.json'),
    JSON.stringify({ request: { method: 'GET', urlPath: path }, response: { status: 200, body, headers } }),
  )
  const port = await freePort()
  const child: ChildProcess = spawn(
    'java',
    [
      '-jar',
      wiremockJar(),
      '--port',
      String(port),
      '--bind-address',
      '127.0.0.1',
      '--root-dir',
      root,
      '--disable-banner',
      '--max-request-journal-entries',
      String(journal),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WireMock exited ${child.exitCode}: ${output}`)
    try {
      const response = await fetch(`${url}/__admin/health`)
      if (response.ok) break
    } catch {}
    if (Date.now() > deadline) {
      child.kill()
      throw new Error(`WireMock did not start within 60 s: ${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill()
        await exited
      }
      await rm(root, { recursive: true, force: true })
    },
  }
}
