/**
 * `npm run admin -- audit verify`: checks the audit trail's hash chain (`server/base/auditChain.ts`)
 * in the relay's database (PostgreSQL with DATABASE_URL, else the SQLite file of DATA_DIR), beside
 * the running relay, under AUDIT_KEY where the relay has one; with `--checkpoints` also against
 * signed checkpoints kept elsewhere (`auditCheckpoints.ts`), which shows rows cut off the chain's
 * end. Exit 0 when intact, 1 naming the first broken row or checkpoint. It reads only: no row of
 * its own (opening the database under AUDIT_KEY notes rows without a place, as a relay's start
 * does: `audit-rows-unplaced`). `audit checkpoint` signs the chain's last row, for keeping elsewhere.
 */
import { appendFileSync, readFileSync } from 'node:fs'
import { verifyChain } from '../base/auditChain.ts'
import { checkpointOf, holdAgainstCheckpoints, readCheckpoints, type CheckpointVerdict } from '../base/auditCheckpoints.ts'
import { config, withBoardStorage } from './adminStorage.ts'
import { parseCommand, UsageError } from './cli.ts'

export const auditVerifyUsage = `  audit verify [--checkpoints <file>] [--json]
                                checks the audit trail's hash chain (under AUDIT_KEY where set) and,
                                with --checkpoints, against signed checkpoints kept elsewhere (the
                                relay's AUDIT_STDOUT lines or \`audit checkpoint\`'s): exit 0 when
                                intact, exit 1 naming the first row edited, deleted, inserted or cut off
`

export const auditCheckpointUsage = `  audit checkpoint [--out <file>] [--public-key]
                                a signed checkpoint of the audit trail's last row (needs AUDIT_KEY),
                                as a JSON line to stdout or appended to <file>; --public-key: the
                                key that checks checkpoints, PEM
`

export async function auditVerifyCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { name: 'audit verify', options: { json: { type: 'boolean' }, checkpoints: { type: 'string' } } })
  const { auditKey } = config()
  if (values.checkpoints !== undefined && !auditKey) throw new UsageError('--checkpoints needs AUDIT_KEY (or AUDIT_KEY_FILE): the key that signed them')
  const points = values.checkpoints === undefined ? null : readCheckpoints(readFileSync(values.checkpoints, 'utf8'))
  // A file without one signed line (a log from before AUDIT_KEY, the wrong file) proves nothing: say so, do not pass.
  if (points?.length === 0) {
    console.error(`no signed checkpoint in ${values.checkpoints}: the relay writes them with AUDIT_KEY and AUDIT_STDOUT=1, or \`audit checkpoint --out\``)
    return 1
  }
  const { rows, unchained } = await withBoardStorage((storage) => storage.auditChain())
  const verdict = verifyChain(rows, unchained, auditKey)
  const held: CheckpointVerdict | null = points && auditKey && verdict.intact ? holdAgainstCheckpoints(rows, points, auditKey) : null
  const intact = verdict.intact && (held?.held ?? true)
  if (values.json) console.log(JSON.stringify({ ...verdict, ...(held ? { checkpoints: held } : {}), ...(verdict.intact && !intact ? { intact: false } : {}) }, null, 2))
  else if (!verdict.intact) {
    const { seq, at, reason } = verdict.broken
    console.error(`audit trail broken at ${seq === null ? 'a row' : `row ${seq}`} (${at}): ${reason}`)
  } else if (held && !held.held) console.error(`audit trail broken at row ${held.seq}: ${held.reason}`)
  else {
    const keyed = !auditKey ? 'not keyed (no AUDIT_KEY)' : verdict.keyedFrom === null ? 'no row keyed yet' : `keyed from row ${verdict.keyedFrom}`
    const against = held ? `, held against ${held.checked} signed checkpoint(s)` : ''
    console.log(`audit trail intact: ${verdict.rows} rows, last hash ${verdict.lastHash ?? '–'} (${keyed}${against})`)
  }
  return intact ? 0 : 1
}

export async function auditCheckpointCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { name: 'audit checkpoint', options: { out: { type: 'string' }, 'public-key': { type: 'boolean' } } })
  const { auditKey } = config()
  if (!auditKey) throw new UsageError('audit checkpoint needs AUDIT_KEY (or AUDIT_KEY_FILE), as the relay has it')
  if (values['public-key']) {
    process.stdout.write(auditKey.publicKeyPem)
    return 0
  }
  const last = await withBoardStorage(async (storage) => {
    const seq = await storage.auditLastSeq()
    return seq === 0 ? null : ((await storage.auditRowsAfter(seq - 1, 1))[0] ?? null)
  })
  if (!last) {
    console.error('the audit trail is empty: nothing to sign')
    return 1
  }
  const line = JSON.stringify({ type: 'audit-checkpoint', ...checkpointOf(last, auditKey) })
  if (values.out === undefined) console.log(line)
  else {
    // Appended, readable by the operator only: a list of checkpoints grows in one file.
    appendFileSync(values.out, line + '\n', { mode: 0o600 })
    console.log(`checkpoint of row ${last.seq} appended to ${values.out}`)
  }
  return 0
}
