import { mount, startServer } from '@understudy/core'
import { type MatrixRuntime, serviceMockContract } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import { createSlackMock } from '../src/index'
import { TOKEN, workspace } from './helpers'

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime

serviceMockContract(runtime, 'mock-slack', {
  create: (transport, { sleep, baseUrl }) =>
    createSlackMock({
      sleep,
      seed: workspace,
      ...(baseUrl ? { baseUrl } : {}),
      partitionBy: transport === 'http' ? 'credential' : 'none',
    }),
  realBase: 'https://slack.com',
  prefix: '/slack',
  call: {
    method: 'POST',
    path: '/api/conversations.list',
    loggedPath: '/api/conversations.list',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'limit=10',
  },
  credentials: ['xoxb-a', 'xoxb-b'],
  withCredential: (c, token) => ({ ...c, headers: { ...c.headers, authorization: `Bearer ${token}` } }),
})
