/**
 * Token estimates. Real tokenizers average about four characters of English per token; the mocks
 * use that rule so usage numbers are plausible, stable across runs, and easy to predict in tests.
 */

/**
 * Tokens in a piece of text: `ceil(length / 4)`, and 0 for empty text. Usage numbers are built from it.
 *
 * @example
 * countTokens('Hello there!') // 3
 */
export function countTokens(text: string | null | undefined): number {
  if (!text) return 0
  return Math.ceil(text.length / 4)
}

/** The longest prefix of `text` that fits in `tokens`. */
export function truncateToTokens(text: string, tokens: number): string {
  return text.slice(0, Math.max(0, tokens) * 4)
}
