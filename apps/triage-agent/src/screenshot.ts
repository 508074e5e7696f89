// `pnpm --filter @understudy/triage-agent screenshot [file]`: runs the demo, then photographs the
// dashboard in headless Chromium (Debian's, via playwright-core) for the README.
import { chromium } from 'playwright-core'
import { openDemoIssue, startDemo } from './demo'

const file = process.argv[2] ?? '../../docs/images/dashboard.png'
const demo = await startDemo({ port: 0 })
try {
  await openDemoIssue(demo)
  const browser = await chromium.launch({
    executablePath: process.env.UNDERSTUDY_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } })
    await page.goto(`${demo.server.url}/`)
    // Open the labels call, the agent's most telling request, in the detail pane.
    await page.getByText('/github/repos/octocat/hello-world/issues/1/labels').first().click({ timeout: 5000 })
    await page.screenshot({ path: file })
    console.log(`saved ${file}`)
  } finally {
    await browser.close()
  }
} finally {
  await demo.close()
}
