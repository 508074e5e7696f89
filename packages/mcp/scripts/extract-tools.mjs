#!/usr/bin/env node
// Extracts the official MCP servers' tool definitions (name, description, input schema, annotations)
// into src/generated/*.json, so the stand-ins publish exactly what the real servers publish.
//
// Usage (add `--only github|stripe|slack` for one of them):
//   node scripts/extract-tools.mjs --github <checkout of github/github-mcp-server> --github-ref v1.10.1 \
//     --npm <dir where @stripe/agent-toolkit@0.7.12, @modelcontextprotocol/server-slack and
//            @modelcontextprotocol/sdk are installed (npm install in a scratch dir)>
//
// GitHub: the toolsnaps (pkg/github/__toolsnaps__/*.snap) the official server keeps as its own test
// oracle: the exact JSON it serves in tools/list, read at the given git ref.
// Stripe: @stripe/agent-toolkit's MCP server, asked for tools/list over an in-memory transport (the
// last release that defines its tools locally; later releases proxy to https://mcp.stripe.com).
// Slack: the reference @modelcontextprotocol/server-slack (Slack publishes no MCP server on npm); its
// tool objects are plain literals, evaluated in a sandbox without starting the server.
import { execFileSync } from 'node:child_process'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '..', 'src', 'generated')

function arg(name) {
  const i = process.argv.indexOf(`--${name}`)
  if (i < 0 || !process.argv[i + 1]) {
    console.error(
      `[understudy:mcp] missing --${name}. For example: --${name} ${name === 'github' ? '/tmp/github-mcp-server' : name === 'github-ref' ? 'v1.10.1' : '/tmp/mcpgen'}`,
    )
    process.exit(2)
  }
  return process.argv[i + 1]
}

/** Keys in a stable order so regenerating gives a clean diff. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    )
  }
  return value
}

function write(file, source, tools) {
  const data = { source, tools: sortKeys(tools).sort((a, b) => a.name.localeCompare(b.name)) }
  const path = join(out, file)
  writeFileSync(`${path}.tmp`, `${JSON.stringify(data, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
  console.log(`${file}: ${data.tools.length} tools from ${source.release}`)
}

// The tools of the official server's default toolsets (context, repos, issues, pull_requests, users)
// plus the labels tools that the stand-in implements on mock-github.
const GITHUB_TOOLS = [
  'add_comment_to_pending_review',
  'add_issue_comment',
  'add_reply_to_pull_request_comment',
  'create_branch',
  'create_or_update_file',
  'create_pull_request',
  'create_repository',
  'delete_file',
  'fork_repository',
  'get_commit',
  'get_file_contents',
  'get_latest_release',
  'get_label',
  'get_release_by_tag',
  'get_tag',
  'get_team_members',
  'get_teams',
  'get_me',
  'issue_read',
  'issue_write',
  'label_write',
  'list_branches',
  'list_commits',
  'list_issue_fields',
  'list_issue_types',
  'list_issues',
  'list_label',
  'list_pull_requests',
  'list_releases',
  'list_repository_collaborators',
  'list_tags',
  'merge_pull_request',
  'push_files',
  'pull_request_read',
  'pull_request_review_write',
  'search_code',
  'search_commits',
  'search_issues',
  'search_pull_requests',
  'search_repositories',
  'search_users',
  'sub_issue_write',
  'update_pull_request',
  'update_pull_request_branch',
]

async function github() {
  const repo = arg('github')
  const ref = arg('github-ref')
  const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' })
  const commit = git('rev-parse', `${ref}^{commit}`).trim()
  const tools = GITHUB_TOOLS.map((name) => {
    const snap = JSON.parse(git('show', `${commit}:pkg/github/__toolsnaps__/${name}.snap`))
    return {
      name: snap.name,
      description: snap.description,
      inputSchema: snap.inputSchema,
      annotations: snap.annotations,
    }
  })
  write(
    'github-tools.json',
    { repository: 'github/github-mcp-server', release: ref, commit, path: 'pkg/github/__toolsnaps__' },
    tools,
  )
}

async function stripe() {
  const dir = arg('npm')
  const require = createRequire(join(dir, 'package.json'))
  const pkg = JSON.parse(
    readFileSync(join(dir, 'node_modules', '@stripe', 'agent-toolkit', 'package.json'), 'utf8'),
  )
  const { StripeAgentToolkit } = require('@stripe/agent-toolkit/modelcontextprotocol')
  const { Client } = require('@modelcontextprotocol/sdk/client/index.js')
  const { InMemoryTransport } = require('@modelcontextprotocol/sdk/inMemory.js')
  const all = { create: true, read: true, update: true }
  const objects = [
    'customers',
    'disputes',
    'invoices',
    'invoiceItems',
    'paymentLinks',
    'products',
    'prices',
    'balance',
    'refunds',
    'paymentIntents',
    'subscriptions',
    'documentation',
    'coupons',
  ]
  const server = new StripeAgentToolkit({
    secretKey: 'sk_test_123',
    configuration: { actions: Object.fromEntries(objects.map((o) => [o, all])) },
  })
  const [a, b] = InMemoryTransport.createLinkedPair()
  const client = new Client({ name: 'understudy-extract', version: '0' })
  await Promise.all([server.connect(a), client.connect(b)])
  const { tools } = await client.listTools()
  await client.close()
  write(
    'stripe-tools.json',
    { package: '@stripe/agent-toolkit', release: pkg.version, entry: 'modelcontextprotocol' },
    tools.map(({ name, description, inputSchema, annotations }) => ({
      name,
      description,
      inputSchema,
      ...(annotations ? { annotations } : {}),
    })),
  )
}

async function slack() {
  const dir = arg('npm')
  const pkgPath = join(dir, 'node_modules', '@modelcontextprotocol', 'server-slack', 'package.json')
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'))
  const source = readFileSync(join(dirname(pkgPath), 'dist', 'index.js'), 'utf8')
  const literals = [...source.matchAll(/^const (\w+Tool) = (\{[\s\S]*?\n\});$/gm)]
  if (literals.length === 0)
    throw new Error(
      '[understudy:mcp] no `const xTool = {...}` literals found in server-slack: its layout changed',
    )
  const tools = literals.map(([, , literal]) => vm.runInNewContext(`(${literal})`, {}))
  write(
    'slack-tools.json',
    { package: '@modelcontextprotocol/server-slack', release: pkg.version, path: 'dist/index.js' },
    tools,
  )
}

// `--only github` (or stripe, slack) regenerates one file, needing only that source's arguments.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
if (!only || only === 'github') await github()
if (!only || only === 'stripe') await stripe()
if (!only || only === 'slack') await slack()
