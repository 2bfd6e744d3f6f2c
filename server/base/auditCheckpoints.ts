/**
 * Signed checkpoints of the audit chain: a row's place and hash, signed with the checkpoint key
 * that AUDIT_KEY gives (`auditKey.ts`). Every AUDIT_STDOUT row line carries one, and
 * `npm run admin -- audit checkpoint` writes one for the chain's last row. Kept outside the
 * database (the SIEM, another machine), they let `audit verify --checkpoints` show what the
 * chain alone cannot: rows cut off its end, or a chain recomputed in place.
 */
import type { AuditKey } from './auditKey.ts'
import type { ChainedRow } from './auditChain.ts'

export interface Checkpoint {
  seq: number
  at: string
  hash: string
  /** Which key signed it (`AuditKey.id`). */
  key: string
  signature: string
}

const signedText = (point: Pick<Checkpoint, 'seq' | 'at' | 'hash'>) => JSON.stringify(['netzwerkstatt-audit-checkpoint-1', point.seq, point.at, point.hash])

export function checkpointOf(row: Pick<ChainedRow, 'seq' | 'at' | 'hash'>, auditKey: AuditKey): Checkpoint {
  return { seq: row.seq, at: row.at, hash: row.hash, key: auditKey.id, signature: auditKey.sign(signedText(row)) }
}

/**
 * The checkpoints in a file of JSON lines: the relay's AUDIT_STDOUT lines (`type: "audit"` with a
 * signature), `audit checkpoint`'s lines, or a log with other lines between them (skipped).
 */
export function readCheckpoints(text: string): Checkpoint[] {
  const found: Checkpoint[] = []
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('{')) continue
    let value: Record<string, unknown>
    try {
      value = JSON.parse(line) as Record<string, unknown>
    } catch {
      continue
    }
    const { seq, at, hash, key, signature } = value
    if (typeof seq === 'number' && typeof at === 'string' && typeof hash === 'string' && typeof key === 'string' && typeof signature === 'string') {
      found.push({ seq, at, hash, key, signature })
    }
  }
  return found
}

export type CheckpointVerdict = { held: true; checked: number; latest: number | null } | { held: false; checked: number; reason: string; seq: number }

/**
 * Holds the chain (already verified link by link) against the checkpoints: each must be signed
 * by this key, and name a row the chain still has with that hash, or one before the chain's
 * start (retention drops old rows).
 */
export function holdAgainstCheckpoints(rows: readonly ChainedRow[], checkpoints: readonly Checkpoint[], auditKey: AuditKey): CheckpointVerdict {
  const bySeq = new Map(rows.map((row) => [row.seq, row]))
  const first = rows[0]?.seq ?? Infinity
  const last = rows.at(-1)?.seq ?? 0
  let latest: number | null = null
  for (const point of checkpoints) {
    if (point.key !== auditKey.id) return { held: false, checked: checkpoints.length, seq: point.seq, reason: `the checkpoint of row ${point.seq} was signed by another key (${point.key}, this one is ${auditKey.id})` }
    if (!auditKey.verify(signedText(point), point.signature)) return { held: false, checked: checkpoints.length, seq: point.seq, reason: `the checkpoint of row ${point.seq} has no valid signature: it was forged or changed` }
    if (point.seq > last) {
      return { held: false, checked: checkpoints.length, seq: point.seq, reason: `the chain ends at row ${last}, but a signed checkpoint names row ${point.seq} (${point.at}): rows were cut off its end` }
    }
    const row = bySeq.get(point.seq)
    if (row && row.hash !== point.hash) {
      return { held: false, checked: checkpoints.length, seq: point.seq, reason: `row ${point.seq} is not the row the signed checkpoint of ${point.at} names: the chain was rewritten` }
    }
    if (!row && point.seq >= first) return { held: false, checked: checkpoints.length, seq: point.seq, reason: `row ${point.seq}, named by a signed checkpoint, is missing` }
    latest = Math.max(latest ?? 0, point.seq)
  }
  return { held: true, checked: checkpoints.length, latest }
}
