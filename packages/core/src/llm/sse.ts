/**
 * A streamed LLM reply as server-sent events, the way all three providers send them.
 *
 * @module
 */

/**
 * A `text/event-stream` Response that sends each event (already framed, `data: …\n\n`) as its own
 * chunk, so clients see the stream arrive piece by piece as from the real API. `headers` are added
 * to (and may override) the SSE defaults.
 *
 * @example
 * return sseResponse(['data: {"delta":"Hi"}\n\n', 'data: [DONE]\n\n'], { 'x-request-id': 'req_1' })
 */
export function sseResponse(events: readonly string[], headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder()
  let i = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < events.length) controller.enqueue(encoder.encode(events[i++]))
      else controller.close()
    },
  })
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers },
  })
}
