/**
 * The audit trail's hash chain: each row stores the hash of the row before it and its own, so a
 * row edited, deleted from the middle or slipped in breaks the chain (`npm run admin -- audit
 * verify`). A row's hash covers its place (`seq`), its time, the previous hash, a hash of its
 * body (action, board, actor) and its board's key (`boardKey`). Keeping the body's hash apart lets
 * a row's body be removed while the chain stays checkable: a deleted board's rows become stubs
 * (`erased`, keeping only the board's key, as its deletion row names it), and rows past
 * AUDIT_RETENTION_DAYS become `dropped` stubs (keeping the key too), of which only the first of
 * the chain stays, as its checkpoint. The key in the row hash is what stops a stub from lying: a
 * row can be erased only for the board it was about, and dropped only before the cutoff a later
 * sweep's row commits to (`sweptBefore`).
 *
 * With AUDIT_KEY (`auditKey.ts`) a row's hash is an HMAC under a key the database does not hold:
 * whoever can write the database cannot recompute the chain after an edit. Rows from before the
 * key stay checkable by the public formula, but only as a prefix: once a keyed row has been
 * written, an unkeyed one after it is a rewrite. Rows cut off the chain's end leave no trace in
 * the database; signed checkpoints kept elsewhere show them (`auditCheckpoints.ts`).
 */
import { createHash } from 'node:crypto'
import type { AuditKey } from './auditKey.ts'

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** What a deletion row (and an erased row) keeps of the board: a hash of its id. */
export const hashedBoard = (boardId: string) => `sha256:${sha256(boardId)}`

/** What a row's hash commits to of its board, and all a stub keeps of it. */
export const boardKey = (board: string | null) => (board === null ? 'none' : hashedBoard(board))

/**
 * The `audit-rows-dropped` row's board: the sweep's cutoff (`sweptBefore`) and the front it left, the place and hash
 * of the chain's first row after it (`sweptFront`), both in its body and so under its hash. Only a sweep cuts the
 * front: a front other than the last sweep's was cut by someone else. Rows of sweeps before the front was kept have none.
 */
export const sweepBoard = (before: string, front?: { seq: number; hash: string }) => `before:${before}${front ? ` front:${front.seq}:${front.hash}` : ''}`
const sweepPattern = /^before:(\S+)(?: front:(\d+):([0-9a-f]+))?$/
const sweepOf = (row: { action: string; board: string | null }) => (row.action === rowsDroppedAction ? sweepPattern.exec(row.board ?? '') : null)
const sweptBefore = (row: { action: string; board: string | null }) => sweepOf(row)?.[1] ?? null
const sweptFront = (row: { action: string; board: string | null }) => {
  const match = sweepOf(row)
  return match?.[2] ? { seq: Number(match[2]), hash: match[3]! } : null
}

/** The `prev_hash` of the chain's first row. */
export const genesisHash = '0'.repeat(64)

/** A deleted board's row, reduced to its place, time and hashes and the board id's hash. */
export const erasedAction = 'erased'
/** A row past AUDIT_RETENTION_DAYS, reduced to its place, time and hashes. */
export const droppedAction = 'dropped'
/** Appended by each retention sweep that dropped rows: what makes `dropped` stubs expected. */
export const rowsDroppedAction = 'audit-rows-dropped'
/** Appended when a relay without AUDIT_KEY chained rows written before the chain (or by an older release beside it). */
export const rowsChainedAction = 'audit-rows-chained'
/**
 * Appended when a relay with AUDIT_KEY found rows without a place that it does not chain (every writer with the key
 * places its own rows): their count and ids (`unplacedBoard`), so that the chain keeps a trace of them even once deleted.
 */
export const rowsUnplacedAction = 'audit-rows-unplaced'
/** How many ids an `audit-rows-unplaced` row names at most (its count names all). */
const unplacedIdsShown = 20
/** The `audit-rows-unplaced` row's board: `unplaced:<count>:<id>,<id>,…` (SQLite's rowid, PostgreSQL's seq). */
export const unplacedBoard = (ids: readonly (number | string)[]) =>
  `unplaced:${ids.length}:${ids.slice(0, unplacedIdsShown).join(',')}${ids.length > unplacedIdsShown ? ',…' : ''}`

