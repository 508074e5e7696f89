import { Ajv, type ErrorObject } from 'ajv'
import { expect } from 'vitest'

/** A schema subset cut from a vendor's OpenAPI document by scripts/openapi-subset.mjs. */
export interface OpenApiSubset {
  readonly 'x-source': string
  readonly 'x-version'?: string
  readonly components: { readonly schemas: Record<string, unknown> }
}

/** Checks values against the named schemas of a vendor's OpenAPI document. */
export interface SpecCheck {
  /** The schema violations of `value` against `components.schemas[name]`, as `path: message` lines. */
  errors(name: string, value: unknown): string[]
  /** Fails the test with the violations when `value` does not match `name`. */
  expectValid(name: string, value: unknown): void
}

const describeError = (e: ErrorObject) =>
  `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`

export interface OpenApiCheckOptions {
  /**
   * Treat every object schema that lists `properties` as closed (no other fields), so a misspelt or
   * invented field fails. For documents as new as the API the mock answers; an older document lacks
   * fields the API has added since.
   */
  closed?: boolean
}

/**
 * A copy ready for a JSON Schema validator: without `type: null`, which Anthropic's document puts on
 * untyped unions (`Model`), and, when `closed`, with `additionalProperties: false` on object schemas.
 */
function prepare(value: unknown, closed: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => prepare(v, closed))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === 'type' && v === null))
      .map(([key, v]) => [key, key === 'properties' ? mapValues(v, closed) : prepare(v, closed)]),
  )
  if (closed && out.properties && out.additionalProperties === undefined) out.additionalProperties = false
  return out
}

function mapValues(properties: unknown, closed: boolean): unknown {
  if (typeof properties !== 'object' || properties === null) return properties
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, prepare(v, closed)]))
}

/**
 * A checker over `spec`. OpenAPI's own keywords (`discriminator`, `x-…`, `nullable` in 3.0) are read
 * leniently and formats are not checked (`int32`, `google-duration`...): the point is the shape, field
 * names, types, enums and required fields of what the mock sends.
 *
 * @example
 * const spec = openApiCheck(subset)
 * spec.expectValid('Message', await (await fetch(url)).json())
 */
export function openApiCheck(spec: OpenApiSubset, options: OpenApiCheckOptions = {}): SpecCheck {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true })
  ajv.addSchema(prepare(spec, options.closed === true) as object, 'spec')
  const check: SpecCheck = {
    errors(name, value) {
      if (!(name in spec.components.schemas))
        throw new Error(`${name} is not in the spec subset (${spec['x-source']})`)
      const validate = ajv.getSchema(`spec#/components/schemas/${name}`)!
      return validate(value) ? [] : (validate.errors ?? []).map(describeError)
    },
    expectValid(name, value) {
      expect(check.errors(name, value), `${name} per ${spec['x-source']}`).toEqual([])
    },
  }
  return check
}
