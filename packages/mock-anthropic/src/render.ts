/**
 * A neutral model turn in the Messages API's wire shape: content blocks, `stop_reason`, usage, and
 * the streamed event sequence Anthropic sends.
 *
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @module
 */
import { argumentPieces, textPieces } from '@understudy/core/llm'
import { errorBody } from './errors'

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal'

export type Block =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }

export interface Usage {
  input_tokens: number
  cache_creation_input_tokens: number
  cache_read_input_tokens: number
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number }
  output_tokens: number
  server_tool_use: null
  service_tier: 'standard'
}

export interface RenderedMessage {
  id: string
  type: 'message'
  role: 'assistant'
  model: string
  content: Block[]
  stop_reason: StopReason
  stop_sequence: string | null
  usage: Usage
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

function deltas(block: Block): Array<Record<string, unknown>> {
  if (block.type === 'text') return textPieces(block.text).map((text) => ({ type: 'text_delta', text }))
  if (block.type === 'thinking')
    return [
      ...textPieces(block.thinking).map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: block.signature },
    ]
  const json = JSON.stringify(block.input)
  return [
    { type: 'input_json_delta', partial_json: '' },
    ...argumentPieces(json).map((partial_json) => ({ type: 'input_json_delta', partial_json })),
  ]
}

function startOf(block: Block): Block {
  if (block.type === 'text') return { type: 'text', text: '' }
  if (block.type === 'thinking') return { type: 'thinking', thinking: '', signature: '' }
  return { ...block, input: {} }
}

/**
 * The event stream of a message: `message_start`, per block `content_block_start` / deltas /
 * `content_block_stop` (a `ping` after the first start), `message_delta` with the stop reason and
 * usage, `message_stop`. With `error`, the stream breaks off after `message_start` with `event: error`.
 */
export function streamEvents(message: RenderedMessage, error?: { type: string; message: string }): string[] {
  const { usage } = message
  const events = [
    sse('message_start', {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }),
  ]
  if (error) {
    events.push(sse('ping', { type: 'ping' }), sse('error', errorBody(error.type, error.message)))
    return events
  }
  message.content.forEach((block, index) => {
    events.push(
      sse('content_block_start', { type: 'content_block_start', index, content_block: startOf(block) }),
    )
    if (index === 0) events.push(sse('ping', { type: 'ping' }))
    for (const delta of deltas(block))
      events.push(sse('content_block_delta', { type: 'content_block_delta', index, delta }))
    events.push(sse('content_block_stop', { type: 'content_block_stop', index }))
  })
  events.push(
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens: usage.output_tokens,
        server_tool_use: null,
      },
    }),
    sse('message_stop', { type: 'message_stop' }),
  )
  return events
}

export { sseResponse } from '@understudy/core/llm'
