import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { expect } from 'vitest'

const START = '<!-- endpoint-coverage:start -->\n'
const END = '<!-- endpoint-coverage:end -->'

// Biome aligns the README's tables: compare cells, not padding.
const cells = (markdown: string) =>
  markdown
    .trim()
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/, '$1-$2'))
            .join('|')
        : line,
    )
    .join('\n')

/**
 * Asserts that the README's generated endpoint-coverage table (between its markers) is `table`;
 * with UNDERSTUDY_WRITE_COVERAGE set (`pnpm coverage:readme`), rewrites it atomically instead.
 *
 * @example
 * expectCoverageTable(new URL('../README.md', import.meta.url), coverageTable(coverage, { source }))
 */
export function expectCoverageTable(readme: URL, markdown: string): void {
  const text = readFileSync(readme, 'utf8')
  const from = text.indexOf(START) + START.length
  const to = text.indexOf(END)
  expect(from, 'README.md has the coverage markers').toBeGreaterThan(START.length - 1)
  const table = `${markdown}\n`
  if (process.env.UNDERSTUDY_WRITE_COVERAGE) {
    const next = new URL(`${readme.href}.tmp`)
    writeFileSync(next, text.slice(0, from) + table + text.slice(to))
    renameSync(next, readme)
  } else expect(cells(text.slice(from, to))).toBe(cells(table))
}
