import { describe, expect, test } from 'vitest'
import { rawRequest } from './helpers/raw-http'
import { auth, useToyServer } from './helpers/toy-server'

// The server as a web page or an attacker meets it: foreign pages and host names, forged Host
// headers, secrets in what the admin API returns, partitions named in bodies.

const toy = useToyServer()
const start = toy.start

async function notes(url: string, token: string): Promise<unknown[]> {
  return (await (await fetch(`${url}/github/notes`, { headers: auth(token) })).json()) as unknown[]
}

describe('cross-site pages cannot drive the admin API', () => {
  // What a page at https://evil.example sends for fetch(url, { method: 'POST', mode: 'no-cors', body }):
  // a "simple" text/plain request, which the browser sends without a preflight.
  const browser = (host: string) => ({
    host,
    origin: 'https://evil.example',
    'sec-fetch-site': 'cross-site',
    'sec-fetch-mode': 'no-cors',
    'content-type': 'text/plain;charset=UTF-8',
  })

  test('cross-origin text/plain POSTs to /reset, /seed and /faults are refused and change nothing', async () => {
    const { url } = await start()
    const host = new URL(url).host
    await fetch(`${url}/github/notes`, { method: 'POST', headers: auth('tok_a'), body: '{"text":"keep"}' })

    for (const [path, body] of [
      ['/_understudy/reset', ''],
      ['/_understudy/seed', '{"github":{"notes":[{"text":"planted"}]}}'],
      ['/_understudy/faults', '{"service":"github","status":503,"times":"always"}'],
    ] as const) {
      const res = await rawRequest(url, { method: 'POST', path, headers: browser(host), body })
      expect(res.status, path).toBe(403)
      expect(JSON.parse(res.text).error).toMatch(/refused.*--allowed-hosts/)
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
    }
    // Only an Origin header (older browsers send no Sec-Fetch-Site) is enough to refuse.
    const originOnly = await rawRequest(url, {
      method: 'POST',
      path: '/_understudy/reset',
      headers: { host, origin: 'http://localhost:3000' },
    })
    expect(originOnly.status).toBe(403)

    expect(await notes(url, 'tok_a')).toMatchObject([{ text: 'keep' }])
    expect(await notes(url, 'tok_new')).toEqual([])
    expect((await fetch(`${url}/github/notes`, { headers: auth('tok_a') })).status).toBe(200)
  })

  test('a DNS-rebinding Host is refused on the admin API and the dashboard', async () => {
    const { url } = await start()
    const port = new URL(url).port
    for (const path of ['/_understudy/state', '/_understudy/requests', '/_understudy/events', '/']) {
      const res = await rawRequest(url, { path, headers: { host: `rebind.attacker.example:${port}` } })
      expect(res.status, path).toBe(403)
      expect(JSON.parse(res.text).error).toMatch(/Host "rebind\.attacker\.example:\d+" is not allowed/)
    }
  })

  test('the dashboard itself, local tools and allowed hosts still get through', async () => {
    const { url } = await start({ allowedHosts: ['understudy', '.ci.test'] })
    const host = new URL(url).host
    const port = new URL(url).port
    // The dashboard's own requests: same origin.
    const own = await rawRequest(url, {
      method: 'POST',
      path: '/_understudy/reset',
      headers: { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
    })
    expect(own.status).toBe(200)
    for (const name of ['localhost', 'app.localhost', '127.0.0.1', '[::1]', 'understudy', 'runner.ci.test']) {
      const res = await rawRequest(url, { path: '/_understudy/info', headers: { host: `${name}:${port}` } })
      expect(res.status, name).toBe(200)
    }
    // Health stays open for probes whatever the name.
    expect((await rawRequest(url, { path: '/_understudy/health', headers: { host: 'svc:1' } })).status).toBe(
      200,
    )
    // The mocks answer any Host: SDKs in containers reach the server under a service name.
    const mock = await rawRequest(url, {
      path: '/github/notes',
      headers: { host: 'understudy-svc:4010', authorization: 'Bearer tok_a' },
    })
    expect(mock.status).toBe(200)
  })
})

describe('the Host header never routes', () => {
  test('a Host that carries a path does not reach the admin API', async () => {
    const { url } = await start()
    await fetch(`${url}/github/notes`, { method: 'POST', headers: auth('tok_a'), body: '{"text":"keep"}' })
    const forged = await rawRequest(url, {
      method: 'POST',
      path: '/github/notes',
      headers: {
        host: '127.0.0.1/_understudy/reset#',
        authorization: 'Bearer tok_a',
        'content-type': 'application/json',
      },
      body: '{"text":"two"}',
    })
    expect(forged.status).toBe(201)
    expect(await notes(url, 'tok_a')).toMatchObject([{ text: 'keep' }, { text: 'two' }])
  })

  test('a malformed Host is answered by the route, not with a 500', async () => {
    const { url } = await start()
    for (const host of ['[', 'a b', '%%', 'x:99999999']) {
      const res = await rawRequest(url, {
        path: '/github/notes',
        headers: { host, authorization: 'Bearer tok_a' },
      })
      expect(res.status, host).toBe(200)
    }
  })

  test('TRACE is answered 405, not 500', async () => {
    const { url } = await start()
    const res = await rawRequest(url, { method: 'TRACE', path: '/github/notes' })
    expect(res.status).toBe(405)
    expect(res.headers.allow).toMatch(/GET/)
  })
})

describe('secrets are masked in what the admin API returns', () => {
  test('/_understudy/requests, /state and /webhooks mask credentials, hook secrets and whsec_ values', async () => {
    const { url } = await start()
    await fetch(`${url}/github/hooks`, {
      method: 'POST',
      headers: auth('ghp_secretvalue1234'),
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', secret: 'whsec_supersecretvalue' }),
    })
    const { requests } = (await (await fetch(`${url}/_understudy/requests`)).json()) as {
      requests: Array<{ headers: Record<string, string>; body: Record<string, string>; partition: string }>
    }
    // The partition key is the credential itself (DESIGN.md's contract, what callers filter by);
    // everywhere else the credential is masked.
    expect(requests[0]!.partition).toBe('ghp_secretvalue1234')
    const { partition: _partition, ...rest } = requests[0]!
    expect(JSON.stringify(rest)).not.toContain('ghp_secretvalue1234')
    expect(JSON.stringify(requests)).not.toContain('whsec_supersecretvalue')
    expect(requests[0]!.headers.authorization).toBe('Bearer ghp_…234')
    expect(requests[0]!.body.secret).toBe('whse…lue')
    const state = await (await fetch(`${url}/_understudy/state`)).text()
    expect(state).not.toContain('whsec_supersecretvalue')
  })
})

describe('a caller acts on its own partition only', () => {
  test('a partition field in an admin body is refused with 400 and changes nothing', async () => {
    const { url } = await start()
    const fault = await fetch(`${url}/_understudy/faults`, {
      method: 'POST',
      headers: auth('tok_a'),
      body: JSON.stringify({ service: 'github', status: 503, times: 'always', partition: 'tok_b' }),
    })
    expect(fault.status).toBe(400)
    expect((await fault.json()).error).toMatch(/"partition" is not accepted.*Authorization/)
    const seed = await fetch(`${url}/_understudy/seed`, {
      method: 'POST',
      headers: auth('tok_a'),
      body: JSON.stringify({ partition: 'tok_b', github: { notes: [{ text: 'x' }] } }),
    })
    expect(seed.status).toBe(400)
    expect((await fetch(`${url}/github/notes`, { headers: auth('tok_b') })).status).toBe(200)
    expect(await notes(url, 'tok_b')).toEqual([])
  })
})

test('allowedHosts: true allows any Host name, never a cross-origin page', async () => {
  const { url } = await start({ allowedHosts: true })
  const port = new URL(url).port
  const anyName = await rawRequest(url, { path: '/_understudy/info', headers: { host: `box.lan:${port}` } })
  expect(anyName.status).toBe(200)
  const page = await rawRequest(url, {
    method: 'POST',
    path: '/_understudy/reset',
    headers: { host: `box.lan:${port}`, origin: 'https://evil.example' },
  })
  expect(page.status).toBe(403)
})
