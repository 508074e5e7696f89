// A worker process that records real traffic with withCassette (new_episodes) into a shared cassette.
// argv: <dir> <server url> <worker id>
import { withCassette } from '../../../src/cassette/index'

const [dir, url, id] = process.argv.slice(2) as [string, string, string]
await withCassette('recorded', { dir, env: {}, mode: 'new_episodes' }, async () => {
  for (let i = 0; i < 5; i++)
    await (await fetch(`${url}/echo?worker=${id}&i=${i}`, { method: 'POST', body: '{}' })).text()
})
