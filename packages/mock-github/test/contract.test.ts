import { mount, startServer } from '@understudy/core'
import { type MatrixRuntime, serviceMockContract } from '@understudy/test-utils/mock-matrix'
import { setupServer } from 'msw/node'
import { createGitHubMock } from '../src/index'
import { seed } from './setup'

const runtime = { setupServer, startServer, mount } as unknown as MatrixRuntime
const call = {
  method: 'GET',
  path: '/repos/octo/hello/issues?state=all',
  loggedPath: '/repos/octo/hello/issues',
  headers: { authorization: 'token ghp_test' },
}

serviceMockContract(runtime, 'mock-github', {
  create: (transport, { sleep, baseUrl }) =>
    createGitHubMock({
      sleep,
      ...(baseUrl ? { baseUrl } : {}),
      partitionBy: transport === 'http' ? 'credential' : 'none',
    }),
  realBase: 'https://api.github.com',
  prefix: '/github',
  call,
  seed,
  credentials: ['ghp_a', 'ghp_b'],
  withCredential: (c, token) => ({ ...c, headers: { authorization: `token ${token}` } }),
})
