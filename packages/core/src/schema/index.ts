export { assertOptions, assertSeed } from './assert'
export { didYouMean } from './did-you-mean'
export {
  omitKeys,
  serviceMockOptionsSchema,
  serviceMockOptionsShape,
  webhookOptionsSchema,
  webhookOptionsShape,
} from './mock-options'
export {
  describeValue,
  formatIssues,
  formatPath,
  type Infer,
  type InferShape,
  type JsonSchema,
  type JsonSchemaDocument,
  type NumberOptions,
  type ObjectOptions,
  type OptionalSchema,
  type Schema,
  type SchemaIssue,
  type StringOptions,
  schema,
  toJsonSchema,
  validate,
} from './schema'
