import type { CliIO } from '../io'

export async function recordCommand(_args: string[], _io: CliIO): Promise<number> {
  return 1
}
