/** What the admin API sends the dashboard, as far as the page reads it. */

export type Rec = Record<string, unknown>

export interface Entry {
  /** Set on MCP tool calls: the REST request the tool made. */
  via?: { method: string; path: string }
  id: string
  service: string
  partition: string
  method: string
  path: string
  url: string
  query?: Record<string, unknown>
  headers: Record<string, string>
  body: unknown
  status: number
  responseHeaders: Record<string, string>
  responseBody: unknown
  route?: string
  fault?: string
  /** Set by mocks for endpoints the real service has and the mock does not implement. */
  unimplemented?: boolean
  startedAt: number
  durationMs: number
}

export interface Signature {
  scheme: string | null
  verified: boolean | null
}

export interface Attempt {
  at: number
  status?: number
  error?: string
  durationMs: number
}

export interface Delivery {
  id: string
  service: string
  partition: string
  event: string
  url: string
  status: string
  attempts: Attempt[]
  signature?: Signature
  response: { status?: number; body?: string; error?: string } | null
  body: unknown
  headers: Record<string, string>
}

export interface Info {
  services: string[]
  baseUrls: Record<string, string>
  replay?: string[]
}

export interface Cassette {
  name: string
  interactions?: number
  recordedAt?: string
  expiresAt?: string
  expired?: boolean
  replaying?: boolean
  problems?: Array<{ kind: string; message?: string }>
}

export interface CassetteList {
  dir: string | null
  cassettes: Cassette[]
}
