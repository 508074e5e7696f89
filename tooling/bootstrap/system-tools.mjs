// Programs from outside the npm world that `npm test` needs: a Chromium for the dashboard's browser test
// (playwright-core cannot download its own browser here), and whatever else a requirement below names.
// Each is looked for first; where it is missing and this is a Debian-like machine on which we are root,
// it is installed with apt-get; elsewhere the log says how to install it, and the test that needs it
// fails with the same advice instead of being skipped.
//
// Plain ESM with no dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

function executable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name)
  }
  return undefined
}

/** What the tests need, how to find it, and where it comes from on Debian. */
export const REQUIREMENTS = [
  {
    name: 'Chromium',
    for: "the dashboard's browser test (packages/cli)",
    env: 'UNDERSTUDY_CHROMIUM',
    debian: ['chromium'],
    find() {
      const given = process.env.UNDERSTUDY_CHROMIUM
      if (given) return executable(given) ? given : undefined
      for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
        const found = onPath(name)
        if (found) return found
      }
      const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
      return existsSync(mac) ? mac : undefined
    },
  },
  {
    name: "Debian's python3 with pytest, httpx, PyGithub and stripe-python",
    for: "pytest-understudy's tests (packages/pytest-understudy)",
    env: 'UNDERSTUDY_PYTHON',
    debian: ['python3', 'python3-pytest', 'python3-httpx', 'python3-github', 'python3-stripe'],
    find() {
      // Debian's python3, not a pyenv or venv one that lacks the Debian client packages.
      const python = process.env.UNDERSTUDY_PYTHON || '/usr/bin/python3'
      if (!executable(python)) return undefined
      const probe = spawnSync(python, ['-c', 'import pytest, httpx, github, stripe'], { stdio: 'ignore' })
      return probe.status === 0 ? python : undefined
    },
  },
]

function canApt() {
  return (
    process.platform === 'linux' &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    onPath('apt-get')
  )
}

function apt(args, log) {
  const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  if (result.status !== 0)
    log(`apt-get ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.trim()}`)
  return result.status === 0
}

/**
 * Finds (or installs) every requirement and returns the environment variables that point the tests at
 * them. Never fails the run itself: a test that needs a missing tool says so with the fix.
 */
export function ensureSystemTools(log) {
  const env = {}
  let updated = false
  for (const requirement of REQUIREMENTS) {
    let found = requirement.find()
    if (!found && canApt()) {
      log(
        `${requirement.name} is missing (${requirement.for}): installing ${requirement.debian.join(' ')} with apt-get`,
      )
      if (!updated) updated = apt(['update', '-qq'], log)
      if (apt(['install', '-y', '-qq', '--no-install-recommends', ...requirement.debian], log))
        found = requirement.find()
    }
    if (found) {
      if (requirement.env) env[requirement.env] = found
    } else {
      log(
        `${requirement.name} was not found, so ${requirement.for} will fail. Install it (Debian/Ubuntu: ` +
          `"sudo apt-get install -y ${requirement.debian.join(' ')}")${requirement.env ? ` or set ${requirement.env} to its path` : ''}.`,
      )
    }
  }
  return env
}
