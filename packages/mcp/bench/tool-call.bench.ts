import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { createGitHubMock } from '@understudy/mock-github'
import { test } from 'vitest'
import { createMcpServer } from '../src/index'

// What a tool call costs over the REST request it makes: JSON-RPC through the SDK (client and server,
// in-memory transport), argument checks, the log entry, and the result's JSON text.
const github = createGitHubMock({
  seed: { repos: [{ full_name: 'octo/hello', issues: [{ title: 'Crash on start', labels: ['bug'] }] }] },
  logLimit: 1000,
})
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
await createMcpServer({ github }).connect(serverSide)
const client = new Client({ name: 'bench', version: '0.0.0' })
await client.connect(clientSide)
const headers = { authorization: 'Bearer ghp_test', accept: 'application/vnd.github+json' }

const MCP_NAME = 'MCP tools/call issue_read'
const REST_NAME = 'REST GET through mock.fetch()'

test('read one issue: tool call in-process vs the same REST request', async ({ bench }) => {
  const results = await bench.compare(
    bench(MCP_NAME, async () => {
      await client.callTool({
        name: 'issue_read',
        arguments: { method: 'get', owner: 'octo', repo: 'hello', issue_number: 1 },
      })
    }),
    bench(REST_NAME, async () => {
      await (await github.fetch('https://api.github.com/repos/octo/hello/issues/1', { headers })).json()
    }),
    { time: 1500, warmupTime: 300 },
  )
  const mcp = results.get(MCP_NAME).throughput.mean
  const rest = results.get(REST_NAME).throughput.mean
  console.log(
    [
      'read one issue:',
      `  ${MCP_NAME.padEnd(32)} ${Math.round(mcp).toLocaleString('en-US')} calls/s`,
      `  ${REST_NAME.padEnd(32)} ${Math.round(rest).toLocaleString('en-US')} calls/s`,
      `  ratio REST / MCP: ${(rest / mcp).toFixed(2)}x`,
    ].join('\n'),
  )
})
