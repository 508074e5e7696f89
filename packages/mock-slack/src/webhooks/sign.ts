import { signatureHeaders } from '@understudy/core'

/**
 * The headers Slack sends with a signed request to an app (interactivity, url_verification): the
 * signature from core's webhook signing, plus Slack's own User-Agent and the body's type. Events go
 * through core's delivery pipeline instead, which signs them the same way.
 */
export async function signedHeaders(
  secret: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
): Promise<Record<string, string>> {
  return {
    ...(await signatureHeaders({ scheme: 'slack', secret, body })),
    // Bolt compares the content type exactly, so no charset parameter.
    'Content-Type': contentType,
    'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  }
}
