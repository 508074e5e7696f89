// Every way a client can reach the network, run inside one cassette (or under disableNetConnect).
// Imports happen first, as in an application: named ESM imports bind before anything is patched.
// argv: <forms, comma-separated> <url> <dir> <mode: none|guard|guard-loopback>
// Prints one JSON line: { [form]: { client: <error or 'ok'>, outer: <withCassette's error or 'ok'> } }

import http, { get as httpGet, request as httpRequest } from 'node:http'
import http2 from 'node:http2'
import { request as httpsRequest } from 'node:https'
import { createRequire } from 'node:module'
import net from 'node:net'
import axios from 'axios'
import { Agent, fetch as undiciFetch, request as undiciRequest } from 'undici'
import { disableNetConnect, withCassette } from '../../../src/index'

const [formList, url, dir, mode] = process.argv.slice(2) as [string, string, string, string]
const target = new URL('/text', url)
const capturedFetch = globalThis.fetch
const { request: requiredRequest } = createRequire(import.meta.url)('node:http') as typeof http

const viaNode = (send: (cb: (res: http.IncomingMessage) => void) => http.ClientRequest) =>
  new Promise<void>((resolve, reject) => {
    const req = send((res) => {
      res.resume()
      res.on('end', resolve)
    })
    req.on('error', reject)
    req.end()
  })

const forms: Record<string, () => Promise<unknown>> = {
  fetch: () => fetch(target).then((r) => r.text()),
  'fetch-captured': () => capturedFetch(target).then((r) => r.text()),
  'undici-request': () => undiciRequest(target).then((r) => r.body.text()),
  'undici-fetch': () => undiciFetch(target).then((r) => r.text()),
  'undici-agent': () => undiciRequest(target, { dispatcher: new Agent() }).then((r) => r.body.text()),
  'http-default': () => viaNode((cb) => http.request(target, cb)),
  'http-named-request': () => viaNode((cb) => httpRequest(target, cb)),
  'http-named-get': () => viaNode((cb) => httpGet(target, cb)),
  'https-named-request': () =>
    viaNode((cb) => httpsRequest(new URL(`https://${target.host}/text`), { rejectUnauthorized: false }, cb)),
  'http-require-destructured': () => viaNode((cb) => requiredRequest(target, cb)),
  axios: () => axios.get(target.href),
  http2: () =>
    new Promise<void>((resolve, reject) => {
      const session = http2.connect(url)
      session.on('error', reject)
      const stream = session.request({ ':path': '/text' })
      stream.on('error', reject)
      stream.on('response', () => {
        stream.resume()
        stream.on('end', () => {
          session.close()
          resolve()
        })
      })
      stream.end()
    }),
  net: () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(target.port), target.hostname)
      socket.on('error', reject)
      socket.on('connect', () =>
        socket.end(`GET /text HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`),
      )
      socket.on('close', () => resolve())
      socket.resume()
    }),
}

const describe = (error: unknown): string => {
  const e = error as { name?: string; message?: string; cause?: { name?: string; message?: string } }
  const cause = e.cause?.message ? ` | cause ${e.cause.name}: ${e.cause.message}` : ''
  return `${e.name}: ${e.message}${cause}`
}

const results: Record<string, { client: string; outer: string }> = {}
if (mode !== 'none') disableNetConnect({ allowLoopback: mode === 'guard-loopback' })
for (const form of formList.split(',')) {
  const run = forms[form]
  if (!run) throw new Error(`unknown form ${form}`)
  let client = 'ok'
  let outer = 'ok'
  const attempt = () =>
    run().catch((error) => {
      client = describe(error)
    })
  if (mode === 'none') {
    try {
      await withCassette(`forms/${form}`, { dir, env: {}, mode: 'none' }, attempt)
    } catch (error) {
      outer = describe(error)
    }
  } else {
    await attempt()
  }
  results[form] = { client, outer }
}
process.stdout.write(`${JSON.stringify(results)}\n`)
