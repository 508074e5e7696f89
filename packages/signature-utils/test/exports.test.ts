// The entry points DESIGN.md fixes: a namespace per scheme at the root, and a subpath per scheme
// exporting sign, verify and headers directly (plus verifyDetailed and verifyRequest).

import { describe, expect, test } from 'vitest'
import * as githubEntry from '../src/github'
import * as root from '../src/index'
import * as openaiEntry from '../src/openai'
import * as slackEntry from '../src/slack'
import * as standardEntry from '../src/standard-webhooks'
import * as stripeEntry from '../src/stripe'

const api = {
  sign: expect.any(Function),
  verify: expect.any(Function),
  verifyDetailed: expect.any(Function),
  verifyRequest: expect.any(Function),
  headers: expect.any(Function),
}

describe.each([
  ['./github', githubEntry, root.github],
  ['./slack', slackEntry, root.slack],
  ['./stripe', stripeEntry, root.stripe],
  ['./standard-webhooks', standardEntry, root.standardWebhooks],
  ['./openai', openaiEntry, root.openai],
])('%s', (_subpath, entry, namespace) => {
  test('exports sign, verify, verifyDetailed, verifyRequest and headers', () => {
    expect(entry).toMatchObject(api)
  })

  test('exports the same functions as the root namespace', () => {
    expect(entry.sign).toBe(namespace.sign)
    expect(entry.verify).toBe(namespace.verify)
    expect(entry.headers).toBe(namespace.headers)
  })
})

test('openai is standardWebhooks under another name', () => {
  expect(root.openai.sign).toBe(root.standardWebhooks.sign)
  expect(root.openai.verify).toBe(root.standardWebhooks.verify)
  expect(openaiEntry.verifyRequest).toBe(standardEntry.verifyRequest)
})

test('the root exports the error classes and isSignatureUtilsError', () => {
  expect(root).toMatchObject({
    SignatureUtilsError: expect.any(Function),
    InvalidArgumentError: expect.any(Function),
    isSignatureUtilsError: expect.any(Function),
  })
})
