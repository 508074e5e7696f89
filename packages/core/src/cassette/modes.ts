/**
 * Record modes (vcrpy's names) and how the one in force is chosen.
 *
 * @module
 */

import { InvalidOptionError } from '../errors'

/**
 * - `once`: replay if the cassette exists, else record it (a request the existing cassette lacks fails).
 * - `none`: replay only; nothing ever reaches the network.
 * - `new_episodes`: replay what matches, record what does not.
 * - `all`: send everything to the network and record the cassette anew.
 */
export type RecordMode = 'once' | 'none' | 'new_episodes' | 'all'

export const RECORD_MODES: readonly RecordMode[] = ['once', 'none', 'new_episodes', 'all']

/** The environment variable that overrides every other setting. */
export const RECORD_MODE_ENV = 'UNDERSTUDY_RECORD_MODE'

/**
 * The mode in force: `UNDERSTUDY_RECORD_MODE`, then the `mode` option, then `none` when `CI` is set
 * (CI never records by accident), then `once`.
 *
 * @example
 * resolveRecordMode('new_episodes', { CI: 'true' }) // 'new_episodes'
 * resolveRecordMode(undefined, { CI: 'true' })      // 'none'
 * resolveRecordMode('none', { UNDERSTUDY_RECORD_MODE: 'all' }) // 'all'
 */
export function resolveRecordMode(
  option?: RecordMode,
  env: Record<string, string | undefined> = process.env,
): RecordMode {
  const fromEnv = env[RECORD_MODE_ENV]?.trim()
  if (fromEnv) {
    if (!isRecordMode(fromEnv)) {
      throw new InvalidOptionError(
        RECORD_MODE_ENV,
        `"${fromEnv}" is not a record mode. Use one of ${RECORD_MODES.join(', ')}, e.g. ${RECORD_MODE_ENV}=new_episodes.`,
      )
    }
    return fromEnv
  }
  if (option !== undefined) {
    if (!isRecordMode(option)) {
      throw new InvalidOptionError(
        'mode',
        `"${String(option)}" is not a record mode. Use one of ${RECORD_MODES.join(', ')}, e.g. { mode: 'once' }.`,
      )
    }
    return option
  }
  if (isSet(env.CI)) return 'none'
  return 'once'
}

export function isRecordMode(value: unknown): value is RecordMode {
  return typeof value === 'string' && (RECORD_MODES as readonly string[]).includes(value)
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'
}
