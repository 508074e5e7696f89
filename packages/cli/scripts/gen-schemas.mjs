// Writes seed.schema.json and config.schema.json from the built package (run `pnpm build` first):
// the schemas that check seed and config files at run time are the only source, so the published
// JSON Schemas cannot drift from them. test/json-schemas.test.ts fails when these files are stale.
import { writeFileSync } from 'node:fs'
import { jsonSchemaFiles } from '../dist/index.js'

for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(new URL(`../${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`)
  console.log(`wrote ${name}`)
}
