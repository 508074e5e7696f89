#!/usr/bin/env node
// Cuts the schemas a mock's spec tests need (and everything they reference) out of a vendor's
// OpenAPI document, so the package checks in a small, reviewable file instead of the whole spec.
//
//   node tooling/test-utils/scripts/openapi-subset.mjs <spec.json> <out.json> "<source note>" Root1 Root2 ...
//
// The output keeps `#/components/schemas/X` references as they are, with `x-source` saying where the
// document came from and `x-version` its version, so a reader can regenerate and diff it.
import { readFileSync, writeFileSync } from 'node:fs'

const [specPath, outPath, source, ...roots] = process.argv.slice(2)
if (!specPath || !outPath || !source || roots.length === 0) {
  console.error('usage: openapi-subset.mjs <spec.json> <out.json> "<source note>" Root1 [Root2 ...]')
  process.exit(2)
}
const spec = JSON.parse(readFileSync(specPath, 'utf8'))
const all = spec.components?.schemas ?? {}
const picked = {}
const queue = [...roots]
while (queue.length) {
  const name = queue.shift()
  if (picked[name]) continue
  const schema = all[name]
  if (!schema) throw new Error(`${name} is not in ${specPath}`)
  picked[name] = schema
  const text = JSON.stringify(schema)
  for (const [, ref] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) queue.push(ref)
}
const sorted = Object.fromEntries(
  Object.keys(picked)
    .sort()
    .map((k) => [k, picked[k]]),
)
const out = {
  'x-source': source,
  'x-version': spec.info?.['x-google-revision']
    ? `${spec.info.version} revision ${spec.info['x-google-revision']}`
    : spec.info?.version,
  'x-roots': roots,
  components: { schemas: sorted },
}
writeFileSync(outPath, `${JSON.stringify(out, null, 2)}\n`)
console.log(`wrote ${Object.keys(sorted).length} schemas to ${outPath}`)
