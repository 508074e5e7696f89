import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { onTestFinished } from 'vitest'

export interface TestDir {
  readonly path: string
  join(...parts: string[]): string
  rm(): Promise<void>
}

/**
 * A temp folder, filled with `files` (path → content), removed when the current test finishes.
 *
 * @example
 * const dir = await testdir({ 'cassettes/a.json': '{}' })
 */
export async function testdir(files: Record<string, string | Uint8Array> = {}): Promise<TestDir> {
  const path = await mkdtemp(join(tmpdir(), 'understudy-test-'))
  for (const [name, content] of Object.entries(files)) {
    const file = join(path, name)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content)
  }
  const dir: TestDir = {
    path,
    join: (...parts) => join(path, ...parts),
    rm: () => rm(path, { recursive: true, force: true }),
  }
  try {
    onTestFinished(() => dir.rm())
  } catch {
    // Called outside a test (in beforeAll): the caller removes it.
  }
  return dir
}

/** Placeholder credentials: short and obviously fake, so no secret scanner mistakes them for real ones. */
export const fakeCredentials = {
  github: 'ghp_test',
  slack: 'xoxb-test',
  slackSigningSecret: 'slack_signing_test',
  stripe: 'sk_test_123',
  stripeWebhook: 'whsec_test',
  openai: 'sk-test',
} as const
