import { expect, test } from 'vitest'
import { trimBaseUrl } from './base-url'

test('trimBaseUrl(url, suffix) drops the suffix with or without a trailing slash, and nothing else', () => {
  expect(trimBaseUrl('http://127.0.0.1:4010/slack/api/', '/api')).toBe('http://127.0.0.1:4010/slack')
  expect(trimBaseUrl('http://127.0.0.1:4010/openai/v1', '/v1')).toBe('http://127.0.0.1:4010/openai')
  expect(trimBaseUrl('http://127.0.0.1:4010/slack', '/api')).toBe('http://127.0.0.1:4010/slack')
  expect(trimBaseUrl(['http://a.test/x/api', 'http://b.test/y'], '/api')).toEqual([
    'http://a.test/x',
    'http://b.test/y',
  ])
  expect(trimBaseUrl(undefined, '/api')).toBeUndefined()
})
