import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { onTestFinished } from 'vitest'

/** An official SDK client connected in-process to `server`; closed when the test ends. */
export async function connect(server: McpServer): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  const client = new Client({ name: 'understudy-test', version: '0.0.0' })
  await server.connect(serverSide)
  await client.connect(clientSide)
  onTestFinished(() => client.close())
  return client
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const content = (result as { content: Array<{ type: string; text: string }> }).content
  return content[0]!.text
}

/** Tool calls through `client`, as a test reads their result: whether it is an error, and its text. */
export function toolCaller(client: Client) {
  return async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args })
    return { isError: Boolean(result.isError), text: textOf(result) }
  }
}

/** A receiver for webhook deliveries (pass as `webhooks.transport`). */
export function receiver() {
  const received: Request[] = []
  return {
    received,
    transport: async (request: Request) => {
      received.push(request)
      return new Response('ok')
    },
  }
}
