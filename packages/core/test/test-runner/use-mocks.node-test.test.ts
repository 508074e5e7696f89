import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { testdir } from '@understudy/test-utils'
import { expect, test } from 'vitest'

const dist = fileURLToPath(new URL('../../dist/', import.meta.url))

// A real `node --test` run of a file using @understudy/core/node-test (the built entry: tests run after build).
test.skipIf(!existsSync(`${dist}node-test.js`))(
  '@understudy/core/node-test: node --test runs with the mock served, reset between tests',
  async () => {
    const core = pathToFileURL(`${dist}index.js`).href
    const entry = pathToFileURL(`${dist}node-test.js`).href
    const dir = await testdir({
      'notes.test.mjs': `
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServiceMock, defineService, route } from '${core}'
import { useMocks } from '${entry}'

const notes = createServiceMock(defineService({
  name: 'notes',
  hosts: ['https://api.notes.test'],
  createState: () => ({ notes: [] }),
  routes: [
    route.post('/notes', ({ state, body }) => (state.notes.push(body.text), Response.json(body, { status: 201 }))),
    route.get('/notes', ({ state }) => Response.json(state.notes)),
  ],
  errors: {
    notFound: () => Response.json({}, { status: 404 }),
    fault: (_c, f) => Response.json({}, { status: f.status }),
    rateLimited: () => Response.json({}, { status: 429 }),
    internal: () => Response.json({}, { status: 500 }),
  },
}))
useMocks(notes)

for (const text of ['a', 'b']) {
  test('starts empty and keeps what it is given: ' + text, async () => {
    assert.deepEqual(await (await fetch('https://api.notes.test/notes')).json(), [])
    await fetch('https://api.notes.test/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })
    assert.deepEqual(await (await fetch('https://api.notes.test/notes')).json(), [text])
  })
}

test('unhandled requests fail', async () => {
  await assert.rejects(fetch('https://unmocked.example.test/x'))
})
`,
    })
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--test', '--test-reporter=tap', 'notes.test.mjs'],
      {
        cwd: dir.path,
      },
    )
    expect(stdout).toMatch(/# pass 3/)
    expect(stdout).toMatch(/# fail 0/)
  },
)
