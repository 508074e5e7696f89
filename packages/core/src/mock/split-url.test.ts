import { expect, test } from 'vitest'
import { splitUrl } from './split-url'

test('splitUrl cuts origin, path and query, the same as the URL parser, for URLs in any order', () => {
  const urls = [
    'http://127.0.0.1:4010/github/user?a=1',
    'http://127.0.0.1:4010/github/user?a=1',
    'https://api.example.test',
    'http://127.0.0.1:4010/github/user',
    'https://api.example.test/x?#frag',
    'http://h/p?q=1#frag',
    'http://127.0.0.1:4010/github/user?a=1',
  ]
  for (const href of urls) {
    const url = new URL(href)
    expect([href, splitUrl(href)]).toEqual([
      href,
      { origin: url.origin, pathname: url.pathname, search: url.search },
    ])
  }
  // What it gives is shared by the callers of the same URL: it cannot be changed.
  expect(Object.isFrozen(splitUrl(urls[0]!))).toBe(true)
})
