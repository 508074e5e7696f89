import { expect, test } from 'vitest'
import { HeaderMap } from '../../src/index'

test('setAll adds new names in order after the ones there', () => {
  const headers = new HeaderMap({ 'Content-Type': 'application/json' })
  headers.setAll(['x-a', '1', 'x-b', '2'])
  expect([...headers]).toEqual([
    ['content-type', 'application/json'],
    ['x-a', '1'],
    ['x-b', '2'],
  ])
  expect(headers.get('X-B')).toBe('2')
})

test('setAll replaces names already there in place, as set does, and sets Set-Cookie', () => {
  const headers = new HeaderMap([
    ['x-a', 'old'],
    ['set-cookie', 'a=1'],
    ['set-cookie', 'b=2'],
  ])
  headers.setAll(['x-b', '2', 'x-a', 'new', 'set-cookie', 'c=3'])
  expect([...headers]).toEqual([
    ['x-a', 'new'],
    ['x-b', '2'],
    ['set-cookie', 'c=3'],
  ])
})

test('setAll takes only the first `length` entries of a longer list', () => {
  const headers = new HeaderMap()
  const scratch = ['x-a', '1', 'x-stale', 'from an earlier use']
  headers.setAll(scratch, 2)
  expect([...headers]).toEqual([['x-a', '1']])
  headers.append('x-a', '2')
  headers.set('x-c', '3')
  expect([...headers]).toEqual([
    ['x-a', '1, 2'],
    ['x-c', '3'],
  ])
})

test('toFlatList: names and values in order, one line per cookie, skipped names left out', () => {
  const headers = new HeaderMap([
    ['content-type', 'text/plain'],
    ['content-length', '5'],
    ['set-cookie', 'a=1'],
    ['x-a', '1'],
    ['set-cookie', 'b=2'],
  ])
  expect(headers.toFlatList()).toEqual([
    'content-type',
    'text/plain',
    'content-length',
    '5',
    'x-a',
    '1',
    'set-cookie',
    'a=1',
    'set-cookie',
    'b=2',
  ])
  const list = headers.toFlatList(new Set(['content-length']), 2)
  list.push('content-length', '7')
  expect(list).toEqual([
    'content-type',
    'text/plain',
    'x-a',
    '1',
    'set-cookie',
    'a=1',
    'set-cookie',
    'b=2',
    'content-length',
    '7',
  ])
  expect(new HeaderMap().toFlatList(undefined, 2)).toEqual([])
})

test('setShared: shared headers read like own ones and come after them; changing one leaves the shared list as it was', () => {
  const every = Object.freeze(['server', 'github.com', 'x-frame-options', 'deny'])
  const a = new HeaderMap({ 'content-type': 'application/json' })
  const b = new HeaderMap()
  a.setShared(every)
  b.setShared(every)
  a.append('set-cookie', 'a=1')
  a.set('date', 'Mon, 07 Dec 2026 00:00:00 GMT')
  expect([...a]).toEqual([
    ['content-type', 'application/json'],
    ['date', 'Mon, 07 Dec 2026 00:00:00 GMT'],
    ['server', 'github.com'],
    ['x-frame-options', 'deny'],
    ['set-cookie', 'a=1'],
  ])
  expect(a.get('Server')).toBe('github.com')
  expect(a.has('x-frame-options')).toBe(true)
  expect(a.toFlatList(new Set(['server']))).toEqual([
    'content-type',
    'application/json',
    'date',
    'Mon, 07 Dec 2026 00:00:00 GMT',
    'x-frame-options',
    'deny',
    'set-cookie',
    'a=1',
  ])
  // A copy shares the list too, and changes apart from the original.
  const copy = new HeaderMap(a)
  copy.set('server', 'elsewhere')
  a.delete('x-frame-options')
  b.append('server', 'proxy')
  expect(copy.get('server')).toBe('elsewhere')
  expect(copy.get('x-frame-options')).toBe('deny')
  expect(a.get('server')).toBe('github.com')
  expect(a.has('x-frame-options')).toBe(false)
  expect(b.get('server')).toBe('github.com, proxy')
  expect(every).toEqual(['server', 'github.com', 'x-frame-options', 'deny'])
  expect(new Headers(a).get('server')).toBe('github.com')
})

test('setShared with a name already there, or a second list, sets them one by one', () => {
  const headers = new HeaderMap({ server: 'mine' })
  headers.setShared(['server', 'github.com', 'vary', 'Accept'])
  headers.setShared(['x-a', '1'])
  expect([...headers]).toEqual([
    ['server', 'github.com'],
    ['vary', 'Accept'],
    ['x-a', '1'],
  ])
  // setAll with a shared name replaces it, as set does.
  const other = new HeaderMap()
  other.setShared(['server', 'github.com'])
  other.setAll(['server', 'changed', 'x-b', '2'])
  expect([...other]).toEqual([
    ['server', 'changed'],
    ['x-b', '2'],
  ])
})

test('fromRawHeaders: as append would build it from rawHeaders, without the names skip picks', () => {
  const raw = [
    'Host',
    'api.example.test',
    'Connection',
    'keep-alive',
    'Authorization',
    'token ghp_test',
    'Cookie',
    'a=1',
    'X-Trace',
    ' one ',
    'cookie',
    'b=2',
    'x-trace',
    'two',
    'Set-Cookie',
    'c=3',
  ]
  const built = HeaderMap.fromRawHeaders(raw, (name) => name.toLowerCase() === 'connection')
  const appended = new HeaderMap()
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]!.toLowerCase() !== 'connection') appended.append(raw[i]!, raw[i + 1]!)
  expect([...built]).toEqual([...appended])
  expect([...built]).toEqual([
    ['host', 'api.example.test'],
    ['authorization', 'token ghp_test'],
    ['cookie', 'a=1; b=2'],
    ['x-trace', 'one, two'],
    ['set-cookie', 'c=3'],
  ])
  // The same values again (a client's next request) read the same.
  expect([...HeaderMap.fromRawHeaders(raw.slice(0, 6))]).toEqual([
    ['host', 'api.example.test'],
    ['connection', 'keep-alive'],
    ['authorization', 'token ghp_test'],
  ])
})
