import { expect, test } from 'vitest'
import { createIds } from './ids'

test('ids are the same sequence for a seed in every release: snapshots and cassettes depend on it', () => {
  // Drawn with the implementation these ids were first made with; a change here changes users' ids.
  const ids = createIds('fixed')
  expect([ids.uuid(), ids.hex(5), ids.uuid(), ids.next('cus_')]).toEqual([
    '8b460231-6190-413b-bb9f-2c533f6fe70f',
    'ce185',
    '557fef35-04f9-49bf-841a-c0cb28dcbf97',
    'cus_Tq56ZdkBysl6qu9A89CKgfiD',
  ])
  expect(ids.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
})
