/**
 * The GitHub seed as a schema: `seed()` checks data against it before changing anything, and the
 * published JSON Schema for seed files is generated from it.
 *
 * @module
 */

import { type Schema, schema as s } from '@understudy/core'
import type { GitHubSeed } from './seed'

const FULL_NAME = /^[\w.-]+\/[\w.-]+$/
const PEM = /-----BEGIN (RSA )?(PUBLIC|PRIVATE) KEY-----/

const fullName = s.string({ pattern: FULL_NAME, hint: '"owner/name"' }).example('octo/hello')
const login = s.string({ minLength: 1 }).example('octocat')
const text = s.string()
const nullableText = s.nullable(s.string())
const httpUrl = s
  .string({ pattern: /^https?:\/\/./, hint: 'an http(s) URL' })
  .example('http://127.0.0.1:3000/webhooks/github')
const pem = s
  .string({ pattern: PEM, hint: 'a PEM key (BEGIN RSA PRIVATE KEY, BEGIN PRIVATE KEY or BEGIN PUBLIC KEY)' })
  .describe("A PEM key; only its public half is kept, to verify the app's JWTs.")
const files = s.record(s.string(), { key: 'paths to text' }).example({ 'README.md': '# hello' })

const hookFields = {
  url: httpUrl,
  secret: text.describe('Signs deliveries (X-Hub-Signature-256).').optional(),
  events: s.array(s.string()).describe('Events to deliver; default all ("*").').optional(),
  content_type: s.enum(['json', 'form']).optional(),
  active: s.boolean().optional(),
}

const issue = s.object(
  {
    number: s.integer({ minimum: 1 }).describe('Default: the next free number.').optional(),
    title: text,
    body: nullableText.optional(),
    labels: s.array(s.string()).describe('Label names; missing labels are created.').optional(),
    state: s.enum(['open', 'closed']).optional(),
    user: login.describe("The author's login. Default: the repository owner.").optional(),
    assignees: s.array(login).optional(),
    locked: s.boolean().optional(),
    comments: s
      .array(s.object({ body: text, user: login.optional() }, { example: "{ body: 'Same here' }" }))
      .optional(),
  },
  { example: "{ title: 'Found a bug', labels: ['bug'] }" },
)

const repo = s.object(
  {
    full_name: fullName,
    private: s.boolean().optional(),
    description: nullableText.optional(),
    default_branch: s.string({ minLength: 1 }).optional(),
    has_issues: s.boolean().describe('`false` turns issues off: the issues endpoints answer 410.').optional(),
    archived: s.boolean().describe('Archived repositories are read-only: writes answer 403.').optional(),
    labels: s
      .array(
        s.object(
          {
            name: s.string({ minLength: 1 }),
            color: s.string({ pattern: /^#?[0-9a-fA-F]{6}$/, hint: '6 hex digits like "d73a4a"' }).optional(),
            description: nullableText.optional(),
          },
          { example: "{ name: 'bug', color: 'd73a4a' }" },
        ),
      )
      .describe("The repository's labels. Default: GitHub's nine default labels.")
      .optional(),
    issues: s.array(issue).optional(),
    collaborators: s.array(login).describe('Logins with push access.').optional(),
    files: files
      .describe('Files on the default branch (path → text), committed as the initial commit.')
      .optional(),
    branches: s
      .record(files, { key: 'branch names to files' })
      .describe('Other branches: name → files (path → text) committed on top of the default branch.')
      .optional(),
    hooks: s
      .array(
        s.object(hookFields, { example: "{ url: 'http://127.0.0.1:3000/webhooks', secret: 'whsec_test' }" }),
      )
      .describe('Repository webhooks.')
      .optional(),
  },
  { example: "{ full_name: 'octo/hello' }" },
)

const user = s.object(
  {
    login,
    name: nullableText.optional(),
    email: nullableText.optional(),
    type: s.enum(['User', 'Organization']).optional(),
    tokens: s
      .array(s.string({ minLength: 1 }))
      .describe('Personal access tokens that authenticate as this user.')
      .optional(),
  },
  { example: "{ login: 'octocat', tokens: ['ghp_test'] }" },
)

const app = s.object(
  {
    id: s.integer({ minimum: 1 }),
    slug: s.string({ minLength: 1 }).optional(),
    name: text.optional(),
    owner: login
      .describe("The login that owns the app. Default: the first installation's account.")
      .optional(),
    privateKey: pem.optional(),
    publicKey: pem.optional(),
    webhook: s
      .object(
        { url: httpUrl, secret: text.optional() },
        { example: "{ url: 'http://127.0.0.1:3000/webhooks' }" },
      )
      .describe("Where the app's webhook deliveries go.")
      .optional(),
    permissions: s.record(s.string(), { key: 'permission names to access levels' }).optional(),
    events: s.array(s.string()).optional(),
    installations: s
      .array(
        s.object(
          {
            id: s.integer({ minimum: 1 }).optional(),
            account: login,
            repositories: s.union([s.literal('all'), s.array(fullName)]).optional(),
          },
          { example: "{ id: 1, account: 'octo' }" },
        ),
      )
      .optional(),
  },
  { example: "{ id: 1, privateKey: pem, installations: [{ id: 1, account: 'octo' }] }" },
)

/**
 * What `seed()` and the `seed` option take, as a schema.
 *
 * @example
 * validate(githubSeedSchema, { repos: [{ full_name: 'octo/hello', isues: [] }] }) // [{ path: 'repos[0].isues', message: 'unknown key "isues"; did you mean "issues"?' }]
 */
export const githubSeedSchema: Schema<GitHubSeed> = s
  .object(
    {
      repos: s.array(repo).optional(),
      users: s.array(user).optional(),
      apps: s.array(app).optional(),
      hooks: s
        .array(
          s.object(
            { repo: fullName.describe('A repository seeded in `repos` (or before).'), ...hookFields },
            {
              example: "{ repo: 'octo/hello', url: 'http://127.0.0.1:3000/webhooks', secret: 'whsec_test' }",
            },
          ),
        )
        .describe('Repository webhooks, as an alternative to `repos[].hooks`.')
        .optional(),
    },
    { example: "{ repos: [{ full_name: 'octo/hello' }] }" },
  )
  .describe('GitHub seed: repositories (issues, labels, files, hooks), users with tokens, apps.')
