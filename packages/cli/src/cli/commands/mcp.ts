import { resolve } from 'node:path'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { createMcpServer, type McpService } from '@understudy/mcp'
import { UsageError } from '../../errors'
import { readSeedFile } from '../../server/seed-file'
import { SERVICES } from '../../server/services'
import { parse } from '../args'
import { EXIT, helpText } from '../help'
import { type CliIO, createConsole } from '../io'
import { waitForStop } from '../stop'

const MCP_SERVICES: readonly McpService[] = ['github', 'slack', 'stripe']
const PLACEHOLDER: Record<McpService, string> = {
  github: 'ghp_test',
  slack: 'xoxb-test',
  stripe: 'sk_test_123',
}

/** Resolves when stdin ends (the client went away) or the command is told to stop. */
function untilDone(io: CliIO): Promise<string> {
  return Promise.race([
    waitForStop(io),
    new Promise<string>((done) => {
      process.stdin.once('end', () => done('stdin closed'))
      process.stdin.once('close', () => done('stdin closed'))
    }),
  ])
}

/** Forwards every message between the stdio client and the running server's /mcp/<service>. */
async function bridge(stdio: Transport, remote: Transport): Promise<void> {
  stdio.onmessage = (message) => void remote.send(message)
  remote.onmessage = (message) => void stdio.send(message)
  await remote.start()
  await stdio.start()
}

/** `understudy mcp <service>`: the service's MCP stand-in on stdin/stdout, for clients that spawn servers. */
export async function mcpCommand(args: string[], io: CliIO): Promise<number> {
  const console = createConsole(io)
  const { values, positionals } = parse(
    args,
    { server: { type: 'string' }, token: { type: 'string' }, seed: { type: 'string' } },
    'mcp',
    true,
  )
  if (values.help) {
    console.print(helpText('mcp', console.out))
    return EXIT.ok
  }
  const [service, ...extra] = positionals
  if (!service || extra.length > 0 || !(MCP_SERVICES as readonly string[]).includes(service)) {
    throw new UsageError(
      `understudy mcp takes one service: ${MCP_SERVICES.join(', ')}${service ? ` (got "${[service, ...extra].join(' ')}")` : ''}. For example: understudy mcp github.`,
    )
  }
  const name = service as McpService
  const token = values.token ?? io.env.UNDERSTUDY_MCP_TOKEN ?? PLACEHOLDER[name]
  const stdio = new StdioServerTransport()

  if (values.server !== undefined) {
    if (values.seed !== undefined) {
      throw new UsageError(
        '--seed applies to a standalone server; seed a running one with POST /_understudy/seed.',
      )
    }
    let url: URL
    try {
      url = new URL(`${values.server.replace(/\/+$/, '')}/mcp/${name}`)
    } catch {
      throw new UsageError(
        `--server takes the running server's URL. For example: --server http://127.0.0.1:4010.`,
      )
    }
    const remote = new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    })
    remote.onerror = (error) => console.error(`${url}: ${error.message}`)
    await bridge(stdio, remote)
    await untilDone(io)
    await remote.close()
    await stdio.close()
    return EXIT.ok
  }

  const seed = values.seed ? (await readSeedFile(resolve(io.cwd, values.seed)))[name] : undefined
  const mock = SERVICES[name].factory(seed !== undefined ? { seed } : {})
  const server = createMcpServer({ [name]: mock }, { credential: token })
  await server.connect(stdio)
  await untilDone(io)
  await server.close()
  return EXIT.ok
}
