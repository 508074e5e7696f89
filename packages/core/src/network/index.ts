/**
 * Network guard: refuse connections nobody answers.
 *
 * @module
 */

export { NetConnectNotAllowedError } from './errors'
export {
  disableNetConnect,
  enableNetConnect,
  isNetConnectDisabled,
  type NetConnectOptions,
} from './net-connect'
