import { slack } from '@understudy/signature-utils'

/**
 * The headers Slack sends with a signed request to an app: X-Slack-Signature (v0) and
 * X-Slack-Request-Timestamp from signature-utils, plus Slack's own User-Agent and the body's type.
 *
 * The timestamp is wall-clock time, not the mock clock: the receiver (Bolt) checks it against its own
 * clock and refuses anything more than five minutes off, whatever time the mock pretends it is.
 */
export async function signedHeaders(
  secret: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
): Promise<Record<string, string>> {
  const signed = await slack.headers(secret, body, Math.floor(Date.now() / 1000))
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(signed)) {
    if (name.toLowerCase() !== 'content-type') headers[name] = value
  }
  // Bolt compares the content type exactly, so no charset parameter.
  headers['Content-Type'] = contentType
  headers['User-Agent'] = 'Slackbot 1.0 (+https://api.slack.com/robots)'
  return headers
}
