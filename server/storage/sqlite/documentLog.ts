/** The SQLite file's document log: a board's snapshot and the updates appended after it. */
import type Database from 'better-sqlite3'
import { asBuffer } from '../asBuffer.ts'
import type { DocumentLog, StoredDocument } from '../DocumentLog.ts'

/** A board's snapshot, unless a newer one is stored; also a new board's first state (`boardDirectory.ts`). */
export const putSnapshotSql = `INSERT INTO snapshots (board_id, data, seq) VALUES (?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET data = excluded.data, seq = excluded.seq
         WHERE excluded.seq > snapshots.seq`

export class SqliteDocumentLog implements DocumentLog {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      getSnapshot: db.prepare<[string], { data: Buffer; seq: number }>(
        'SELECT data, seq FROM snapshots WHERE board_id = ?',
      ),
      getUpdates: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      appendUpdate: db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)'),
      documentBytes: db.prepare<[string, string, string], { bytes: number }>(
        `SELECT COALESCE((SELECT length(data) FROM snapshots WHERE board_id = ?), 0)
           + COALESCE((SELECT SUM(length(data)) FROM updates
               WHERE board_id = ? AND seq > COALESCE((SELECT seq FROM snapshots WHERE board_id = ?), 0)), 0) AS bytes`,
      ),
      documentMark: db.prepare<[string, string], { updateSeq: number | null; snapshotSeq: number | null; snapshotBytes: number | null }>(
        `SELECT (SELECT MAX(seq) FROM updates WHERE board_id = ?) AS updateSeq, s.seq AS snapshotSeq, length(s.data) AS snapshotBytes
           FROM (SELECT 1) LEFT JOIN snapshots s ON s.board_id = ?`,
      ),
      putSnapshot: db.prepare(putSnapshotSql),
      dropUpdates: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    }
  }

  async loadDocument(boardId: string): Promise<StoredDocument> {
    return this.db.transaction(() => {
      const snapshot = this.statements.getSnapshot.get(boardId)
      const rows = this.statements.getUpdates.all(boardId, snapshot?.seq ?? 0)
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: rows.map((row) => new Uint8Array(row.data)),
        lastSeq: rows.at(-1)?.seq ?? snapshot?.seq ?? 0,
      }
    })()
  }

  async documentBytes(boardId: string): Promise<number> {
    return this.statements.documentBytes.get(boardId, boardId, boardId)!.bytes
  }

  async documentMark(boardId: string): Promise<string> {
    const { updateSeq, snapshotSeq, snapshotBytes } = this.statements.documentMark.get(boardId, boardId)!
    return updateSeq === null && snapshotSeq === null ? '' : `${updateSeq ?? 0}/${snapshotSeq ?? 0}/${snapshotBytes ?? 0}`
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    return Number(this.statements.appendUpdate.run(boardId, asBuffer(update)).lastInsertRowid)
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.statements.putSnapshot.run(boardId, asBuffer(snapshot), upToSeq)
      this.statements.dropUpdates.run(boardId, upToSeq)
    })()
  }
}
