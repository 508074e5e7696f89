declare module 'virtual:dashboard-script' {
  /** The dashboard's bundled browser script (dashboard-bundle.ts). */
  export const DASHBOARD_SCRIPT: string
}
