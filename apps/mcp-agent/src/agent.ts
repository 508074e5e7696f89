import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type OpenAI from 'openai'

export interface McpAgentOptions {
  /** The LLM. */
  openai: OpenAI
  model?: string
  /** MCP clients, already connected; their tools are offered to the model together. */
  servers: readonly Client[]
  /** Stops a model that keeps calling tools. Default 8. */
  maxTurns?: number
}

export interface ToolCallRecord {
  name: string
  arguments: Record<string, unknown>
  isError: boolean
  text: string
}

export interface AgentRun {
  /** The model's final answer. */
  answer: string
  toolCalls: ToolCallRecord[]
}

/**
 * A minimal agent loop: offer every MCP tool to the model as a function, run the calls it asks for
 * on the MCP server that has the tool, feed the results back, until it answers in text.
 *
 * @example
 * const run = await runAgent('Open an issue for the crash and tell #triage', { openai, servers: [github, slack] })
 */
export async function runAgent(task: string, options: McpAgentOptions): Promise<AgentRun> {
  const owners = new Map<string, Client>()
  const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = []
  for (const server of options.servers) {
    const { tools: listed } = await server.listTools()
    for (const tool of listed) {
      owners.set(tool.name, server)
      tools.push({
        type: 'function',
        function: {
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          parameters: tool.inputSchema as Record<string, unknown>,
        },
      })
    }
  }
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a release assistant. Use the tools to act on GitHub and Slack.' },
    { role: 'user', content: task },
  ]
  const toolCalls: ToolCallRecord[] = []
  for (let turn = 0; turn < (options.maxTurns ?? 8); turn++) {
    const completion = await options.openai.chat.completions.create({
      model: options.model ?? 'gpt-4o-mini',
      messages,
      tools,
    })
    const message = completion.choices[0]!.message
    messages.push(message)
    const calls = message.tool_calls ?? []
    if (calls.length === 0) return { answer: message.content ?? '', toolCalls }
    for (const call of calls) {
      if (call.type !== 'function') continue
      const args = JSON.parse(call.function.arguments || '{}') as Record<string, unknown>
      const server = owners.get(call.function.name)
      const result = server
        ? await server.callTool({ name: call.function.name, arguments: args })
        : {
            isError: true,
            content: [{ type: 'text', text: `No MCP server has the tool ${call.function.name}` }],
          }
      const text = (result.content as Array<{ type: string; text?: string }>)
        .map((part) => part.text ?? '')
        .join('\n')
      toolCalls.push({ name: call.function.name, arguments: args, isError: result.isError === true, text })
      messages.push({ role: 'tool', tool_call_id: call.id, content: text })
    }
  }
  throw new Error(
    `[understudy:mcp-agent] the model was still calling tools after ${options.maxTurns ?? 8} turns`,
  )
}