export const isStub = (action: string) => action === erasedAction || action === droppedAction

/**
 * Actions only the chain itself writes, each with its place: a row of these without one was slipped in past the relay
 * (a sweep reaching into the future would let any row pass as `dropped`), so a start leaves it outside the chain, where
 * `verify` shows it, instead of chaining it with the rows of an older release.
 */
export const chainOnlyActions = [erasedAction, droppedAction, rowsDroppedAction, rowsChainedAction, rowsUnplacedAction, 'audit-key-in-use'] as const
/** SQL: `action` is none of `chainOnlyActions` (constants, no input). */
export const notChainOnlySql = `action NOT IN (${chainOnlyActions.map((a) => `'${a}'`).join(', ')})`

export const bodyHash = (action: string, board: string | null, actor: string) => sha256(JSON.stringify([action, board, actor]))

/** A row's hash: public (`netzwerkstatt-audit-2`) without an audit key, an HMAC under it (`-3`) with one. */
export const rowHash = (seq: number, at: string, prevHash: string, body: string, key: string, auditKey?: AuditKey | null) =>
  auditKey ? auditKey.mac(JSON.stringify(['netzwerkstatt-audit-3', seq, at, prevHash, body, key])) : sha256(JSON.stringify(['netzwerkstatt-audit-2', seq, at, prevHash, body, key]))

/** A row as the chain stores it. */
export interface ChainedRow {
  seq: number
  at: string
  action: string
  board: string | null
  actor: string
  prevHash: string
  bodyHash: string
  hash: string
}

/** The next row's chain fields after `tail` (null: the chain's first row). */
export function nextLink(
  tail: { seq: number; hash: string } | null,
  entry: { at: string; action: string; board: string | null; actor: string },
  auditKey?: AuditKey | null,
): Pick<ChainedRow, 'seq' | 'prevHash' | 'bodyHash' | 'hash'> {
  const seq = (tail?.seq ?? 0) + 1
  const prevHash = tail?.hash ?? genesisHash
  const body = bodyHash(entry.action, entry.board, entry.actor)
  return { seq, prevHash, bodyHash: body, hash: rowHash(seq, entry.at, prevHash, body, boardKey(entry.board), auditKey) }
}

/** A row's key in its hash: a stub keeps it in `board`, a live row's is computed from its board. */
const hashedKeyOf = (row: ChainedRow) => (isStub(row.action) ? row.board : boardKey(row.board))

/** Whether the row's hash is the HMAC under this key (a stub's body is not needed: its hash commits to the body's hash). */
export const keyedUnder = (row: ChainedRow, auditKey: AuditKey) => {
  const key = hashedKeyOf(row)
  return key !== null && rowHash(row.seq, row.at, row.prevHash, row.bodyHash, key, auditKey) === row.hash
}

/**
 * Whether the row's hash follows the public formula (no AUDIT_KEY): what can be told of a row
 * without the key. A row that does not was hashed under a key (or edited).
 */
export const publiclyHashed = (row: ChainedRow) => {
  const key = hashedKeyOf(row)
  return key !== null && rowHash(row.seq, row.at, row.prevHash, row.bodyHash, key, null) === row.hash
}

/** `keyedFrom`: the first row hashed under the audit key (null: none, or no key to tell). */
export type ChainVerdict =
  | { intact: true; rows: number; lastHash: string | null; keyedFrom: number | null }
  | { intact: false; rows: number; broken: { seq: number | null; at: string; reason: string } }

/**
 * Checks the chain, oldest first. `unchained`: rows without a place in the chain (inserted
 * outside the relay, or written by an older release beside a newer one). `auditKey`: the
 * relay's AUDIT_KEY, without which keyed rows cannot be checked.
 */
