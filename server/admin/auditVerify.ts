/**
 * `npm run admin -- audit verify`: checks the audit trail's hash chain (`server/base/auditChain.ts`)
 * in the relay's database (PostgreSQL with DATABASE_URL, else the SQLite file of DATA_DIR), beside
 * the running relay. Exit 0 with the row count and the last hash when intact: note that hash
 * elsewhere (or compare it with the SIEM's lines), since whoever can write the database could
 * also rewrite the whole chain. Exit 1 naming the first broken row. It reads only: no row of its own.
 */
import { verifyChain } from '../base/auditChain.ts'
import { withBoardStorage } from './adminStorage.ts'
import { parseCommand } from './cli.ts'

export const auditVerifyUsage = `  audit verify [--json]         checks the audit trail's hash chain: exit 0 with the rows and the
                                last hash, exit 1 naming the first row edited, deleted or inserted
`

export async function auditVerifyCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { name: 'audit verify', options: { json: { type: 'boolean' } } })
  const { rows, unchained } = await withBoardStorage((storage) => storage.auditChain())
  const verdict = verifyChain(rows, unchained)
  if (values.json) console.log(JSON.stringify(verdict, null, 2))
  else if (verdict.intact) console.log(`audit trail intact: ${verdict.rows} rows, last hash ${verdict.lastHash ?? '–'}`)
  else {
    const { seq, at, reason } = verdict.broken
    console.error(`audit trail broken at ${seq === null ? 'a row' : `row ${seq}`} (${at}): ${reason}`)
  }
  return verdict.intact ? 0 : 1
}
