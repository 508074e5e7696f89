import type { Paint } from './io'

/** Exit codes, the same for every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

const exitCodes = `Exit codes
  0  success
  1  failure (port in use, unreadable file...), or findings (cassettes check)
  2  usage error (unknown command or flag, bad value)`

/** Help texts, one per command, printed by `--help`. `{b}`...`{/b}` marks bold headings. */
const texts: Record<string, string> = {
  main: `understudy: stand-in GitHub, Slack, Stripe and OpenAI APIs for testing agents, in any language

Usage
  understudy <command> [options]

Commands
  serve       Serve every mock, the admin API and the dashboard on one port
  record      Record a live API's traffic into a cassette, through a local proxy
  cassettes   Check, list, import and export cassettes (understudy cassettes --help)
  env         Print the environment variables that point SDKs at a running server
  mcp         Serve the GitHub, Slack or Stripe MCP stand-in on stdio

Options
  -h, --help     Show help; "understudy <command> --help" for a command
  -v, --version  Print the version

${exitCodes}

Docs: https://github.com/understudy-dev/understudy/tree/main/packages/cli#readme`,

  serve: `understudy serve: every mock, the admin API and the dashboard on one port

Usage
  understudy serve [options]

Options
  -p, --port <n>           Port to listen on (default 4010; 0 picks a free port)
      --host <addr>        Interface to bind (default 127.0.0.1; 0.0.0.0 in a container)
      --seed <file>        Fixture state, JSON or YAML: { github?, slack?, stripe?, openai? }
  -c, --config <file>      Server settings and every mock's options, JSON or YAML (config.schema.json);
                           flags override it
      --services <list>    Comma-separated services to mount (default: all)
                           github, slack, stripe, openai
      --replay <cassette>  Serve this cassette's recorded interactions before the mocks: a file,
                           or a name in --cassettes; repeat for several
      --cassettes <dir>    Cassette folder for --replay names and the dashboard
                           (default ./__cassettes__, as @understudy/core uses)
      --allowed-hosts <list>  Host names the admin API and dashboard answer to, comma-separated,
                           besides localhost, IP addresses and --host (".example.test" allows
                           subdomains; "all" allows any: only on a network you trust). See SECURITY.md
      --max-partitions <n> Credential partitions kept per service (default 1000); the least
                           recently used idle one is dropped beyond it
      --verbose            Print every request to stderr
      --json               Print one JSON line { url, port, services, baseUrls, pid } when listening
  -h, --help               Show this help

Where the services are (with the default port)
  GitHub   http://127.0.0.1:4010/github       Octokit { baseUrl }
  Slack    http://127.0.0.1:4010/slack/api/   WebClient { slackApiUrl }
  OpenAI   http://127.0.0.1:4010/openai/v1    OpenAI { baseURL }
  Anthropic http://127.0.0.1:4010/anthropic   Anthropic { baseURL }
  Gemini   http://127.0.0.1:4010/gemini       GoogleGenAI { httpOptions: { baseUrl } }
  Stripe   http://127.0.0.1:4010/v1           Stripe { host, port, protocol: 'http' } (also /stripe/v1)
  Admin    http://127.0.0.1:4010/_understudy/ health, requests, reset, seed, openai/replies,
                                              anthropic/replies, gemini/replies,
                                              slack/events, faults, webhooks, state, cassettes,
                                              events
  Dashboard http://127.0.0.1:4010/

State is partitioned by credential: each API key or token sees only its own data.
Stops on Ctrl+C (SIGINT) or SIGTERM: stops accepting, lets requests in flight finish and webhook
deliveries settle (at most 10 s), closes keep-alive connections, then exits.

Environment
  UNDERSTUDY_PORT   Port to listen on when --port is not given
  NO_COLOR          No colours (colours are only used on a terminal anyway)

Examples
  understudy serve
  understudy serve --port 0 --json
  understudy serve --seed seed.yaml --services github,slack
  understudy serve --config understudy.yaml
  understudy serve --replay __cassettes__/github/triage.json

${exitCodes}`,

  mcp: `understudy mcp: the GitHub, Slack or Stripe MCP stand-in on stdin/stdout, for MCP clients that spawn servers

Usage
  understudy mcp <github|slack|stripe> [options]

Options
  --seed <file>    Seed data (JSON or YAML, as for serve) for the standalone mock
  --server <url>   Bridge to a running "understudy serve" instead: its /mcp/<service>, its state
  --token <token>  The credential (partition) tool calls carry (default: env UNDERSTUDY_MCP_TOKEN,
                   else ghp_test, xoxb-test or sk_test_123)
  -h, --help       Show this help

Examples
  understudy mcp github --seed seed.yaml
  understudy mcp slack --server http://127.0.0.1:4010 --token xoxb-worker1`,
  record: `understudy record: a recording proxy that saves a live API's traffic into a cassette

Point your client (in any language) at the proxy instead of the API; each request is forwarded to
--target and the interaction is written to the cassette, with credentials filtered out. A write that
would contain a secret is refused. Replay it later with "understudy serve --replay <cassette>".

Usage
  understudy record --target <base-url> [options]

Options
  -t, --target <url>     The live API's base URL, e.g. https://api.github.com (required)
  -p, --port <n>         Port to listen on (default 4010; 0 picks a free port)
      --host <addr>      Interface to bind (default 127.0.0.1)
  -c, --cassette <name>  Cassette name (default: the target's host name)
  -d, --dir <dir>        Cassette folder (default ./__cassettes__)
      --json             Print { url, port, target, cassette, file } when listening, and
                         { recorded, refused, failed } at the end
  -h, --help             Show this help

Examples
  understudy record --target https://api.github.com --cassette github/triage
  GITHUB_API_URL=http://127.0.0.1:4010 python agent.py

${exitCodes}`,

  cassettes: `understudy cassettes: check, list, import and export cassettes

Usage
  understudy cassettes <command> [options]

Commands
  check [dir]                 Report expired, corrupt and secret-bearing cassettes; exit 1 on findings
  list [dir]                  List cassettes with their interactions and expiry
  import --har <file>         Convert a HAR 1.2 file (browser DevTools, proxies) into a cassette
  import --vcr <file.yaml>    Convert a vcrpy cassette into a cassette
  export --har <cassette>     Convert a cassette into a HAR 1.2 file

Run "understudy cassettes <command> --help" for a command's options.

${exitCodes}`,

  env: `understudy env: the environment variables that point SDKs at a running server

Asks the server which services it mounts (GET /_understudy/info) and prints, for each, its base
URL and a placeholder credential in the variables the SDKs read: OPENAI_BASE_URL/OPENAI_API_KEY
(openai, Python and Node), ANTHROPIC_BASE_URL/ANTHROPIC_API_KEY (anthropic), and for GitHub,
Slack and Stripe, whose SDKs read no base URL from the environment, GITHUB_API_URL/GITHUB_TOKEN,
SLACK_API_URL/SLACK_BOT_TOKEN, STRIPE_API_BASE/STRIPE_API_KEY for your code to pass on.

Usage
  understudy env [options]

Options
  -s, --shell <shell>  sh (default), fish, powershell or dotenv
      --url <url>      The server (default $UNDERSTUDY_URL, else http://127.0.0.1:$UNDERSTUDY_PORT,
                       else http://127.0.0.1:4010)
      --json           Print { url, services, env } as JSON
  -h, --help           Show this help

Examples
  eval "$(understudy env)"
  understudy env --shell fish | source
  understudy env --shell powershell | Invoke-Expression
  understudy env --shell dotenv --url http://127.0.0.1:4010 > .env.test

${exitCodes}`,

  'cassettes check': `understudy cassettes check: find expired, corrupt and secret-bearing cassettes

Usage
  understudy cassettes check [dir] [options]

Arguments
  dir            Cassette folder (default ./__cassettes__)

Options
  --json         Print the report as JSON
  -h, --help     Show this help

Exits 1 when any cassette is expired, corrupt or holds a secret, so CI fails.

${exitCodes}`,

  'cassettes list': `understudy cassettes list: list cassettes with their interactions and expiry

Usage
  understudy cassettes list [dir] [options]

Arguments
  dir            Cassette folder (default ./__cassettes__)

Options
  --json         Print the list as JSON
  -h, --help     Show this help

${exitCodes}`,

  'cassettes import': `understudy cassettes import: convert a HAR or vcrpy file into a cassette

Usage
  understudy cassettes import --har <file.har> [options]
  understudy cassettes import --vcr <file.yaml> [options]

Options
      --har <file>       A HAR 1.2 file
      --vcr <file>       A vcrpy YAML cassette
  -c, --cassette <name>  Cassette name (default: the file's name without extension)
  -d, --dir <dir>        Cassette folder (default ./__cassettes__)
      --force            Overwrite an existing cassette
      --json             Print { cassette, file, interactions } as JSON
  -h, --help             Show this help

Credentials are filtered as when recording; a file holding a secret is refused.

${exitCodes}`,

  'cassettes export': `understudy cassettes export: convert a cassette into a HAR 1.2 file

Usage
  understudy cassettes export --har <cassette> [options]

Options
      --har <cassette>   The cassette: a file path, or a name in --dir
  -d, --dir <dir>        Cassette folder (default ./__cassettes__)
  -o, --out <file>       Where to write (default: the cassette's name with .har, "-" for stdout)
      --json             Print { file, entries } as JSON
  -h, --help             Show this help

${exitCodes}`,
}

export function helpText(command: string, color: Paint): string {
  const text = texts[command] ?? texts.main!
  // Section headings are the lines that start at column 0 and are followed by an indented block.
  return text.replace(/^([A-Z][A-Za-z ()]+)$/gm, (heading) => color.bold(heading))
}
