import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { packageDir, runInProcess } from './helpers/cli'

const ESC = '\u001b['

describe('understudy (in process)', () => {
  test('--help for the program and for every command', async () => {
    for (const args of [
      ['--help'],
      ['help'],
      ['serve', '--help'],
      ['record', '-h'],
      ['cassettes', '--help'],
      ['cassettes', 'check', '--help'],
      ['cassettes', 'list', '--help'],
      ['cassettes', 'import', '--help'],
      ['cassettes', 'export', '--help'],
      ['help', 'serve'],
    ]) {
      const { code, stdout } = await runInProcess(args)
      expect.soft(code, args.join(' ')).toBe(0)
      expect.soft(stdout, args.join(' ')).toMatch(/^Usage$/m)
      expect.soft(stdout, args.join(' ')).toMatch(/^Exit codes$/m)
    }
  })

  test('no command prints the help to stderr and exits 2', async () => {
    const { code, stdout, stderr } = await runInProcess([])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^Commands$/m)
  })

  test('an unknown command or flag is a usage error (exit 2) that points at --help', async () => {
    const unknown = await runInProcess(['deploy'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown command "deploy"\. Commands: serve, record, cassettes/)
    const flag = await runInProcess(['serve', '--prot', '4010'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/Unknown option '--prot'.*understudy serve --help/)
  })

  test('bad flag values are usage errors that say what is valid', async () => {
    const port = await runInProcess(['serve', '--port', 'http'])
    expect(port.code).toBe(2)
    expect(port.stderr).toContain(
      '--port must be a port number from 0 to 65535 (0 picks a free port), not "http".',
    )
    const services = await runInProcess(['serve', '--services', 'github,gitlab'])
    expect(services.code).toBe(2)
    expect(services.stderr).toContain('"gitlab" is not one of them')
  })

  test('--version prints the version', async () => {
    const { code, stdout } = await runInProcess(['--version'])
    expect(code).toBe(0)
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })

  test('colours only on a TTY, and never with NO_COLOR', async () => {
    expect((await runInProcess(['--help'])).stdout).not.toContain(ESC)
    expect((await runInProcess(['--help'], { tty: true })).stdout).toContain(ESC)
    expect((await runInProcess(['--help'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC)
    expect((await runInProcess(['--help'], { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC)
  })

  test('a seed file that does not exist fails with exit 1 and names the file', async () => {
    const { code, stderr } = await runInProcess(['serve', '--port', '0', '--seed', 'nope.json'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/Failed to read seed file .*nope\.json: no such file/)
  })

  test('the README documents every command and flag the help shows', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8')
    for (const args of [['serve'], ['record'], ['cassettes', 'import'], ['cassettes', 'export']]) {
      const { stdout } = await runInProcess([...args, '--help'])
      for (const flag of stdout.match(/--[a-z][a-z-]+/g) ?? [])
        expect.soft(readme, `${args.join(' ')} ${flag}`).toContain(flag)
    }
  })
})
