/**
 * `checkCassettes`: everything wrong with a cassette directory in one pass (the CLI's
 * `cassettes check`): files that do not parse, secrets, expired recordings.
 *
 * @module
 */

import { formatFindings, scanForSecrets } from '../redaction/secrets'
import type { SecretFinding } from './errors'
import { cassetteExpiry, type Now, parseDuration, toMillis } from './expiry'
import type { CassetteFile } from './format'
import { type CassetteStore, createFsStore } from './store'
import { requireString, SCAN_OPTIONS, validateOptions } from './validate'

export type CassetteProblem =
  | { kind: 'corrupt'; name: string; path: string; message: string }
  | { kind: 'secret'; name: string; path: string; message: string; findings: SecretFinding[] }
  | {
      kind: 'expired'
      name: string
      path: string
      message: string
      recordedAt: string
      expiredAt: string
      expiresIn: string
    }

export interface CheckResult {
  /** True when there is nothing to report. */
  ok: boolean
  /** How many cassettes were checked. */
  cassettes: number
  problems: CassetteProblem[]
}

export interface CheckOptions {
  now?: Now
  /** Overrides the `expiresIn` each cassette was recorded with. */
  expiresIn?: string | number
  /** Check this store instead of `dir`. */
  store?: CassetteStore
}

/**
 * @example
 * const { ok, problems } = await checkCassettes('test/__cassettes__')
 * for (const p of problems) console.error(`${p.kind}: ${p.message}`)
 */
export async function checkCassettes(dir: string, options: CheckOptions = {}): Promise<CheckResult> {
  validateOptions('checkCassettes', options, SCAN_OPTIONS)
  if (!options.store) requireString('dir', dir, "checkCassettes('test/__cassettes__')")
  if (options.expiresIn !== undefined) parseDuration(options.expiresIn)
  const store = options.store ?? createFsStore(dir)
  const now = toMillis(options.now)
  const problems: CassetteProblem[] = []
  const names = await store.list()
  for (const name of names) {
    const path = store.locate(name)
    let file: CassetteFile | null
    try {
      file = await store.read(name)
    } catch (error) {
      problems.push({ kind: 'corrupt', name, path, message: (error as Error).message })
      continue
    }
    if (!file) continue
    const findings = scanForSecrets(file)
    if (findings.length) {
      problems.push({
        kind: 'secret',
        name,
        path,
        findings,
        message: `${path} holds ${formatFindings(findings)}. Remove it (filterHeaders, filterBody) and re-record, or edit the file.`,
      })
    }
    try {
      const expiry = cassetteExpiry(file, now, options.expiresIn)
      if (expiry) {
        problems.push({
          kind: 'expired',
          name,
          path,
          recordedAt: expiry.recordedAt,
          expiredAt: expiry.expiredAt,
          expiresIn: expiry.expiresIn,
          message:
            `${path}: ${expiry.expiredInteractions} of ${expiry.interactions} recordings are older than ${expiry.expiresIn} ` +
            `(oldest from ${expiry.recordedAt}). Re-record with UNDERSTUDY_RECORD_MODE=all.`,
        })
      }
    } catch (error) {
      problems.push({ kind: 'corrupt', name, path, message: (error as Error).message })
    }
  }
  return { ok: problems.length === 0, cassettes: names.length, problems }
}
