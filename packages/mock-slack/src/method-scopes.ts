import type { MethodName } from './generated/methods'

const CHAT_WRITE = ['chat:write']
const FILES_WRITE = ['files:write']
/** conversations.* writes: the scope of each conversation type the method can change. */
const CONVERSATIONS_WRITE = ['channels:manage', 'groups:write', 'im:write', 'mpim:write']

/**
 * Scopes of the methods whose entry in Slack's published OpenAPI description (src/generated/methods.ts)
 * is out of date: it still lists the classic scopes (`chat:write:bot`, `channels:write`) that granular
 * bot scopes replaced, and it has no entry for methods newer than 2021. Hand-written from each method's
 * "Required scopes" on its reference page (https://docs.slack.dev/reference/methods/<name>): no official
 * machine-readable source has the granular scopes. Every other method's scopes come from the generated
 * data; test/method-data.test.ts checks each entry here differs from it, so none is kept for nothing.
 */
export const granularScopes: Partial<Record<MethodName, readonly string[]>> = {
  'chat.delete': CHAT_WRITE,
  'chat.deleteScheduledMessage': CHAT_WRITE,
  'chat.postEphemeral': CHAT_WRITE,
  'chat.postMessage': CHAT_WRITE,
  'chat.scheduleMessage': CHAT_WRITE,
  'chat.update': CHAT_WRITE,
  'conversations.archive': CONVERSATIONS_WRITE,
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.invite': CONVERSATIONS_WRITE,
  'conversations.join': ['channels:join'],
  'conversations.kick': CONVERSATIONS_WRITE,
  'conversations.leave': CONVERSATIONS_WRITE,
  'conversations.open': ['im:write', 'mpim:write'],
  'conversations.rename': CONVERSATIONS_WRITE,
  'conversations.setPurpose': CONVERSATIONS_WRITE,
  'conversations.setTopic': CONVERSATIONS_WRITE,
  'conversations.unarchive': CONVERSATIONS_WRITE,
  'files.completeUploadExternal': FILES_WRITE,
  'files.delete': FILES_WRITE,
  'files.getUploadURLExternal': FILES_WRITE,
}
