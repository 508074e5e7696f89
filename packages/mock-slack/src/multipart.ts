/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string
  filename?: string
  contentType?: string
  data: Uint8Array
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/**
 * Parses multipart/form-data synchronously (the body hook is sync): fields and files as bytes.
 * Enough for what Slack clients send (WebClient's file upload), not a general-purpose parser.
 */
export function parseMultipart(contentType: string, raw: Uint8Array): MultipartPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (!boundary) return []
  const encoder = new TextEncoder()
  const decoder = new TextDecoder()
  const delimiter = encoder.encode(`--${boundary}`)
  const headerEnd = encoder.encode('\r\n\r\n')
  const parts: MultipartPart[] = []
  let position = indexOf(raw, delimiter, 0)
  while (position >= 0) {
    const start = position + delimiter.length
    // `--` after the delimiter closes the body.
    if (raw[start] === 0x2d && raw[start + 1] === 0x2d) break
    const headersAt = start + 2
    const bodyAt = indexOf(raw, headerEnd, headersAt)
    if (bodyAt < 0) break
    const next = indexOf(raw, delimiter, bodyAt + 4)
    if (next < 0) break
    const headers = decoder.decode(raw.subarray(headersAt, bodyAt))
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? ''
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
    const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]
    // The part's data ends before the CRLF that precedes the next delimiter.
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      ...(type ? { contentType: type.trim() } : {}),
      data: raw.slice(bodyAt + 4, next - 2),
    })
    position = next
  }
  return parts
}

/** Multipart fields for the request log: text fields as strings, files as a short description. */
export function describeMultipart(parts: MultipartPart[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const decoder = new TextDecoder()
  for (const part of parts) {
    out[part.name] =
      part.filename !== undefined
        ? {
            filename: part.filename,
            size: part.data.length,
            ...(part.contentType ? { contentType: part.contentType } : {}),
          }
        : decoder.decode(part.data)
  }
  return out
}
