import type { CliIO } from '../io'

export async function cassettesCommand(_args: string[], _io: CliIO): Promise<number> {
  return 1
}
