export {
  type FromHarOptions,
  fromHar,
  type Har,
  type HarEntry,
  type HarHeader,
  type ToHarOptions,
  toHar,
} from './har'
export { type FromVcrOptions, fromVcr } from './vcr'
