/** `hash-password`: the value for CREATOR_PASSWORD_HASH, from a password asked for without echo. */
import { hashPassword } from '../auth/creatorPassword.ts'
import { parseCommand } from './cli.ts'
import { readSecret } from './readSecret.ts'

export const hashPasswordUsage = `  hash-password                 asks for a creator password and prints CREATOR_PASSWORD_HASH`

export async function hashPasswordCommand(args: string[]): Promise<number> {
  parseCommand(args, { name: 'hash-password' })
  const password = await readSecret('Creator password (at least 12 characters): ')
  console.log(await hashPassword(password))
  return 0
}
