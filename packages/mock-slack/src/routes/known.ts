import type { KnownEndpoint } from '@understudy/core'
import { type MethodInfo, type MethodName, methods } from '../generated/methods'

const DOCS_ROOT = 'https://docs.slack.dev/reference/methods/'

/** A Web API method's reference page. */
export const methodDocs = (name: string): string => DOCS_ROOT + name

/** What the generated list knows about a method (scopes from Slack's published description). */
export const methodInfo = (name: MethodName): MethodInfo => methods[name]

/**
 * Every Web API method Slack serves today, as core matches them (`/api/<name>`, any HTTP method):
 * what no route implements answers 501. Methods retired from @slack/web-api (`sdk: false`: files.upload,
 * workflows.stepCompleted...) stay out, so they keep answering `unknown_method` as Slack does for them.
 */
export const knownEndpoints: readonly KnownEndpoint[] = Object.entries(methods as Record<string, MethodInfo>)
  .filter(([, info]) => info.sdk !== false)
  .map(([name]) => ({
    method: '*',
    path: `/api/${name}`,
    docs: methodDocs(name),
    // `admin.conversations.search` → admin; `chat.postMessage` → chat.
    area: name.split('.')[0]!,
  }))
