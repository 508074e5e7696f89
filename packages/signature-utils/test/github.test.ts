import * as octokit from '@octokit/webhooks-methods'
import { describe, expect, test } from 'vitest'
import { github } from '../src/index'
import { bytes, payload, githubSecret as secret } from './common'

describe('against @octokit/webhooks-methods', () => {
  test('sign(secret, payload) gives the same header as octokit sign()', async () => {
    expect(await github.sign(secret, payload)).toBe(await octokit.sign(secret, payload))
  })

  test('octokit verify() accepts what sign(secret, payload) made', async () => {
    expect(await octokit.verify(secret, payload, await github.sign(secret, payload))).toBe(true)
  })

  test('verify(secret, payload, header) accepts what octokit sign() made', async () => {
    expect(await github.verify(secret, payload, await octokit.sign(secret, payload))).toBe(true)
  })

  test('verify(secret, payload, header) rejects what octokit rejects', async () => {
    const header = await octokit.sign(secret, payload)
    expect(await octokit.verify('other', payload, header)).toBe(false)
    expect(await github.verify('other', payload, header)).toBe(false)
  })
})

describe('github.verify', () => {
  test('verify(secret, payload, header) matches the example in GitHub docs', async () => {
    // https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
    expect(await github.verify("It's a Secret to Everybody", 'Hello, World!', header)).toBe(true)
  })

  test('verify(secret, payload, header) accepts upper-case hex', async () => {
    const header = await github.sign(secret, payload)
    expect(await github.verify(secret, payload, `sha256=${header.slice(7).toUpperCase()}`)).toBe(true)
  })

  test('verify(secret, payload, header) tolerates whitespace around the header value', async () => {
    expect(await github.verify(secret, payload, ` ${await github.sign(secret, payload)} `)).toBe(true)
  })

  test('verify(secret, payload, header) returns false for the legacy sha1= header, and says so', async () => {
    const result = await github.verifyDetailed(secret, payload, `sha1=${'a'.repeat(40)}`)
    expect(result).toMatchObject({ ok: false, reason: 'malformed', header: 'x-hub-signature-256' })
    expect(!result.ok && result.message).toContain('X-Hub-Signature-256')
  })

  test('verify(secret, payload, header) returns false for a wrong-length or non-hex signature', async () => {
    const header = await github.sign(secret, payload)
    for (const bad of [header.slice(0, -2), `${header}00`, `${header.slice(0, -1)}g`, 'sha256=']) {
      expect
        .soft(await github.verifyDetailed(secret, payload, bad), bad)
        .toMatchObject({ reason: 'malformed' })
    }
  })

  test('verify(secret, payload, header) returns false for a header that is not a string', async () => {
    for (const bad of [42, {}, ['sha256=00'], true]) {
      expect.soft(await github.verify(secret, payload, bad as never)).toBe(false)
    }
  })

  test('verifyDetailed(secret, payload, header) hints at whitespace in the secret', async () => {
    const header = await github.sign(secret, payload)
    const result = await github.verifyDetailed(`${secret}\n`, payload, header)
    expect(!result.ok && result.message).toMatch(/whitespace/)
  })
})

describe('github.headers', () => {
  test('headers(secret, payload, { event }) gives the header set GitHub sends', async () => {
    const headers = await github.headers(secret, payload, { event: 'issues', delivery: 'd-1' })
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      'User-Agent': 'GitHub-Hookshot/understudy',
      'X-GitHub-Delivery': 'd-1',
      'X-GitHub-Event': 'issues',
      'X-Hub-Signature-256': await octokit.sign(secret, payload),
    })
  })

  test('headers(secret, payload, { event }) makes a delivery GUID when none is given', async () => {
    const headers = await github.headers(secret, payload, { event: 'ping' })
    expect(headers['X-GitHub-Delivery']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    )
  })

  test('headers(secret, "payload=...", { event }) sends a form-encoded body as form-encoded', async () => {
    const form = `payload=${encodeURIComponent(payload)}`
    const headers = await github.headers(secret, bytes(form), { event: 'issues' })
    expect(headers['Content-Type']).toBe('application/x-www-form-urlencoded')
  })

  test('headers(secret, payload, {}) throws an InvalidArgumentError naming options.event', async () => {
    await expect(github.headers(secret, payload, {} as never)).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'options.event',
      message: expect.stringMatching(
        /^\[understudy:signature-utils\] Failed to build GitHub webhook headers/,
      ),
    })
  })
})
