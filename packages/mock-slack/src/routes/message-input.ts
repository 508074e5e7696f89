import { validateBlocks } from '../blocks'
import { fail } from '../errors'
import type { MessageInput } from '../resources/messages'
import { hasScope } from '../scopes'
import type { Json } from '../state'
import type { MethodContext } from './define'

const MAX_TEXT = 40_000

/** Reads text, blocks, attachments, metadata and the bot's display overrides from a chat.* call. */
export function readMessageInput(m: MethodContext, options: { requireContent: boolean }): MessageInput {
  const { args, token } = m
  const input: MessageInput = {}
  const text = args.string('text') ?? args.string('markdown_text')
  if (text !== undefined) {
    if (text.length > MAX_TEXT) fail('msg_too_long')
    input.text = text
  }
  if (args.has('blocks')) input.blocks = validateBlocks(args.json('blocks', 'invalid_blocks_format'))
  if (args.has('attachments')) {
    const attachments = args.json('attachments', 'invalid_attachments')
    if (!Array.isArray(attachments)) fail('invalid_attachments')
    if (attachments.length > 100) fail('too_many_attachments')
    input.attachments = attachments as Json[]
  }
  if (args.has('metadata')) {
    const metadata = args.json('metadata', 'invalid_metadata_format') as Record<string, unknown>
    if (typeof metadata !== 'object' || metadata === null || typeof metadata.event_type !== 'string')
      fail('invalid_metadata_format')
    input.metadata = {
      event_type: metadata.event_type,
      event_payload: (metadata.event_payload ?? {}) as Json,
    }
  }
  if (options.requireContent && !input.text && !input.blocks?.length && !input.attachments?.length)
    fail('no_text')
  // Custom names and icons need chat:write.customize; Slack ignores them without it.
  if (hasScope(token, 'chat:write.customize')) {
    const username = args.string('username')
    const iconEmoji = args.string('icon_emoji')
    const iconUrl = args.string('icon_url')
    if (username) input.username = username
    if (iconEmoji) input.icon_emoji = iconEmoji
    else if (iconUrl) input.icon_url = iconUrl
  }
  return input
}

/** `thread_ts`, where an empty value is an error rather than "no thread". */
export function readThreadTs(m: MethodContext): string | undefined {
  const raw = m.args.raw.thread_ts
  if (raw === undefined || raw === null) return undefined
  const value = String(raw)
  if (value.trim() === '')
    fail('invalid_thread_ts', {
      response_metadata: { messages: ['[ERROR] thread_ts must be a non-empty string'] },
    })
  return value
}
