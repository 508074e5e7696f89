/**
 * A credential shortened for display, never shown whole: `sk_test_123` → `sk_t…123`.
 * Short values keep less, so a mask never reveals most of a secret.
 */
export function maskCredential(value: string): string {
  if (value === 'default') return value
  if (value.length <= 4) return '…'
  if (value.length <= 8) return `${value.slice(0, 2)}…${value.slice(-2)}`
  return `${value.slice(0, 4)}…${value.slice(-3)}`
}
