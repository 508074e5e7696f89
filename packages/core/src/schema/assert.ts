import { InvalidOptionError, SeedError } from '../errors'
import { formatIssues, type Schema, type SchemaIssue, validate } from './schema'

function exampleText(example: unknown): string {
  return typeof example === 'string' && /^[[{'"]/.test(example) ? example : JSON.stringify(example)
}

// Ends a message as a sentence, without doubling a question mark.
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`
}

function withExample(issue: SchemaIssue): string {
  return 'example' in issue && issue.example !== undefined
    ? `${issue.message}. For example: ${exampleText(issue.example)}`
    : issue.message
}

/**
 * Checks seed data against a service's seed schema before anything is applied; throws a `SeedError`
 * that names every wrong path, with its `issues`.
 *
 * @example
 * assertSeed(githubSeedSchema, data, { prefix: '[understudy:mock-github]', service: 'GitHub' })
 * // SeedError: [understudy:mock-github] Invalid GitHub seed at repos[0].isues: unknown key "isues"; did you mean "issues"?
 */
export function assertSeed<T>(
  target: Schema<T>,
  data: unknown,
  where: { prefix: string; service: string },
): asserts data is T {
  const issues = validate(target, data)
  if (issues.length === 0) return
  const described = issues.map((issue) => ({ ...issue, message: withExample(issue) }))
  const head = `${where.prefix} Invalid ${where.service} seed`
  const message =
    described.length === 1
      ? `${head}${described[0]!.path ? ` at ${described[0]!.path}` : ''}: ${sentence(described[0]!.message)} Nothing was seeded.`
      : `${head} (${described.length} problems; nothing was seeded):\n  ${formatIssues(described)}`
  throw new SeedError(message, { issues })
}

/**
 * Checks a factory's options against their schema; throws an `InvalidOptionError` that names the
 * first wrong option (`rateLimits.core`) and shows a valid value.
 *
 * @example
 * assertOptions(githubOptionsSchema, options, { prefix: '[understudy:mock-github]' })
 * // InvalidOptionError: [understudy:mock-github] Invalid option "rateLimit": unknown key "rateLimit"; did you mean "rateLimits"?
 */
export function assertOptions<T>(
  target: Schema<T>,
  options: unknown,
  where: { prefix: string },
): asserts options is T {
  const issues = validate(target, options)
  const first = issues[0]
  if (!first) return
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more: ${issues
          .slice(1, 4)
          .map((i) => i.path || 'options')
          .join(', ')})`
      : ''
  throw new InvalidOptionError(first.path || 'options', `${sentence(withExample(first))}${more}`, {
    prefix: where.prefix,
  })
}
