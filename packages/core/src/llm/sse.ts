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
  // A byte stream, closed along with its last event. Through msw, a default (non-byte) stream is
  // still being written when openai-node sees `[DONE]` and cancels the body, so msw aborts the
  // request: four more AbortController aborts per call, with their DOMExceptions and the undici
  // errors whose stack traces get formatted. Over a byte stream the writer is done first, as with a
  // string body.
  const stream = new ReadableStream({
    type: 'bytes',
    pull(controller) {
      if (i < events.length) controller.enqueue(encoder.encode(events[i++]))
      if (i >= events.length) controller.close()
    },
  })
  return new Response(stream, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers },
  })
}
