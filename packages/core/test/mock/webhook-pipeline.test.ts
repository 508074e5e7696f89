import { github, slack, standardWebhooks, stripe } from '@understudy/signature-utils'
import { describe, expect, test } from 'vitest'
import { createServiceMock, verifyDelivery, type WebhookScheme } from '../../src/index'
import { toyService } from './toy-service'

const auth = { authorization: 'Bearer sk_test_123' }

function recorder() {
  const got: Request[] = []
  const bodies: string[] = []
  return {
    got,
    bodies,
    transport: async (request: Request) => {
      got.push(request)
      bodies.push(await request.text())
      return new Response('ok')
    },
  }
}

describe('webhook pipeline: mock emits, core signs, delivers, records', () => {
  test.each<[WebhookScheme, string]>([
    ['github', 'gh_secret_test'],
    ['slack', 'slack_signing_test'],
    ['stripe', 'whsec_test'],
    ['standard-webhooks', 'whsec_dGVzdHNlY3JldA=='],
  ])(
    '%s: the receiver gets a signature its verifier accepts; the record keeps scheme and secret',
    async (scheme, secret) => {
      const receiver = recorder()
      const toy = createServiceMock(toyService, { webhooks: { transport: receiver.transport } })
      const body = JSON.stringify({ hello: scheme })
      void toy.webhooks.emit({
        url: 'https://agent.test/hook',
        event: 'note.created',
        scheme,
        secret,
        body,
        headers: { 'content-type': 'application/json' },
        signatureId: 'msg_1',
      })
      // Signing is still in flight here: settled() must wait for it, then for the delivery.
      await toy.webhooks.settled()
      const [request] = receiver.got
      const headers = Object.fromEntries(request!.headers)
      const verified = {
        github: () => github.verify(secret, body, headers['x-hub-signature-256'] ?? ''),
        slack: () =>
          slack.verify(secret, body, {
            signature: headers['x-slack-signature'] ?? '',
            timestamp: headers['x-slack-request-timestamp'] ?? '',
          }),
        stripe: () => stripe.verify(secret, body, headers['stripe-signature'] ?? ''),
        'standard-webhooks': () => standardWebhooks.verify(secret, body, headers),
        none: async () => false,
      }[scheme]
      expect(await verified()).toBe(true)
      const [delivery] = toy.webhooks.deliveries
      expect(delivery).toMatchObject({ scheme, status: 'delivered', event: 'note.created' })
      expect(delivery!.secret).toBe(secret)
      expect(JSON.stringify(delivery)).not.toContain(secret)
      expect(await verifyDelivery(delivery!)).toBe(true)
    },
  )

  test('without a secret a delivery goes unsigned, as GitHub sends to hooks without one', async () => {
    const receiver = recorder()
    const toy = createServiceMock(toyService, { webhooks: { transport: receiver.transport } })
    await toy.webhooks.emit({ url: 'https://agent.test/hook', event: 'ping', scheme: 'github', body: '{}' })
    expect(receiver.got[0]!.headers.has('x-hub-signature-256')).toBe(false)
    expect(await verifyDelivery(toy.webhooks.deliveries[0]!)).toBeUndefined()
  })

  test('deliveries to one endpoint go out in the order they were emitted, one after another', async () => {
    const order: string[] = []
    let releaseFirst!: () => void
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve
    })
    const toy = createServiceMock(toyService, {
      webhooks: {
        transport: async (request) => {
          const body = await request.text()
          order.push(`start ${body}`)
          if (body === '"a"') await firstHeld
          order.push(`end ${body}`)
          return new Response('ok')
        },
      },
    })
    const emit = (body: string) =>
      toy.webhooks.emit({
        url: 'https://agent.test/hook',
        event: 'e',
        scheme: 'stripe',
        secret: 'whsec_test',
        body,
      })
    void emit('"a"')
    void emit('"b"')
    const settled = toy.webhooks.settled()
    await new Promise((resolve) => setTimeout(resolve, 0))
    releaseFirst()
    await settled
    expect(order).toEqual(['start "a"', 'end "a"', 'start "b"', 'end "b"'])
  })

  test('settled() waits for cascades: a receiver that answers, then calls the mock back, firing another delivery', async () => {
    const received: string[] = []
    const toy = createServiceMock(toyService, {
      webhooks: {
        transport: async (request) => {
          const note = (await request.json()) as { text: string }
          received.push(note.text)
          // The agent acknowledges at once and does its work on a later turn (after its own I/O).
          if (note.text === 'opened')
            setTimeout(() => {
              void toy.fetch('https://api.toy.test/v1/notes', {
                method: 'POST',
                headers: auth,
                body: JSON.stringify({ text: 'labeled' }),
              })
            }, 0)
          return new Response('ok')
        },
      },
    })
    toy.state().hooks.push('https://agent.test/webhook')
    await toy.fetch('https://api.toy.test/v1/notes', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'opened' }),
    })
    await toy.webhooks.settled()
    expect(received).toEqual(['opened', 'labeled'])
    expect(toy.webhooks.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered'])
  })

  test('a failed signing is a failed delivery with the reason, never a rejection', async () => {
    const toy = createServiceMock(toyService, { webhooks: { transport: async () => new Response('ok') } })
    const delivery = await toy.webhooks.emit({
      url: 'https://agent.test/hook',
      event: 'e',
      scheme: 'standard-webhooks',
      secret: 'not base64 !!',
      body: '{}',
    })
    expect(delivery.status).toBe('failed')
    expect(delivery.attempts[0]!.error).toMatch(/signing failed/)
  })
})
