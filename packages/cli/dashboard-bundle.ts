import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

/**
 * The dashboard's browser script (src/dashboard/client, typed TypeScript) bundled into one string
 * at build time: tsup (esbuildDashboardScript) and vitest (viteDashboardScript) both serve it as the
 * module `virtual:dashboard-script`, which the page inlines.
 */
export const DASHBOARD_SCRIPT_ID = 'virtual:dashboard-script'

const entry = fileURLToPath(new URL('./src/dashboard/client/main.ts', import.meta.url))

export async function bundleDashboardScript(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    charset: 'ascii',
    legalComments: 'none',
  })
  // Inlined in a <script> element: nothing in it may close the element.
  return result.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script')
}

async function moduleSource(): Promise<string> {
  return `export const DASHBOARD_SCRIPT = ${JSON.stringify(await bundleDashboardScript())}\n`
}

export function esbuildDashboardScript(): Plugin {
  return {
    name: 'dashboard-script',
    setup(builder) {
      builder.onResolve({ filter: /^virtual:dashboard-script$/ }, (args) => ({
        path: args.path,
        namespace: 'dashboard-script',
      }))
      builder.onLoad({ filter: /.*/, namespace: 'dashboard-script' }, async () => ({
        contents: await moduleSource(),
        loader: 'js',
      }))
    },
  }
}

export function viteDashboardScript() {
  const resolved = `\0${DASHBOARD_SCRIPT_ID}`
  return {
    name: 'dashboard-script',
    resolveId: (id: string) => (id === DASHBOARD_SCRIPT_ID ? resolved : undefined),
    load: async (id: string) => (id === resolved ? moduleSource() : undefined),
  }
}
