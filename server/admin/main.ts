/**
 * `npm run admin -- <command>`: the operator's tools. Run on the server, as the relay's user and
 * with its environment (DATA_DIR, and DATABASE_URL where the relay has it: every command then
 * works on PostgreSQL). Reading commands work while the relay runs; `delete` goes through the
 * running relay (so open sockets close and nothing is written back), `restore` needs it stopped.
 *
 * Exit codes: 0 done (and `--help`), 1 the command failed (the message says why), 2 the command
 * line is wrong (unknown command or option, a missing or surplus argument): usage on stderr.
 * Each command lives in a module of its own; adding one is one line in `commands`.
 */
import { exportBoardCommand, exportBoardUsage, importBoardCommand, importBoardUsage } from './archiveCommands.ts'
import { auditCommand, auditUsage } from './auditList.ts'
import { auditCheckpointCommand, auditCheckpointUsage, auditVerifyCommand, auditVerifyUsage } from './auditVerify.ts'
import { config, recordAdmin } from './adminStorage.ts'
import { refuseUnkeyedAfterKeyed } from '../audit/auditKeyGuard.ts'
import type { AuditAction } from '../audit/auditTrail.ts'
import { backupCommand, backupUsage, restoreCommand, restoreUsage } from './backupCommands.ts'
import { deleteCommand, deleteUsage, listCommand, listUsage } from './boardList.ts'
import { asksForHelp, UsageError, type AdminCommand } from './cli.ts'
import { exportAllCommand, exportAllUsage, exportCommand, exportUsage } from './exportCommands.ts'
import { hashPasswordCommand, hashPasswordUsage } from './hashPassword.ts'
import { licenceCommand, licenceUsage } from './licence.ts'
import { retentionCommand, retentionUsage } from './retentionList.ts'
import { signInRequiredCommand, signInRequiredUsage } from './signInRequired.ts'

/** A command that only reads, noted in the audit trail once it has run. */
const noted = (run: AdminCommand['run'], action: AuditAction): AdminCommand['run'] => async (args) => {
  const code = await run(args)
  if (code === 0) await recordAdmin(action)
  return code
}

/**
 * Commands that never open the database (or, `audit checkpoint`, refuse without AUDIT_KEY
 * themselves). Every other one writes or may write a row (its own `admin:*` row, or strays chained
 * when the database opens), `audit verify` too, and could not check a keyed chain without the key:
 * so each refuses first on a keyed chain without the key (`auditKeyGuard.ts`).
 */
const withoutDatabase = new Set(['hash-password', 'licence', 'audit checkpoint'])

/** By name; a name of two words (`audit verify`) is a subcommand, matched before its first word. */
const commands: Record<string, AdminCommand> = {
  list: { run: noted(listCommand, 'admin:list'), usage: listUsage },
  delete: { run: deleteCommand, usage: deleteUsage },
  export: { run: exportCommand, usage: exportUsage },
  'export-all': { run: exportAllCommand, usage: exportAllUsage },
  backup: { run: backupCommand, usage: backupUsage },
  restore: { run: restoreCommand, usage: restoreUsage },
  'export-board': { run: exportBoardCommand, usage: exportBoardUsage },
  'import-board': { run: importBoardCommand, usage: importBoardUsage },
  'sign-in-required': { run: signInRequiredCommand, usage: signInRequiredUsage },
  'hash-password': { run: hashPasswordCommand, usage: hashPasswordUsage },
  licence: { run: licenceCommand, usage: licenceUsage },
  retention: { run: noted(retentionCommand, 'admin:retention'), usage: retentionUsage },
  audit: { run: noted(auditCommand, 'admin:audit'), usage: auditUsage },
  'audit verify': { run: auditVerifyCommand, usage: auditVerifyUsage },
  'audit checkpoint': { run: auditCheckpointCommand, usage: auditCheckpointUsage },
}

const usage = `usage: npm run admin -- <command> [options]    (--help after a command: its usage)

${Object.values(commands)
  .map((command) => command.usage.trimEnd())
  .join('\n')}

With DATABASE_URL every command works on PostgreSQL, else on the SQLite file in DATA_DIR.
Exit code 0: done; 1: the command failed; 2: a wrong command line (this text on stderr).
`

/**
 * One command's usage as `usage: npm run admin -- <its line>`, its description below: the table
 * above aligns descriptions at a column, which reads oddly for a single command.
 */
function commandUsage(lines: string): string {
  const [first = '', ...rest] = lines.trimEnd().split('\n')
  const [synopsis = '', description] = first.trim().split(/\s{2,}(.*)/)
  const said = [description, ...rest.map((line) => line.trim())].filter(Boolean)
  return `usage: npm run admin -- ${synopsis}\n${said.map((line) => `  ${line}`).join('\n')}\n`
}

function find(argv: string[]): { name: string; command: AdminCommand; args: string[] } | null {
  const [first, second] = argv
  const sub = first && second ? commands[`${first} ${second}`] : undefined
  if (sub) return { name: `${first} ${second}`, command: sub, args: argv.slice(2) }
  const command = first ? commands[first] : undefined
  return command ? { name: first!, command, args: argv.slice(1) } : null
}

async function main(argv: string[]): Promise<number> {
  const [first] = argv
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage)
    return 0
  }
  const found = find(argv)
  if (!found) {
    process.stderr.write(`${first === undefined ? 'admin: which command?' : `admin: no command ${JSON.stringify(first)}`}\n\n${usage}`)
    return 2
  }
  const { name, command, args } = found
  if (asksForHelp(args)) {
    process.stdout.write(commandUsage(command.usage))
    return 0
  }
  try {
    if (!withoutDatabase.has(name)) await refuseUnkeyedAfterKeyed(config())
    return await command.run(args)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`admin ${name}: ${error.message}\n\n${commandUsage(command.usage)}`)
      return 2
    }
    process.stderr.write(`admin ${name}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
