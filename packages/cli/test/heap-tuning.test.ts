import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { wantsHeapTuning } from '../src/cli/heap'
import { packageDir, runBin } from './helpers/cli'

test('serve sizes the young generation unless the process or the user chose otherwise', () => {
  expect(wantsHeapTuning({}, [])).toBe(true)
  expect(wantsHeapTuning({ UNDERSTUDY_V8_TUNING: '0' }, [])).toBe(false)
  expect(wantsHeapTuning({ NODE_OPTIONS: '--max-semi-space-size=32' }, [])).toBe(false)
  expect(wantsHeapTuning({}, ['--min-semi-space-size=4'])).toBe(false)
  expect(wantsHeapTuning({ NODE_OPTIONS: '--enable-source-maps' }, [])).toBe(true)
  expect(wantsHeapTuning({ UNDERSTUDY_V8_TUNING: '1' }, [])).toBe(true)
  expect(() => wantsHeapTuning({ UNDERSTUDY_V8_TUNING: 'off' }, [])).toThrow(
    'UNDERSTUDY_V8_TUNING must be 0 (leave V8\'s young generation to V8) or 1 (the default), got "off".',
  )
})

test('understudy serve refuses a bad UNDERSTUDY_V8_TUNING with exit code 2, naming it', () => {
  const { code, stderr } = runBin(['serve', '--port', '0'], { UNDERSTUDY_V8_TUNING: 'yes' })
  expect(code).toBe(2)
  expect(stderr).toContain('UNDERSTUDY_V8_TUNING must be 0')
  expect(stderr).toContain('got "yes"')
})

test('on this Node the setting takes effect: the young generation stays at its initial size under churn', () => {
  // A child process: the flag is process-wide, and this worker's heap is not ours to change.
  const script = `
    const { keepYoungGenerationSmall } = await import(${JSON.stringify(join(packageDir, 'src/cli/heap.ts'))})
    const v8 = await import('node:v8')
    const tuned = process.argv[1] === 'tuned' && keepYoungGenerationSmall({}, [])
    const kept = []
    for (let i = 0; i < 400_000; i++) {
      const item = { i, text: 'x'.repeat(64), list: [i, i + 1] }
      // A steady set of survivors, as a server's requests in flight and its log are.
      kept[i % 20_000] = item
    }
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size
    process.stdout.write(JSON.stringify({ tuned, young }))
  `
  const run = (mode: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['--experimental-strip-types', '--input-type=module', '-e', script, mode],
        {
          encoding: 'utf8',
        },
      ),
    ) as { tuned: boolean; young: number }
  const tuned = run('tuned')
  const untuned = run('untuned')
  expect(tuned.tuned).toBe(true)
  expect(tuned.young).toBeLessThanOrEqual(4 * 1024 * 1024)
  expect(untuned.young).toBeGreaterThan(tuned.young)
})
