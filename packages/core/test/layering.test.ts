// The layers of @understudy/core, bottom up. A module imports only its own layer's folder or lower
// ones, never up: the stored-request model knows nothing of matching, redaction or the engine, and
// the mock framework nothing of cassettes.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

const SRC = join(import.meta.dirname, '../src')

const LAYERS: Record<string, number> = {
  'errors.ts': 0,
  model: 0,
  schema: 0,
  mock: 1,
  matching: 1,
  redaction: 1,
  network: 1,
  http: 2,
  cassette: 2,
  interop: 3,
  llm: 3,
  'test-runner': 3,
  entries: 4,
  'index.ts': 4,
  'vitest.ts': 4,
  'jest.ts': 4,
  'node-test.ts': 4,
  'llm.ts': 4,
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  )
const unit = (file: string) => relative(SRC, file).split('/')[0]!
// Type-only imports are left out: they vanish at build time, so they cannot tie layers together.
const imports = (file: string) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(?:^|\n)\s*(?:import|export)(?!\s+type\s)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g,
    ),
  ].map((m) => (m[1] ?? m[2])!)

test('no module imports from a layer above its own, and peers of one layer stay apart', () => {
  const violations: string[] = []
  for (const file of files(SRC)) {
    const from = unit(file)
    expect(LAYERS[from], `${from} needs a layer in this test`).toBeDefined()
    for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
      const to = unit(resolve(dirname(file), spec))
      if (to === from) continue
      const up = LAYERS[to]! > LAYERS[from]!
      const sideways = LAYERS[to] === LAYERS[from] && LAYERS[from] !== 0
      if (up || sideways) violations.push(`${relative(SRC, file)} imports ${spec} (${from} → ${to})`)
    }
  }
  expect(violations).toEqual([])
})

test('the mock entry reaches no Node-only module, no cassette engine, no interceptors, no yaml', () => {
  const seen = new Set<string>()
  const external = new Set<string>()
  const walk = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const spec of imports(file)) {
      if (spec.startsWith('.')) walk(`${resolve(dirname(file), spec)}.ts`.replace(/\.ts\.ts$/, '.ts'))
      else external.add(spec)
    }
  }
  walk(join(SRC, 'entries/mock.ts'))
  // signature-utils signs webhook deliveries with WebCrypto (its default build), as web-standard as msw.
  expect([...external].sort()).toEqual(['@understudy/signature-utils', 'msw'])
  expect([...seen].map(unit).filter((u) => !['entries', 'mock', 'schema', 'errors.ts'].includes(u))).toEqual(
    [],
  )
})

test('yaml is loaded lazily, only by the vcrpy importer', () => {
  const users = files(SRC).filter((f) => /from 'yaml'|import\('yaml'\)/.test(readFileSync(f, 'utf8')))
  expect(users.map((f) => relative(SRC, f))).toEqual(['interop/vcr.ts'])
  expect(readFileSync(join(SRC, 'interop/vcr.ts'), 'utf8')).not.toMatch(/^import .* from 'yaml'/m)
})
