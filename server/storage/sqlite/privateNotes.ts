/** The SQLite file's private notes of each board's one open round, by author. */
import type Database from 'better-sqlite3'
import type { PrivateNotes } from '../PrivateNotes.ts'

export class SqlitePrivateNotes implements PrivateNotes {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      putPrivateNotes: db.prepare(
        `INSERT INTO private_notes (board_id, round_id, author, notes) VALUES (?, ?, ?, ?)
         ON CONFLICT(board_id, round_id, author) DO UPDATE SET notes = excluded.notes`,
      ),
      deletePrivateNote: db.prepare('DELETE FROM private_notes WHERE board_id = ? AND round_id = ? AND author = ?'),
      dropOtherRounds: db.prepare('DELETE FROM private_notes WHERE board_id = ? AND round_id <> ?'),
      getPrivateNotes: db.prepare<[string, string], { author: string; notes: string }>(
        'SELECT author, notes FROM private_notes WHERE board_id = ? AND round_id = ? ORDER BY author',
      ),
      getOwnPrivateNotes: db.prepare<[string, string, string], { notes: string }>(
        'SELECT notes FROM private_notes WHERE board_id = ? AND round_id = ? AND author = ?',
      ),
      deletePrivateNotes: db.prepare('DELETE FROM private_notes WHERE board_id = ?'),
    }
  }

  async putPrivateNotes(boardId: string, roundId: string, author: string, notes: string | null): Promise<void> {
    this.db.transaction(() => {
      this.statements.dropOtherRounds.run(boardId, roundId)
      if (notes === null) this.statements.deletePrivateNote.run(boardId, roundId, author)
      else this.statements.putPrivateNotes.run(boardId, roundId, author, notes)
    })()
  }

  async privateNotes(boardId: string, roundId: string): Promise<{ author: string; notes: string }[]> {
    return this.statements.getPrivateNotes.all(boardId, roundId)
  }

  async ownPrivateNotes(boardId: string, roundId: string, author: string): Promise<string | undefined> {
    return this.statements.getOwnPrivateNotes.get(boardId, roundId, author)?.notes
  }

  async deletePrivateNotes(boardId: string): Promise<void> {
    this.statements.deletePrivateNotes.run(boardId)
  }
}
