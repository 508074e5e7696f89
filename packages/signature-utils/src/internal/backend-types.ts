// The one seam between the schemes and a crypto library. Two implementations exist: ./backend
// (WebCrypto, the default build: browsers, Deno, Bun, edge runtimes) and ./backend.node (node:crypto,
// picked by the `node` export condition). The build swaps one module for the other, so the schemes
// never know which one they run on and the public API stays the same, async everywhere.

/** Where an HMAC key comes from. */
export type HmacKeySource =
  /** A secret used as its UTF-8 bytes, as GitHub, Slack and Stripe do. */
  | { readonly text: string }
  /**
   * Raw key bytes. `cacheKey` names the secret they were decoded from, with a namespace, so an
   * implementation may keep the prepared key; without it the bytes have no string form to cache under.
   */
  | { readonly bytes: Uint8Array; readonly cacheKey?: string }

export interface CryptoBackend {
  /** Which implementation this is, for tests and bug reports. */
  readonly name: 'webcrypto' | 'node:crypto'
  /**
   * HMAC-SHA256 of `prefix` (UTF-8) followed by `payload`. node:crypto answers synchronously (hashing a
   * webhook body takes microseconds); WebCrypto with a promise.
   */
  hmacSha256(
    key: HmacKeySource,
    prefix: string,
    payload: string | Uint8Array,
  ): Uint8Array | Promise<Uint8Array>
  /**
   * Compares two byte strings in time that depends only on their length, never on where they differ.
   * Different lengths give `false` (the digests compared here are 32 bytes, so length reveals nothing).
   */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean
  /** Standard base64 with padding. */
  toBase64(bytes: Uint8Array): string
  /** Decodes text already checked to be standard base64 (see `fromBase64` in ./crypto). */
  decodeBase64(text: string): Uint8Array
}
