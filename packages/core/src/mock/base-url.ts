/**
 * Drops a path suffix the SDKs put in their base URL setting (`slackApiUrl` ends in `/api/`, OpenAI's
 * `baseURL` in `/v1`) when a mock's routes already start with it, so either form works as `baseUrl`.
 *
 * @example
 * trimBaseUrl('http://127.0.0.1:4010/slack/api/', '/api') // 'http://127.0.0.1:4010/slack'
 */
export function trimBaseUrl<T extends string | readonly string[] | undefined>(baseUrl: T, suffix: string): T {
  const trim = (url: string) => {
    const bare = url.replace(/\/+$/, '')
    return bare.endsWith(suffix) ? bare.slice(0, -suffix.length) : url
  }
  if (baseUrl === undefined) return baseUrl
  return (typeof baseUrl === 'string' ? trim(baseUrl) : (baseUrl as readonly string[]).map(trim)) as T
}
