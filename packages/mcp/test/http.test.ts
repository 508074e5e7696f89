import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { Octokit } from '@octokit/rest'
import { createGitHubMock } from '@understudy/mock-github'
import { expect, onTestFinished, test } from 'vitest'
import { handleMcpRequest } from '../src/index'
import { textOf } from './helpers'

test('Streamable HTTP: a client on a real port creates an issue in the partition its bearer names', async () => {
  const github = createGitHubMock({
    seed: { repos: [{ full_name: 'octo/hello' }] },
    partitionBy: 'credential',
  })
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const credential = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method!,
      headers: req.headers as Record<string, string>,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    })
    const response = await handleMcpRequest(request, { github }, credential ? { credential } : {})
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const { port } = server.address() as AddressInfo

  const client = new Client({ name: 'understudy-test', version: '0.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
      requestInit: { headers: { authorization: 'Bearer ghp_worker1' } },
    }),
  )
  onTestFinished(() => client.close())
  const result = await client.callTool({
    name: 'issue_write',
    arguments: { method: 'create', owner: 'octo', repo: 'hello', title: 'Over HTTP' },
  })
  expect(result.isError, textOf(result)).toBeFalsy()

  const worker1 = new Octokit({ auth: 'ghp_worker1', request: { fetch: github.fetch } })
  const other = new Octokit({ auth: 'ghp_worker2', request: { fetch: github.fetch } })
  expect(
    (await worker1.issues.listForRepo({ owner: 'octo', repo: 'hello' })).data.map((i) => i.title),
  ).toEqual(['Over HTTP'])
  expect((await other.issues.listForRepo({ owner: 'octo', repo: 'hello' })).data).toEqual([])
  expect(github.calls({ path: 'mcp:tools/call issue_write' })[0]).toMatchObject({ partition: 'ghp_worker1' })
})
