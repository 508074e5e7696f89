import { fail } from './errors'
import type { Json } from './state'

const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
  'call',
  'table',
  'context_actions',
])

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function problems(blocks: unknown[], surface: 'message' | 'view'): string[] {
  const errors: string[] = []
  const max = surface === 'message' ? 50 : 100
  if (blocks.length > max) errors.push(`no more than ${max} items allowed [json-pointer:/blocks]`)
  for (const [i, block] of blocks.entries()) {
    const at = `/blocks/${i}`
    if (!isObject(block)) {
      errors.push(`must provide an object [json-pointer:${at}]`)
      continue
    }
    if (typeof block.type !== 'string') {
      errors.push(`missing required field: type [json-pointer:${at}]`)
      continue
    }
    if (!BLOCK_TYPES.has(block.type)) {
      errors.push(`unsupported type: ${block.type} [json-pointer:${at}/type]`)
      continue
    }
    const text = isObject(block.text) ? block.text : undefined
    if (block.type === 'section') {
      if (!text && !Array.isArray(block.fields))
        errors.push(`must provide either text or fields [json-pointer:${at}]`)
      if (text && typeof text.text === 'string' && text.text.length > 3000)
        errors.push(`must be less than 3001 characters [json-pointer:${at}/text/text]`)
    }
    if (block.type === 'header') {
      if (text?.type !== 'plain_text')
        errors.push(`must provide a plain_text object [json-pointer:${at}/text]`)
      else if (typeof text.text === 'string' && text.text.length > 150)
        errors.push(`must be less than 151 characters [json-pointer:${at}/text/text]`)
    }
    if (block.type === 'actions' || block.type === 'context') {
      if (!Array.isArray(block.elements) || block.elements.length === 0)
        errors.push(`missing required field: elements [json-pointer:${at}]`)
    }
    if (block.type === 'image' && typeof block.image_url !== 'string' && !isObject(block.slack_file))
      errors.push(`must provide either image_url or slack_file [json-pointer:${at}]`)
    if (typeof block.block_id === 'string' && block.block_id.length > 255)
      errors.push(`must be less than 256 characters [json-pointer:${at}/block_id]`)
  }
  return errors
}

/**
 * Checks blocks the way Slack does before storing them: `invalid_blocks_format` when they are not a
 * JSON array, `invalid_blocks` with `errors` and `[ERROR]` messages naming the JSON pointer otherwise.
 */
export function validateBlocks(value: unknown, surface: 'message' | 'view' = 'message'): Json[] {
  if (!Array.isArray(value)) return fail('invalid_blocks_format')
  const errors = problems(value, surface)
  if (errors.length)
    fail('invalid_blocks', { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } })
  return value as Json[]
}
