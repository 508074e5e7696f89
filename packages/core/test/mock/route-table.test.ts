import { expect, test } from 'vitest'
import { RouteTable, route } from '../../src/mock/route'

const ok = () => new Response()
const table = new RouteTable([
  route.get('/repos/:owner/:repo', ok, { name: 'repo' }),
  route.get('/repos/:owner/:repo/contents/:path*', ok, { name: 'contents' }),
  route.get('/repos/:owner/:repo/issues', ok, { name: 'issues' }),
  route.post('/repos/:owner/:repo/issues', ok, { name: 'create' }),
  route.get('/repos/:owner/:repo/:anything', ok, { name: 'later, same shape' }),
  route.all('/files/*', ok, { name: 'files' }),
  route.get('/:org/settings', ok, { name: 'dynamic' }),
  route.get('/', ok, { name: 'root' }),
])
const name = (method: string, path: string) => {
  const match = table.match(method, path)
  return match && `${match.route.options.name}${match.methodMismatch ? ' (method mismatch)' : ''}`
}

test('only patterns with as many segments as the path are tried, wildcards always, first match wins', () => {
  expect(name('GET', '/repos/octo/hello')).toBe('repo')
  expect(name('GET', '/repos/octo/hello/')).toBe('repo')
  expect(name('GET', '/repos/octo/hello/issues')).toBe('issues')
  expect(name('GET', '/repos/octo/hello/pulls')).toBe('later, same shape')
  expect(name('GET', '/repos/octo/hello/contents/a/b/c.md')).toBe('contents')
  expect(table.match('GET', '/repos/octo/hello/contents/a/b/c.md')?.params).toEqual({
    owner: 'octo',
    repo: 'hello',
    path: 'a/b/c.md',
  })
  expect(name('DELETE', '/files/x/y')).toBe('files')
  expect(name('GET', '/acme/settings')).toBe('dynamic')
  expect(name('GET', '/')).toBe('root')
  expect(name('GET', '/repos/octo')).toBeUndefined()
})

test('HEAD falls back to GET; another method on a known path is a mismatch', () => {
  expect(name('HEAD', '/repos/octo/hello')).toBe('repo')
  expect(name('POST', '/repos/octo/hello/issues')).toBe('create')
  expect(name('PUT', '/repos/octo/hello')).toBe('repo (method mismatch)')
})

test('a match names its route for the log: its name, else METHOD /path', () => {
  const unnamed = new RouteTable([route.get('/a/:id', ok), route.post('/a/:id', ok, { name: 'make' })])
  expect(unnamed.match('GET', '/a/1')?.name).toBe('GET /a/:id')
  expect(unnamed.match('HEAD', '/a/1')?.name).toBe('GET /a/:id')
  expect(unnamed.match('POST', '/a/1')?.name).toBe('make')
  // The first route on the path, whatever its method, answers a method nobody takes.
  expect(unnamed.match('DELETE', '/a/1')).toMatchObject({ name: 'GET /a/:id', methodMismatch: true })
})
