/**
 * Import of vcrpy / pytest-recording YAML cassettes, so recordings made by a Python agent's test
 * suite replay under Understudy.
 *
 * @module
 */

import { CassetteFormatError } from '../cassette/errors'
import { type CassetteFile, createCassetteFile, type Interaction } from '../cassette/format'
import { requestToStored, responseToStored } from '../cassette/http'
import { FROM_VCR_OPTIONS, requireString, validateOptions } from '../cassette/validate'
import { createRedactor, type RedactionOptions } from '../redaction/filters'

export interface FromVcrOptions extends RedactionOptions {
  /** The cassette's name. */
  name: string
  /** vcrpy does not store when it recorded; this stands in (default: now). */
  recordedAt?: Date | string
  /** For messages: the file the YAML came from. */
  path?: string
}

const NULL_BODY = new Set([204, 205, 304])

/**
 * A cassette from a vcrpy YAML cassette (its text or the parsed object). Compressed bodies (vcrpy
 * keeps them as recorded unless `decode_compressed_response=True`) are decompressed; `!!binary`
 * bodies become bytes. The default redaction applies, plus any filters given.
 *
 * @example
 * const cassette = await fromVcr(await readFile('cassettes/test_triage.yaml', 'utf8'), { name: 'triage' })
 */
export async function fromVcr(source: string | object, options: FromVcrOptions): Promise<CassetteFile> {
  validateOptions('fromVcr', options, FROM_VCR_OPTIONS)
  requireString('name', options?.name, "fromVcr(yaml, { name: 'github/issues' })")
  const where = options.path ? `vcrpy cassette ${options.path}` : 'vcrpy cassette'
  const fail = (why: string): never => {
    throw new CassetteFormatError(
      `Failed to import ${where}: ${why}. Pass the text of a vcrpy/pytest-recording .yaml cassette.`,
      options.path,
    )
  }
  let data: unknown = source
  if (typeof source === 'string') {
    // Loaded here, not at the top: only vcrpy imports need a YAML parser.
    const { parse } = await import('yaml')
    try {
      // YAML 1.1 is what PyYAML writes; it knows !!binary.
      data = parse(source, { schema: 'yaml-1.1' })
    } catch (error) {
      fail(`it is not valid YAML (${(error as Error).message})`)
    }
  }
  const raw = data as { interactions?: unknown; version?: unknown } | null
  if (!raw || !Array.isArray(raw.interactions)) return fail('it has no "interactions" list')
  if (raw.version !== undefined && raw.version !== 1)
    fail(`it has version ${JSON.stringify(raw.version)}; vcrpy writes version 1`)
  const recordedAt = new Date(options.recordedAt ?? Date.now()).toISOString()
  const redactor = createRedactor(options)
  const interactions: Interaction[] = []
  for (const [i, item] of (raw.interactions as unknown[]).entries()) {
    const at = `interactions[${i}]`
    const { request: req, response: res } = (item ?? {}) as {
      request?: Record<string, unknown>
      response?: Record<string, unknown>
    }
    if (!req || typeof req.uri !== 'string' || typeof req.method !== 'string')
      fail(`${at}.request has no method and uri`)
    if (!res || typeof (res!.status as { code?: unknown })?.code !== 'number')
      fail(`${at}.response has no status code`)
    const method = (req!.method as string).toUpperCase()
    const requestBody = method === 'GET' || method === 'HEAD' ? undefined : toBody(req!.body)
    const request = new Request(req!.uri as string, {
      method,
      headers: toHeaders(req!.headers),
      body: requestBody,
    })
    const status = res!.status as { code: number; message?: string }
    const responseBody = toBody((res!.body as { string?: unknown } | undefined)?.string)
    const response = new Response(NULL_BODY.has(status.code) ? null : responseBody, {
      status: status.code,
      statusText: status.message ?? '',
      headers: toHeaders(res!.headers),
    })
    const interaction = redactor.interaction({
      recordedAt,
      request: await requestToStored(request),
      // Bodies here are as recorded: decompress them if Content-Encoding says so.
      response: await responseToStored(response),
    })
    if (interaction) interactions.push(interaction)
  }
  return createCassetteFile(options.name, interactions)
}

function toBody(value: unknown): BodyInit | undefined {
  if (value === null || value === undefined) return undefined
  if (value instanceof Uint8Array) return value.byteLength ? (value as Uint8Array<ArrayBuffer>) : undefined
  if (typeof value === 'string') return value.length ? value : undefined
  // Old vcrpy wrote request bodies as {string: ...} too.
  if (typeof value === 'object' && 'string' in value) return toBody((value as { string: unknown }).string)
  return JSON.stringify(value)
}

function toHeaders(value: unknown): Headers {
  const headers = new Headers()
  if (!value || typeof value !== 'object') return headers
  for (const [name, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      try {
        headers.append(name, String(item))
      } catch {
        // vcrpy stores whatever the client sent; skip what a Headers cannot hold.
      }
    }
  }
  return headers
}
