import { expect, test } from 'vitest'
import { github } from '../src/index'

test('loads', () => {
  expect(github.placeholder).toBe('github')
})
