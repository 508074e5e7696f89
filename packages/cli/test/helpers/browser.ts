import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

export const CHROMIUM = process.env.UNDERSTUDY_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Launches Debian's chromium headless. A missing browser fails the test with the fix, rather than
 * skipping: a dashboard that was never loaded in a browser is not tested.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The dashboard test needs chromium at ${CHROMIUM}, and there is none. Install it with ` +
        '"apt-get update && apt-get install -y chromium" (`npm test` does so itself on Debian as root), or point UNDERSTUDY_CHROMIUM at a Chromium binary.',
    )
  return chromium.launch({
    executablePath: CHROMIUM,
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
}
