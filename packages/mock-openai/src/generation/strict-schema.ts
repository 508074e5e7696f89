/**
 * The checks Structured Outputs makes on a `strict: true` schema before it generates anything: every
 * object closes `additionalProperties` and lists every property in `required`, and a response format's
 * root is an object. A schema the API would refuse is refused by the mock with the API's message,
 * so the bug shows up in tests rather than in production.
 *
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */

import type { JsonSchema } from '@understudy/core/llm'
import { invalidRequest } from '../errors'

type Obj = Record<string, unknown>

function context(path: readonly string[]): string {
  return `context=(${path.map((p) => `'${p}'`).join(', ')})`
}

function firstProblem(schema: JsonSchema, path: string[], seen: Set<unknown>): string | undefined {
  if (typeof schema !== 'object' || schema === null || seen.has(schema)) return undefined
  seen.add(schema)
  const s = schema as Obj
  const types = Array.isArray(s.type) ? s.type : [s.type]
  if (types.includes('object') || (s.properties && s.type === undefined)) {
    if (s.additionalProperties !== false)
      return `In ${context(path)}, 'additionalProperties' is required to be supplied and to be false.`
    const keys = Object.keys((s.properties as Obj | undefined) ?? {})
    const required = Array.isArray(s.required) ? (s.required as string[]) : undefined
    const missing = keys.find((k) => !required?.includes(k))
    if (!required || missing !== undefined)
      return `In ${context(path)}, 'required' is required to be supplied and to be an array including every key in properties.${missing !== undefined ? ` Missing '${missing}'.` : ''}`
  }
  const children: Array<[JsonSchema, string[]]> = []
  for (const [key, value] of Object.entries((s.properties as Obj | undefined) ?? {}))
    children.push([value as JsonSchema, [...path, 'properties', key]])
  for (const defsKey of ['$defs', 'definitions'])
    for (const [key, value] of Object.entries((s[defsKey] as Obj | undefined) ?? {}))
      children.push([value as JsonSchema, [...path, defsKey, key]])
  if (s.items && typeof s.items === 'object') children.push([s.items as JsonSchema, [...path, 'items']])
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(s[key]))
      (s[key] as JsonSchema[]).forEach((b, i) => {
        children.push([b, [...path, key, String(i)]])
      })
  for (const [child, childPath] of children) {
    const problem = firstProblem(child, childPath, seen)
    if (problem) return problem
  }
  return undefined
}

/** Throws the API's 400 for a strict response format the API would refuse. */
export function checkStrictResponseFormat(name: string, schema: JsonSchema, param: string): void {
  const s = schema as Obj
  const label = `Invalid schema for response_format '${name}'`
  if (typeof s !== 'object' || s === null || s.type !== 'object')
    throw invalidRequest(
      `${label}: schema must be a JSON Schema of 'type: "object"', got 'type: "${String(s?.type)}"'.`,
      {
        param,
        code: 'invalid_json_schema',
      },
    )
  const problem = firstProblem(schema, [], new Set())
  if (problem) throw invalidRequest(`${label}: ${problem}`, { param, code: 'invalid_json_schema' })
}

/** Throws the API's 400 for a strict function whose parameters the API would refuse. */
export function checkStrictFunction(name: string, schema: JsonSchema | undefined, param: string): void {
  if (schema === undefined) return
  const problem = firstProblem(schema, [], new Set())
  if (problem)
    throw invalidRequest(`Invalid schema for function '${name}': ${problem}`, {
      param,
      code: 'invalid_function_parameters',
    })
}
