// One of several processes recording into the same cassette at once (parallel test workers).
// argv: <dir> <worker id> <count>
import { createCassetteFile, createFsStore } from '../../../src/cassette/index'

const [dir, id, count] = process.argv.slice(2) as [string, string, string]
const store = createFsStore(dir)
for (let i = 0; i < Number(count); i++) {
  await store.update('shared', (current) =>
    createCassetteFile('shared', [
      ...(current?.interactions ?? []),
      {
        recordedAt: new Date().toISOString(),
        request: { method: 'GET', url: `https://api.test/${id}/${i}`, headers: {} },
        response: {
          status: 200,
          headers: {},
          body: { json: { worker: Number(id), i, padding: 'x'.repeat(2000) } },
        },
      },
    ]),
  )
}
