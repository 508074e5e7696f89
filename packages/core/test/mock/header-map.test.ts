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
