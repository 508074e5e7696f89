import { describe, expect, test } from 'vitest'
import { compilePattern, createServiceMock, defineService, route } from '../../src/index'

describe('compilePattern', () => {
  test(':name opens a segment; a colon after literal text or a {param} is literal (Google custom methods)', () => {
    const literal = compilePattern('/v1beta/models/gemini-2.0-flash:generateContent')
    expect(literal.match('/v1beta/models/gemini-2.0-flash:generateContent')).toEqual({})
    expect(literal.match('/v1beta/models/gemini-2.0-flash:countTokens')).toBeUndefined()
    expect(literal.match('/v1beta/models/gemini-2.0-flash')).toBeUndefined()

    const braced = compilePattern('/v1beta/models/{model}:generateContent')
    expect(braced.match('/v1beta/models/gemini-2.0-flash:generateContent')).toEqual({
      model: 'gemini-2.0-flash',
    })
    expect(braced.match('/v1beta/models/gemini-2.0-flash:streamGenerateContent')).toBeUndefined()

    expect(
      compilePattern('/:version/models/:model').match('/v1beta/models/gemini-2.0-flash:embedContent'),
    ).toEqual({ version: 'v1beta', model: 'gemini-2.0-flash:embedContent' })
    expect(
      compilePattern('/:version/models/{model}:embedContent').match('/v1/models/text%2Dx:embedContent'),
    ).toEqual({
      version: 'v1',
      model: 'text-x',
    })
    expect(compilePattern('/repos/:owner/:repo/contents/:path*').match('/repos/o/r/contents/a/b.md')).toEqual(
      {
        owner: 'o',
        repo: 'r',
        path: 'a/b.md',
      },
    )
  })

  test('calls() matches custom-method paths by literal or {param}', async () => {
    const mock = createServiceMock(
      defineService({
        name: 'custom-methods',
        hosts: ['https://generativelanguage.example.com'],
        createState: () => ({}),
        routes: [route.post('/:version/models/:call', () => Response.json({ ok: true }))],
        errors: {
          notFound: () => Response.json({}, { status: 404 }),
          fault: (_ctx, { status }) => Response.json({}, { status }),
          rateLimited: () => Response.json({}, { status: 429 }),
          internal: () => Response.json({}, { status: 500 }),
        },
      }),
    )
    for (const call of ['gemini-2.0-flash:generateContent', 'gemini-2.0-flash:countTokens'])
      await mock.handle(
        new Request(`https://generativelanguage.example.com/v1beta/models/${call}`, { method: 'POST' }),
      )
    expect(mock.calls('POST /v1beta/models/gemini-2.0-flash:generateContent')).toHaveLength(1)
    expect(mock.calls('POST /v1beta/models/{model}:generateContent')).toHaveLength(1)
    expect(mock.calls('/v1beta/models/{model}:countTokens')).toHaveLength(1)
    expect(mock.calls({ path: '/:version/models/{model}:countTokens' })).toHaveLength(1)
    expect(mock.calls('POST /v1beta/models/:call')).toHaveLength(2)
  })
})

test('params are percent-decoded; a segment that does not decode is kept as sent', () => {
  const pattern = compilePattern('/users/:name/files/:file')
  expect(pattern.match('/users/a%20b/files/c%2Fd')).toEqual({ name: 'a b', file: 'c/d' })
  expect(pattern.match('/users/100%/files/%E0%A4%A')).toEqual({ name: '100%', file: '%E0%A4%A' })
  expect(pattern.match('/users/plain/files/x.md')).toEqual({ name: 'plain', file: 'x.md' })
})
