/** The clients agents use, driven the way SDKs drive them. */
import http from 'node:http'
import https from 'node:https'

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  /** The body as the 'data' events delivered it. */
  chunks: Buffer[]
}

/** node:http / node:https, as stripe-node uses it. */
export function nodeRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const client = url.startsWith('https:') ? https : http
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), chunks }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Reads a fetch response body chunk by chunk. */
export async function readChunks(response: Response): Promise<string[]> {
  const out: string[] = []
  const decoder = new TextDecoder()
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
    out.push(decoder.decode(chunk))
  return out
}
