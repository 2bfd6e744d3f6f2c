/**
 * The SQLite file's audit trail (`server/audit/auditTrail.ts`): rows chained by hash (`server/base/auditChain.ts`),
 * appended in an immediate transaction (the file's write lock: the relay and `npm run admin` in
 * another process never fork the chain), listed, and dropped when old.
 */
import type Database from 'better-sqlite3'
import type { AuditEntry, AuditLog } from '../AuditLog.ts'
import type { AuditKey } from '../../base/auditKey.ts'
import { boardKey, droppedAction, erasedAction, nextLink, notChainOnlySql, rowsChainedAction, rowsDroppedAction, rowsUnplacedAction, sweepBoard, unplacedBoard, type ChainedRow } from '../../base/auditChain.ts'
import { asChained, auditRowColumns, type AuditRow } from '../auditRow.ts'



/** Adds the chain's columns to a trail from before it. */
export function addChainColumns(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('audit')").all()
  for (const column of ['chain_seq INTEGER', 'prev_hash TEXT', 'body_hash TEXT', 'hash TEXT']) {
    if (!columns.some((c) => c.name === column.split(' ')[0])) db.exec(`ALTER TABLE audit ADD COLUMN ${column}`)
  }
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS audit_by_chain ON audit(chain_seq)')
}

export class SqliteAuditLog implements AuditLog {
  private readonly statements
  private readonly append: (entry: AuditEntry) => ChainedRow

