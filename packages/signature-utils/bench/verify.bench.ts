// Throughput of github.verify against @octokit/webhooks-methods and a bare node:crypto HMAC, the floor
// any verifier pays. Run with `pnpm bench` (a few seconds); vitest prints each one's ops/s, and this file
// prints the ratios to the floor.
//
// What is compared: verify(secret, body, header) for a valid signature, on a small body (a ping) and on
// an 8 KB one (a typical issues event), one delivery at a time, and 8 pings in flight at once as a busy
// endpoint sees them. vitest runs this file once per project (vitest.config.ts): `node-crypto` is the
// build Node resolves (the `node` export condition, node:crypto run synchronously inside the async API),
// `webcrypto` the build browsers, workers and Deno get. octokit's Node build and the floor call
// node:crypto synchronously. Node runs each WebCrypto HMAC as a job on the libuv thread pool, a fixed
// cost of tens of microseconds that dominates one-at-a-time figures. Target (issue 15): the node build
// >= 0.8x the floor.

import { createHmac, timingSafeEqual } from 'node:crypto'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import { inject, test } from 'vitest'
import type * as Api from '../src/index'

// The built package as users get it (`turbo run bench` builds first): vitest's module runner would
// otherwise route every call between our modules through its import getters, a cost octokit, loaded
// natively from node_modules, does not pay. vitest.config.ts keeps dist/ external for that.
const build = inject('backend') === 'node:crypto' ? '../dist/node/index.js' : '../dist/index.js'
const { github } = (await import(/* @vite-ignore */ new URL(build, import.meta.url).href)) as typeof Api

const secret = 'gh_webhook_test'

/** An issues-event-like body of about `size` bytes, serialized as GitHub does (no whitespace). */
function body(size: number): string {
  const labels = []
  let json = ''
  for (let i = 0; json.length < size; i++) {
    labels.push({ id: 1000 + i, name: `label-${i}`, color: 'ededed', description: 'A label on octo/hello' })
    json = JSON.stringify({ action: 'opened', issue: { number: 1, title: 'Bench', labels } })
  }
  return json
}

const OURS = `@understudy/signature-utils github.verify (${inject('backend')} build)`
const OCTOKIT = '@octokit/webhooks-methods verify'
const FLOOR = 'node:crypto createHmac + timingSafeEqual (floor)'

const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 })
const cases = [
  ['ping (~100 B)', ping, 1],
  ['issues event (~8 KB)', body(8 * 1024), 1],
  ['8 pings in flight', ping, 8],
] as const

/** Runs `verify` `inFlight` times concurrently. */
const times = (inFlight: number, verify: () => Promise<boolean> | boolean) => async () => {
  const results = await Promise.all(Array.from({ length: inFlight }, verify))
  if (!results.every(Boolean)) throw new Error('expected a valid signature')
}

for (const [label, payload, inFlight] of cases) {
  test(`verify a valid X-Hub-Signature-256, ${label}`, async ({ bench }) => {
    const hex = createHmac('sha256', secret).update(payload).digest('hex')
    const header = `sha256=${hex}`
    const expected = Buffer.from(hex, 'hex')

    const ours = times(inFlight, () => github.verify(secret, payload, header))
    const octokit = times(inFlight, () => octokitVerify(secret, payload, header))
    const floor = times(inFlight, () =>
      timingSafeEqual(createHmac('sha256', secret).update(payload).digest(), expected),
    )
    // Warmed up together first: whichever ran first otherwise paid for the JIT and came out ~40% slower.
    for (let round = 0; round < 2000; round++) {
      await ours()
      await octokit()
      await floor()
    }
    const results = await bench.compare(bench(OURS, ours), bench(OCTOKIT, octokit), bench(FLOOR, floor), {
      time: 400,
      warmupTime: 100,
    })

    // One iteration verifies `inFlight` deliveries.
    const opsPerSecond = (name: string) => results.get(name).throughput.mean * inFlight
    const oursRate = opsPerSecond(OURS)
    const octokitRate = opsPerSecond(OCTOKIT)
    const floorRate = opsPerSecond(FLOOR)
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
    console.log(
      [
        `ratios, ${label}, ${inject('backend')} build:`,
        `  ours     ${fmt(oursRate)} verifications/s = ${(oursRate / floorRate).toFixed(2)}x the floor`,
        `  octokit  ${fmt(octokitRate)} verifications/s = ${(octokitRate / floorRate).toFixed(2)}x the floor`,
        `  floor    ${fmt(floorRate)} verifications/s`,
        `  ours / octokit = ${(oursRate / octokitRate).toFixed(2)}x`,
      ].join('\n'),
    )
  })
}
