import { mount, startServer } from '@understudy/core'
import { type MatrixRuntime, serviceMockContract } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import { createOpenAIMock } from '../src/index'

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime

serviceMockContract(runtime, 'mock-openai', {
  create: (transport, { sleep, baseUrl }) =>
    createOpenAIMock({
      sleep,
      ...(baseUrl ? { baseUrl } : {}),
      partitionBy: transport === 'http' ? 'credential' : 'none',
    }),
  realBase: 'https://api.openai.com',
  prefix: '/openai',
  call: {
    method: 'POST',
    path: '/v1/chat/completions',
    loggedPath: '/v1/chat/completions',
    headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
  },
  credentials: ['sk-a', 'sk-b'],
  withCredential: (c, key) => ({ ...c, headers: { ...c.headers, authorization: `Bearer ${key}` } }),
})