export function verifyChain(rows: readonly ChainedRow[], unchained: readonly { at: string; action: string }[] = [], auditKey: AuditKey | null = null): ChainVerdict {
  const broken = (row: ChainedRow, reason: string): ChainVerdict => ({ intact: false, rows: rows.length, broken: { seq: row.seq, at: row.at, reason } })
  let keyedFrom: number | null = null
  // The front the last sweep left (null: no sweep, or one from before sweeps kept it).
  const lastSweep = rows.findLast((r) => sweptBefore(r) !== null)
  const front = lastSweep ? sweptFront(lastSweep) : null
  for (const [i, row] of rows.entries()) {
    if (!isStub(row.action) && bodyHash(row.action, row.board, row.actor) !== row.bodyHash) return broken(row, 'its action, board or actor was changed')
    const key = hashedKeyOf(row)
    if (key === null) return broken(row, 'its time, place, board or hash was changed')
    const keyed = auditKey !== null && keyedUnder(row, auditKey)
    if (keyed) keyedFrom ??= row.seq
    else if (rowHash(row.seq, row.at, row.prevHash, row.bodyHash, key) !== row.hash) {
      return broken(row, auditKey ? 'its time, place, board or hash was changed' : 'its hash does not match: it was changed, or written under AUDIT_KEY (set AUDIT_KEY or AUDIT_KEY_FILE to check it)')
    } else if (keyedFrom !== null) {
      return broken(row, `its hash is not keyed, but row ${keyedFrom} before it is: the chain was recomputed without AUDIT_KEY from here on, or a relay or admin command wrote without the key`)
    }
    const previous = rows[i - 1]
    if (!previous && front && (row.seq !== front.seq || row.hash !== front.hash)) {
      return broken(row, `the chain starts at row ${row.seq}, but the last retention sweep (row ${lastSweep!.seq}) left the chain starting at row ${front.seq}: the rows before it were deleted`)
    }
    // Only a retention sweep removes the chain's front (keeping a stub as its start): without a sweep after it, a
    // headless chain was cut, even at a deleted board's stub.
    const frontCut = !previous && row.prevHash !== genesisHash && !(isStub(row.action) && rows.slice(i + 1).some((r) => sweptBefore(r) !== null))
    if (previous ? row.prevHash !== previous.hash : frontCut) {
      return broken(row, previous ? `it does not follow row ${previous.seq}: a row between them was deleted or inserted` : 'the rows before it were deleted')
    }
    const later = rows.slice(i + 1)
    // Its deletion row, or that row dropped by retention since (a stub keeping the deletion row's own key).
    const deletes = (r: ChainedRow) => (r.action === 'board-deleted' && r.board === row.board) || (r.action === droppedAction && r.board === boardKey(row.board))
    if (row.action === erasedAction && !later.some(deletes)) {
      return broken(row, 'its body was removed, but no deletion of its board follows')
    }
    if (row.action === droppedAction && !later.some((r) => row.at < (sweptBefore(r) ?? ''))) {
      return broken(row, 'its body was removed, but no retention sweep follows')
    }
  }
  // A relay with the key marks the chain at its start (`audit-key-in-use`, `markKeyInUse`), so a keyed chain ends in
  // a keyed row: one that does not was recomputed without the key, or cut back to before it.
  const last = rows.at(-1)
  if (auditKey && last && keyedFrom === null) {
    return broken(last, 'no row is keyed under AUDIT_KEY: the chain was recomputed without the key or cut back to before it, or no relay with this key has started on it yet')
  }
  const stray = unchained[0]
  if (stray) {
    // With the key, nobody chains them (`audit-rows-unplaced`): every writer holding it places its own rows.
    const next = auditKey
      ? 'a relay with AUDIT_KEY leaves them outside the chain: look at them (chain_seq IS NULL) and delete them'
      : "a relay's start without AUDIT_KEY chains those"
    return { intact: false, rows: rows.length, broken: { seq: null, at: stray.at, reason: `${unchained.length} row(s) outside the chain (${stray.action} first): inserted outside the relay, or written by an older release; ${next}` } }
  }
  return { intact: true, rows: rows.length, lastHash: rows.at(-1)?.hash ?? null, keyedFrom }
}
