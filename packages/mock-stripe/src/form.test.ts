import { describe, expect, test } from 'vitest'
import { FormParseError, parseStripeForm } from './form'

describe('parseStripeForm', () => {
  test('nests hashes and keeps leaves as strings', () => {
    expect(
      parseStripeForm('email=a%40b.co&metadata[plan]=pro&metadata[seats]=3&address[city]=Paris'),
    ).toEqual({
      email: 'a@b.co',
      metadata: { plan: 'pro', seats: '3' },
      address: { city: 'Paris' },
    })
  })

  test('indexed and appended keys make arrays, in order', () => {
    expect(
      parseStripeForm(
        'items[1][price]=b&items[0][price]=a&items[0][quantity]=2&expand[]=customer&expand[]=latest_charge',
      ),
    ).toEqual({
      items: [{ price: 'a', quantity: '2' }, { price: 'b' }],
      expand: ['customer', 'latest_charge'],
    })
    expect(parseStripeForm('expand[0]=x&expand[1]=y')).toEqual({ expand: ['x', 'y'] })
    expect(parseStripeForm('items[10][price]=k&items[2][price]=c')).toEqual({
      items: [{ price: 'c' }, { price: 'k' }],
    })
  })

  test('empty strings survive (they unset), booleans stay as sent for the endpoint to coerce', () => {
    expect(parseStripeForm('description=&metadata[old]=&confirm=True&off_session=true')).toEqual({
      description: '',
      metadata: { old: '' },
      confirm: 'True',
      off_session: 'true',
    })
  })

  test('encoded brackets read the same as plain ones; a repeated plain key keeps the last value', () => {
    expect(parseStripeForm('metadata%5Bk%5D=v&name=a&name=b')).toEqual({ metadata: { k: 'v' }, name: 'b' })
  })

  test('a value and a hash under one name, or an unclosed bracket, is refused', () => {
    expect(() => parseStripeForm('metadata=x&metadata[k]=v')).toThrow(FormParseError)
    expect(() => parseStripeForm('metadata[k=v')).toThrow(/Invalid parameter name: metadata\[k/)
    expect(parseStripeForm('')).toEqual({})
  })
})
