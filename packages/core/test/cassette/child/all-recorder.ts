// A worker process re-recording a shared cassette in mode `all` (parallel test workers).
// argv: <dir> <server url> <worker id> <requests> <run tag>
import { withCassette } from '../../../src/cassette/index'

const [dir, url, id, count, tag] = process.argv.slice(2) as [string, string, string, string, string]
await withCassette('shared-all', { dir, env: { UNDERSTUDY_RUN_ID: tag }, mode: 'all' }, async () => {
  for (let i = 0; i < Number(count); i++)
    await (
      await fetch(`${url}/echo?worker=${id}&i=${i}`, { method: 'POST', body: JSON.stringify({ tag }) })
    ).text()
})
