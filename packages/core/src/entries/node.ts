/**
 * `@understudy/core/node`: the Node-only adapters: serving a fetch handler (a mock) over
 * `node:http`, and the network guard (`disableNetConnect`).
 *
 * @module
 */

export {
  type FetchHandler,
  type Mount,
  type Mountable,
  mount,
  type StartedServer,
  startServer,
  toNodeListener,
} from '../http/node'
export * from '../network/index'