  /** `auditKey`: AUDIT_KEY, under which new rows are hashed (`auditChain.ts`). */
  constructor(
    private readonly db: Database.Database,
    auditKey: AuditKey | null = null,
  ) {
    addChainColumns(db)
    db.function('audit_board_key', { deterministic: true }, (board: unknown) => boardKey(typeof board === 'string' ? board : null))
    this.statements = {
      tail: db.prepare<[], { seq: number; hash: string }>('SELECT chain_seq AS seq, hash FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO audit (at, action, board_id, actor, chain_seq, prev_hash, body_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      unchained: db.prepare<[], AuditEntry & { rowid: number }>(`SELECT rowid, at, action, board_id AS board, actor FROM audit WHERE chain_seq IS NULL AND ${notChainOnlySql} ORDER BY at, rowid`),
      chainRow: db.prepare('UPDATE audit SET chain_seq = ?, prev_hash = ?, body_hash = ?, hash = ? WHERE rowid = ?'),
      // A stub keeps its board's key, which its hash commits to (an erased row's board already is one).
      stubOld: db.prepare(`UPDATE audit SET action = '${droppedAction}', actor = '', board_id = CASE WHEN action = '${erasedAction}' THEN board_id ELSE audit_board_key(board_id) END WHERE at < ? AND chain_seq IS NOT NULL AND action <> '${droppedAction}'`),
      firstLive: db.prepare<[], { seq: number | null }>(`SELECT MIN(chain_seq) AS seq FROM audit WHERE chain_seq IS NOT NULL AND action NOT IN ('${droppedAction}', '${erasedAction}')`),
      lastStubBefore: db.prepare<[number], { seq: number | null }>('SELECT MAX(chain_seq) AS seq FROM audit WHERE chain_seq < ?'),
      lastSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(chain_seq) AS seq FROM audit'),
      dropFront: db.prepare('DELETE FROM audit WHERE chain_seq < ?'),
      chain: db.prepare<[], AuditRow>(`SELECT ${auditRowColumns} FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq`),
      after: db.prepare<[number, number], AuditRow>(`SELECT ${auditRowColumns} FROM audit WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?`),
      strays: db.prepare<[], { at: string; action: string }>('SELECT at, action FROM audit WHERE chain_seq IS NULL ORDER BY at, rowid'),
      strayIds: db.prepare<[], { id: number }>('SELECT rowid AS id FROM audit WHERE chain_seq IS NULL ORDER BY rowid'),
      lastUnplaced: db.prepare<[], { board: string | null }>(`SELECT board_id AS board FROM audit WHERE action = '${rowsUnplacedAction}' AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`),
      front: db.prepare<[], { seq: number; hash: string }>('SELECT chain_seq AS seq, hash FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq LIMIT 1'),
    }
    const appendNow = (entry: AuditEntry): ChainedRow => {
      const link = nextLink(this.statements.tail.get() ?? null, entry, auditKey)
      this.statements.insert.run(entry.at, entry.action, entry.board, entry.actor, link.seq, link.prevHash, link.bodyHash, link.hash)
      return { ...entry, ...link }
    }
    this.append = (entry) => db.transaction(appendNow).immediate(entry)
    // Rows from before the chain (or from an older release): chained now, in their order, and said so. Not under the
    // key: every writer holding it places its own rows, so these were slipped in; noted, left outside (`rowsUnplacedAction`).
    if (this.statements.strays.get()) db.transaction(() => {
      if (auditKey) {
        const noted = unplacedBoard(this.statements.strayIds.all().map((r) => r.id))
        if (this.statements.lastUnplaced.get()?.board !== noted) appendNow({ at: new Date().toISOString(), action: rowsUnplacedAction, board: noted, actor: 'server' })
        return
      }
      const unchained = this.statements.unchained.all()
      for (const row of unchained) {
        const link = nextLink(this.statements.tail.get() ?? null, row, auditKey)
        this.statements.chainRow.run(link.seq, link.prevHash, link.bodyHash, link.hash, row.rowid)
      }
      if (unchained.length > 0) appendNow({ at: new Date().toISOString(), action: rowsChainedAction, board: null, actor: 'server' })
    }).immediate()
    this.dropBefore = db.transaction((before: string) => {
      const dropped = this.statements.stubOld.run(before).changes
      if (dropped === 0) return 0
      // The chain's front of stubs goes, but for its last: the checkpoint the rest follows from.
      const firstLive = this.statements.firstLive.get()?.seq ?? (this.statements.lastSeq.get()?.seq ?? 0) + 1
      const checkpoint = this.statements.lastStubBefore.get(firstLive)?.seq
      if (checkpoint != null) this.statements.dropFront.run(checkpoint)
      appendNow({ at: new Date().toISOString(), action: rowsDroppedAction, board: sweepBoard(before, this.statements.front.get()), actor: 'retention' })
      return dropped
    })
  }

  private readonly dropBefore: Database.Transaction<(before: string) => number>

  async appendAudit(entry: AuditEntry): Promise<ChainedRow> {
    return this.append(entry)
  }

  async listAudit(filter: { boards?: string[]; since?: string } = {}): Promise<AuditEntry[]> {
    // What the chain holds: a row without a place is not vouched for (`verify` names it).
    const where: string[] = [`action NOT IN ('${droppedAction}', '${erasedAction}')`, 'chain_seq IS NOT NULL']
    const params: string[] = []
    if (filter.boards) {
      where.push(`board_id IN (${filter.boards.map(() => '?').join(', ') || 'NULL'})`)
      params.push(...filter.boards)
    }
    if (filter.since) {
      where.push('at >= ?')
      params.push(filter.since)
    }
    const rows = this.db
      .prepare<string[], { at: string; action: string; board_id: string | null; actor: string }>(
        `SELECT at, action, board_id, actor FROM audit WHERE ${where.join(' AND ')} ORDER BY at, rowid`,
      )
      .all(...params)
    return rows.map((row) => ({ at: row.at, action: row.action, board: row.board_id, actor: row.actor }))
  }

  async dropAuditBefore(before: string): Promise<number> {
    return this.dropBefore.immediate(before)
  }

  async auditLastSeq(): Promise<number> {
    return this.statements.lastSeq.get()?.seq ?? 0
  }

  async auditRowsAfter(seq: number, limit: number): Promise<ChainedRow[]> {
    return this.statements.after.all(seq, limit).map(asChained)
  }

  async auditChain(): Promise<{ rows: ChainedRow[]; unchained: { at: string; action: string }[] }> {
    // One read transaction: a row appended meanwhile is in both or in neither.
    return this.db.transaction(() => ({ rows: this.statements.chain.all().map(asChained), unchained: this.statements.strays.all() }))()
  }
}

/** A deleted board's rows keep their place in the chain, reduced to its key, a hash of the board id (`auditChain.ts`). */
export function eraseBoardAudit(db: Database.Database, boardId: string): void {
  db.prepare(`UPDATE audit SET action = '${erasedAction}', actor = '', board_id = ? WHERE board_id = ? AND chain_seq IS NOT NULL`).run(boardKey(boardId), boardId)
  db.prepare('DELETE FROM audit WHERE board_id = ? AND chain_seq IS NULL').run(boardId)
}
