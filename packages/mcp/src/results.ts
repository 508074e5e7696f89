import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'

/** A successful tool result: JSON as text, as the official servers return it. */
export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) }] }
}

/** A failed tool call: a result with `isError`, never a protocol error, as the official servers do. */
export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true }
}
