/** What `GET /_understudy/cassettes` answers. */
export interface CassetteListing {
  dir: string | null
  cassettes: unknown[]
}

export async function listCassettes(
  dir: string | undefined,
  _replaying: readonly string[],
): Promise<CassetteListing> {
  return { dir: dir ?? null, cassettes: [] }
}
