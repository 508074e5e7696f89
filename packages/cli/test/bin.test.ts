import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { packageDir, runBin, startBin } from './helpers/cli'

// The built binary as users run it: a separate process, its exit codes and signals.

describe('the understudy binary', () => {
  test('--version prints the package version and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    const { code, stdout } = runBin(['--version'])
    expect(code).toBe(0)
    expect(stdout).toBe(`${version}\n`)
  })

  test('--help exits 0; an unknown command exits 2', () => {
    expect(runBin(['serve', '--help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage$/m) })
    const bad = runBin(['frobnicate'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Unknown command "frobnicate"')
  })

  test('serve on a taken port exits 1 with "Port N is in use: pass --port 0 or another port"', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as import('node:net').AddressInfo
    try {
      const { code, stderr, stdout } = runBin(['serve', '--port', String(port)])
      expect(code).toBe(1)
      expect(stdout).toBe('')
      expect(stderr).toBe(`error Port ${port} is in use: pass --port 0 or another port.\n`)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`serve --port 0 --json answers /_understudy/health and exits 0 on ${signal}`, async () => {
      const { child, firstLine, exit, stderr } = await startBin(['serve', '--port', '0', '--json'])
      const info = JSON.parse(firstLine) as { url: string; port: number; pid: number }
      expect(info.port).toBeGreaterThan(0)
      expect(info.pid).toBe(child.pid)
      expect(await (await fetch(`${info.url}/_understudy/health`)).json()).toEqual({ ok: true })
      child.kill(signal)
      expect(await exit).toBe(0)
      expect(stderr()).toContain(`Stopping (${signal})`)
    })
  }
})
