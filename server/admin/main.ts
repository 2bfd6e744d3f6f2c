/**
 * `npm run admin -- <command>`: the operator's tools. Run on the server, with the same
 * environment (DATA_DIR) as the relay.
 */
import { hashPassword } from '../auth/creatorPassword.ts'
import { readSecret } from './readSecret.ts'

const usage = `usage: npm run admin -- <command>

  hash-password            asks for a creator password and prints its hash for CREATOR_PASSWORD_HASH
`

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async 'hash-password'() {
    const password = await readSecret('Creator password (at least 12 characters): ')
    console.log(await hashPassword(password))
  },
}

const [name, ...args] = process.argv.slice(2)
const command = name ? commands[name] : undefined
if (!command) {
  process.stderr.write(usage)
  process.exit(name ? 2 : 0)
}
try {
  await command(args)
} catch (error) {
  console.error(`admin ${name}: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
