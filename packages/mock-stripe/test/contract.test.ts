import { mount, startServer } from '@understudy/core'
import { type MatrixRuntime, serviceMockContract } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import { createStripeMock } from '../src/index'

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime
const basic = (key: string) => `Basic ${btoa(`${key}:`)}`

serviceMockContract(runtime, 'mock-stripe', {
  create: (transport, { sleep, baseUrl }) =>
    createStripeMock({
      sleep,
      ...(baseUrl ? { baseUrl } : {}),
      partitionBy: transport === 'http' ? 'credential' : 'none',
    }),
  realBase: 'https://api.stripe.com',
  prefix: '/stripe',
  call: {
    method: 'POST',
    path: '/v1/customers',
    loggedPath: '/v1/customers',
    headers: { authorization: basic('sk_test_123'), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=ada%40example.com',
  },
  credentials: ['sk_test_a', 'sk_test_b'],
  withCredential: (c, key) => ({ ...c, headers: { ...c.headers, authorization: basic(key) } }),
})
