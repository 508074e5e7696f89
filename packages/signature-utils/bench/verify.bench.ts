// Throughput of github.verify against @octokit/webhooks-methods and a bare node:crypto HMAC, the floor
// any verifier pays. Run with `pnpm bench` (a few seconds); vitest prints each one's ops/s, and this file
// prints the ratios to the floor.
//
// What is compared: verify(secret, body, header) for a valid signature, on a small body (a ping) and on
// an 8 KB one (a typical issues event), one delivery at a time, and 8 pings in flight at once as a busy
// endpoint sees them. Ours goes through WebCrypto, the same code on every runtime; octokit's Node build
// and the floor call node:crypto synchronously. Node runs each WebCrypto HMAC as a job on the libuv
// thread pool, a fixed cost of tens of microseconds that dominates one-at-a-time figures and is partly
// hidden when deliveries overlap.

import { createHmac, timingSafeEqual } from 'node:crypto'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import { test } from 'vitest'
import { github } from '../src/index'

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

const OURS = '@understudy/signature-utils github.verify'
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

    const results = await bench.compare(
      bench(
        OURS,
        times(inFlight, () => github.verify(secret, payload, header)),
      ),
      bench(
        OCTOKIT,
        times(inFlight, () => octokitVerify(secret, payload, header)),
      ),
      bench(
        FLOOR,
        times(inFlight, () =>
          timingSafeEqual(createHmac('sha256', secret).update(payload).digest(), expected),
        ),
      ),
      { time: 400, warmupTime: 100 },
    )

    // One iteration verifies `inFlight` deliveries.
    const opsPerSecond = (name: typeof OURS | typeof OCTOKIT | typeof FLOOR) =>
      results.get(name).throughput.mean * inFlight
    const ours = opsPerSecond(OURS)
    const octokit = opsPerSecond(OCTOKIT)
    const floor = opsPerSecond(FLOOR)
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
    console.log(
      [
        `ratios, ${label}:`,
        `  ours     ${fmt(ours)} verifications/s = ${(ours / floor).toFixed(2)}x the floor`,
        `  octokit  ${fmt(octokit)} verifications/s = ${(octokit / floor).toFixed(2)}x the floor`,
        `  floor    ${fmt(floor)} verifications/s`,
        `  ours / octokit = ${(ours / octokit).toFixed(2)}x`,
      ].join('\n'),
    )
  })
}
