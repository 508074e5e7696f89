/// <reference path="./virtual.d.ts" />
import { DASHBOARD_SCRIPT } from 'virtual:dashboard-script'

/**
 * The dashboard's script: src/dashboard/client (typed TypeScript, DOM only), bundled into one
 * string at build time by dashboard-bundle.ts.
 */
export const DASHBOARD_JS: string = DASHBOARD_SCRIPT
